/**
 * The Cognito operations test/env/moto/cognito_extensions.py adds to the emulator, called
 * through the AWS SDK as the operator calls them. Each test creates its own pools.
 */
import { createHmac, randomUUID } from 'node:crypto';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolCommand,
  ListTagsForResourceCommand as ListUserPoolTagsCommand,
  TagResourceCommand as TagUserPoolCommand,
  UntagResourceCommand as UntagUserPoolCommand,
  UpdateUserPoolCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolDomainCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolDomainCommand,
  UpdateUserPoolClientCommand,
  CreateResourceServerCommand,
  DeleteResourceServerCommand,
  DescribeResourceServerCommand,
  UpdateResourceServerCommand,
  CreateGroupCommand,
  DeleteGroupCommand,
  GetGroupCommand,
  UpdateGroupCommand,
  AddUserPoolClientSecretCommand,
  DeleteUserPoolClientSecretCommand,
  InitiateAuthCommand,
  ListUserPoolClientSecretsCommand,
  type UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  DescribeIdentityPoolCommand,
  GetIdentityPoolRolesCommand,
  GetPrincipalTagAttributeMapCommand,
  ListTagsForResourceCommand as ListIdentityPoolTagsCommand,
  SetPrincipalTagAttributeMapCommand,
  SetIdentityPoolRolesCommand,
  TagResourceCommand as TagIdentityPoolCommand,
  UntagResourceCommand as UntagIdentityPoolCommand,
  UpdateIdentityPoolCommand,
  type RoleMapping,
} from '@aws-sdk/client-cognito-identity';

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set (the integration global set-up starts moto)`);
  return value;
}

const endpoint = requiredEnv('AWS_ENDPOINT_URL');
const region = requiredEnv('AWS_REGION');
// moto's default account, unless the emulator was told otherwise.
const account = process.env.MOTO_ACCOUNT_ID ?? '123456789012';

const idp = new CognitoIdentityProviderClient({ endpoint, region });
const identity = new CognitoIdentityClient({ endpoint, region });

afterAll(() => {
  idp.destroy();
  identity.destroy();
});

function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

function roleArn(name: string): string {
  return `arn:aws:iam::${account}:role/${name}`;
}

interface PoolExtras {
  UserPoolTags?: Record<string, string>;
  DeletionProtection?: 'ACTIVE' | 'INACTIVE';
  UsernameAttributes?: ('email' | 'phone_number')[];
  AliasAttributes?: ('email' | 'phone_number' | 'preferred_username')[];
  UsernameConfiguration?: { CaseSensitive: boolean };
}

async function createUserPool(extras: PoolExtras = {}): Promise<UserPoolType & { Id: string; Arn: string }> {
  const { UserPool: pool } = await idp.send(new CreateUserPoolCommand({ PoolName: uniqueName('pool'), ...extras }));
  if (!pool?.Id || !pool.Arn) throw new Error('CreateUserPool returned no Id/Arn');
  return { ...pool, Id: pool.Id, Arn: pool.Arn };
}

async function userPoolTags(arn: string): Promise<Record<string, string> | undefined> {
  return (await idp.send(new ListUserPoolTagsCommand({ ResourceArn: arn }))).Tags;
}

async function createIdentityPool(tags?: Record<string, string>): Promise<string> {
  const pool = await identity.send(
    new CreateIdentityPoolCommand({
      IdentityPoolName: uniqueName('identities'),
      AllowUnauthenticatedIdentities: false,
      IdentityPoolTags: tags,
    }),
  );
  if (!pool.IdentityPoolId) throw new Error('CreateIdentityPool returned no IdentityPoolId');
  return pool.IdentityPoolId;
}

function identityPoolArn(id: string): string {
  return `arn:aws:cognito-identity:${region}:${account}:identitypool/${id}`;
}

async function identityPoolTags(id: string): Promise<Record<string, string> | undefined> {
  return (await identity.send(new ListIdentityPoolTagsCommand({ ResourceArn: identityPoolArn(id) }))).Tags;
}

describe('cognito-idp tags', () => {
  it('lists the UserPoolTags given to CreateUserPool', async () => {
    const pool = await createUserPool({ UserPoolTags: { team: 'identity', env: 'test' } });

    expect(await userPoolTags(pool.Arn)).toEqual({ team: 'identity', env: 'test' });
  });

  it('lists no tags for an untagged pool', async () => {
    const pool = await createUserPool();

    expect(await userPoolTags(pool.Arn)).toEqual({});
  });

  it('adds and overwrites tags with TagResource, visible in DescribeUserPool', async () => {
    const pool = await createUserPool({ UserPoolTags: { team: 'identity', env: 'test' } });

    await idp.send(new TagUserPoolCommand({ ResourceArn: pool.Arn, Tags: { env: 'prod', owner: 'me' } }));

    const expected = { team: 'identity', env: 'prod', owner: 'me' };
    expect(await userPoolTags(pool.Arn)).toEqual(expected);
    const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }));
    expect(UserPool?.UserPoolTags).toEqual(expected);
  });

  it('removes tags with UntagResource and ignores keys the pool does not have', async () => {
    const pool = await createUserPool({ UserPoolTags: { team: 'identity', env: 'test' } });

    await idp.send(new UntagUserPoolCommand({ ResourceArn: pool.Arn, TagKeys: ['env', 'never-set'] }));

    expect(await userPoolTags(pool.Arn)).toEqual({ team: 'identity' });
    const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }));
    expect(UserPool?.UserPoolTags).toEqual({ team: 'identity' });
  });

  it('answers ResourceNotFoundException for the ARN of a pool that does not exist', async () => {
    const pool = await createUserPool();
    await idp.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id }));
    const notFound = { name: 'ResourceNotFoundException' };

    await expect(userPoolTags(pool.Arn)).rejects.toMatchObject(notFound);
    await expect(idp.send(new TagUserPoolCommand({ ResourceArn: pool.Arn, Tags: { a: 'b' } }))).rejects.toMatchObject(notFound);
    await expect(idp.send(new UntagUserPoolCommand({ ResourceArn: pool.Arn, TagKeys: ['a'] }))).rejects.toMatchObject(notFound);
  });

  it('answers ResourceNotFoundException for a user pool ARN of another region', async () => {
    const pool = await createUserPool();
    const elsewhere = pool.Arn.replace(`:${region}:`, region === 'us-east-1' ? ':us-west-2:' : ':us-east-1:');

    await expect(userPoolTags(elsewhere)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('answers InvalidParameterException for an ARN that is not a user pool ARN', async () => {
    await expect(userPoolTags(`arn:aws:s3:${region}:${account}:bucket/not-a-pool`)).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(userPoolTags('not-an-arn')).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('refuses more than 50 tags on one pool', async () => {
    const pool = await createUserPool({ UserPoolTags: { first: '1' } });
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`key${i}`, `${i}`]));

    await expect(idp.send(new TagUserPoolCommand({ ResourceArn: pool.Arn, Tags: fifty }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    expect(await userPoolTags(pool.Arn)).toEqual({ first: '1' });
  });
});

describe('cognito-idp UpdateUserPool keeps what only CreateUserPool sets', () => {
  it('keeps username attributes and case sensitivity, and aliases, across an update', async () => {
    const byEmail = await createUserPool({ UsernameAttributes: ['email'], UsernameConfiguration: { CaseSensitive: false } });
    const byAlias = await createUserPool({ AliasAttributes: ['preferred_username'] });

    for (const pool of [byEmail, byAlias]) {
      await idp.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id, Policies: { PasswordPolicy: { MinimumLength: 12 } } }));
    }
    const email = (await idp.send(new DescribeUserPoolCommand({ UserPoolId: byEmail.Id }))).UserPool;
    expect(email).toMatchObject({ UsernameAttributes: ['email'], UsernameConfiguration: { CaseSensitive: false } });
    expect(email?.Policies?.PasswordPolicy?.MinimumLength).toBe(12);
    const alias = (await idp.send(new DescribeUserPoolCommand({ UserPoolId: byAlias.Id }))).UserPool;
    expect(alias?.AliasAttributes).toEqual(['preferred_username']);
  });
});

describe('cognito-idp DeleteUserPool with deletion protection', () => {
  it('is refused while protection is ACTIVE and allowed once UpdateUserPool sets it INACTIVE', async () => {
    const pool = await createUserPool({ DeletionProtection: 'ACTIVE' });

    await expect(idp.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message:
        'The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.',
    });
    const { UserPool } = await idp.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }));
    expect(UserPool?.DeletionProtection).toBe('ACTIVE');

    await idp.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id, DeletionProtection: 'INACTIVE' }));
    await idp.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id }));

    await expect(idp.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('deletes an unprotected pool', async () => {
    const pool = await createUserPool({ DeletionProtection: 'INACTIVE' });

    await idp.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id }));

    await expect(idp.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});

describe('cognito-idp UpdateUserPoolClient', () => {
  it('resets every setting the request leaves out, as AWS does; the name stays', async () => {
    const pool = await idp.send(new CreateUserPoolCommand({ PoolName: uniqueName('client-reset') }));
    const userPoolId = pool.UserPool?.Id ?? '';
    const created = await idp.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: 'web',
        CallbackURLs: ['https://a.example.com/cb'],
        LogoutURLs: ['https://a.example.com/'],
        DefaultRedirectURI: 'https://a.example.com/cb',
        AnalyticsConfiguration: { ApplicationArn: `arn:aws:mobiletargeting:${region}:${account}:apps/x`, RoleArn: roleArn('analytics') },
      }),
    );
    const clientId = created.UserPoolClient?.ClientId ?? '';
    await idp.send(new UpdateUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId, CallbackURLs: ['https://a.example.com/cb'] }));
    const client = (await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }))).UserPoolClient;
    expect(client?.ClientName).toBe('web');
    expect(client?.CallbackURLs).toEqual(['https://a.example.com/cb']);
    expect(client?.LogoutURLs).toBeUndefined();
    expect(client?.DefaultRedirectURI).toBeUndefined();
    expect(client?.AnalyticsConfiguration).toBeUndefined();
    expect(client?.RefreshTokenValidity).toBe(30);
    await idp.send(new DeleteUserPoolCommand({ UserPoolId: userPoolId }));
  });
});

describe('cognito-idp resource servers', () => {
  const scopes = [
    { ScopeName: 'orders.read', ScopeDescription: 'Read orders' },
    { ScopeName: 'orders.write', ScopeDescription: 'Write orders' },
  ];

  it('UpdateResourceServer replaces the name and the whole scope list', async () => {
    const pool = await createUserPool();
    await idp.send(new CreateResourceServerCommand({ UserPoolId: pool.Id, Identifier: 'https://api.example.com', Name: 'API', Scopes: scopes }));
    const updated = await idp.send(
      new UpdateResourceServerCommand({ UserPoolId: pool.Id, Identifier: 'https://api.example.com', Name: 'Orders API', Scopes: [{ ScopeName: 'orders.read', ScopeDescription: 'Read' }] }),
    );
    expect(updated.ResourceServer).toMatchObject({ Name: 'Orders API', Scopes: [{ ScopeName: 'orders.read', ScopeDescription: 'Read' }] });
    const described = await idp.send(new DescribeResourceServerCommand({ UserPoolId: pool.Id, Identifier: 'https://api.example.com' }));
    expect(described.ResourceServer).toMatchObject({ Identifier: 'https://api.example.com', Name: 'Orders API', Scopes: [{ ScopeName: 'orders.read', ScopeDescription: 'Read' }] });

    // Scopes left out go back to the default: none.
    await idp.send(new UpdateResourceServerCommand({ UserPoolId: pool.Id, Identifier: 'https://api.example.com', Name: 'Orders API' }));
    const cleared = await idp.send(new DescribeResourceServerCommand({ UserPoolId: pool.Id, Identifier: 'https://api.example.com' }));
    expect(cleared.ResourceServer?.Scopes ?? []).toEqual([]);
    await idp.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id }));
  });

  it('DeleteResourceServer deletes it; a second delete, or an update, answers ResourceNotFoundException', async () => {
    const pool = await createUserPool();
    await idp.send(new CreateResourceServerCommand({ UserPoolId: pool.Id, Identifier: 'orders', Name: 'Orders', Scopes: scopes }));
    await idp.send(new DeleteResourceServerCommand({ UserPoolId: pool.Id, Identifier: 'orders' }));
    const notFound = { name: 'ResourceNotFoundException' };
    await expect(idp.send(new DescribeResourceServerCommand({ UserPoolId: pool.Id, Identifier: 'orders' }))).rejects.toMatchObject(notFound);
    await expect(idp.send(new DeleteResourceServerCommand({ UserPoolId: pool.Id, Identifier: 'orders' }))).rejects.toMatchObject(notFound);
    await expect(idp.send(new UpdateResourceServerCommand({ UserPoolId: pool.Id, Identifier: 'orders', Name: 'Orders' }))).rejects.toMatchObject(notFound);
    await expect(idp.send(new DeleteResourceServerCommand({ UserPoolId: `${region}_nopool`, Identifier: 'orders' }))).rejects.toMatchObject(notFound);
    await idp.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id }));
  });

  it('app clients may name standard scopes and the scopes of the pool’s resource servers only (ScopeDoesNotExistException)', async () => {
    const pool = await createUserPool();
    const client = (scope: string) => ({ UserPoolId: pool.Id, ClientName: 'm2m', GenerateSecret: true, AllowedOAuthFlows: ['client_credentials' as const], AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: [scope] });
    const undefinedScope = { name: 'ScopeDoesNotExistException', message: expect.stringContaining('orders/read') };
    await expect(idp.send(new CreateUserPoolClientCommand(client('orders/read')))).rejects.toMatchObject(undefinedScope);

    await idp.send(new CreateResourceServerCommand({ UserPoolId: pool.Id, Identifier: 'orders', Name: 'Orders', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read' }] }));
    const created = await idp.send(new CreateUserPoolClientCommand(client('orders/read')));
    expect(created.UserPoolClient?.AllowedOAuthScopes).toEqual(['orders/read']);
    const clientId = created.UserPoolClient?.ClientId ?? '';
    await expect(idp.send(new UpdateUserPoolClientCommand({ ...client('orders/write'), ClientId: clientId }))).rejects.toMatchObject({ name: 'ScopeDoesNotExistException' });
    await expect(
      idp.send(new CreateUserPoolClientCommand({ UserPoolId: pool.Id, ClientName: 'web', AllowedOAuthFlows: ['code'], AllowedOAuthFlowsUserPoolClient: true, CallbackURLs: ['https://a.example.com/cb'], AllowedOAuthScopes: ['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin'] })),
    ).resolves.toBeDefined();
    await idp.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id }));
  });
});

describe('cognito-idp DescribeUserPoolDomain', () => {
  it("names a custom domain's certificate in CustomDomainConfig; a prefix domain has none", async () => {
    const pool = await idp.send(new CreateUserPoolCommand({ PoolName: uniqueName('domain') }));
    const userPoolId = pool.UserPool?.Id ?? '';
    const certificate = `arn:aws:acm:us-east-1:${account}:certificate/abc`;
    const custom = `${uniqueName('auth')}.example.com`;
    const prefix = uniqueName('prefix');
    await idp.send(new CreateUserPoolDomainCommand({ UserPoolId: userPoolId, Domain: custom, CustomDomainConfig: { CertificateArn: certificate } }));
    await idp.send(new CreateUserPoolDomainCommand({ UserPoolId: userPoolId, Domain: prefix }));
    const describedCustom = await idp.send(new DescribeUserPoolDomainCommand({ Domain: custom }));
    expect(describedCustom.DomainDescription?.CustomDomainConfig).toEqual({ CertificateArn: certificate });
    const describedPrefix = await idp.send(new DescribeUserPoolDomainCommand({ Domain: prefix }));
    expect(describedPrefix.DomainDescription?.Domain).toBe(prefix);
    expect(describedPrefix.DomainDescription?.CustomDomainConfig).toBeUndefined();
  });
});

describe('cognito-idp groups', () => {
  it('answers no RoleArn, Precedence or Description for a group created without them', async () => {
    const pool = await createUserPool();
    await idp.send(new CreateGroupCommand({ UserPoolId: pool.Id, GroupName: 'readers' }));
    const { Group: group } = await idp.send(new GetGroupCommand({ UserPoolId: pool.Id, GroupName: 'readers' }));
    expect(group).toMatchObject({ GroupName: 'readers', UserPoolId: pool.Id });
    expect(group).not.toHaveProperty('RoleArn');
    expect(group).not.toHaveProperty('Precedence');
    expect(group).not.toHaveProperty('Description');
  });

  it('UpdateGroup keeps what the request leaves out, and an empty Description clears it', async () => {
    const pool = await createUserPool();
    await idp.send(new CreateGroupCommand({ UserPoolId: pool.Id, GroupName: 'admins', Description: 'Admins', Precedence: 0, RoleArn: roleArn('admins') }));
    await idp.send(new UpdateGroupCommand({ UserPoolId: pool.Id, GroupName: 'admins', Precedence: 2 }));
    expect((await idp.send(new GetGroupCommand({ UserPoolId: pool.Id, GroupName: 'admins' }))).Group).toMatchObject({ Description: 'Admins', Precedence: 2, RoleArn: roleArn('admins') });
    await idp.send(new UpdateGroupCommand({ UserPoolId: pool.Id, GroupName: 'admins', Description: '' }));
    const { Group: group } = await idp.send(new GetGroupCommand({ UserPoolId: pool.Id, GroupName: 'admins' }));
    expect(group).not.toHaveProperty('Description');
    expect(group).toMatchObject({ Precedence: 2, RoleArn: roleArn('admins') });
  });

  it('refuses an empty or malformed RoleArn and a negative Precedence, as AWS does: a role cannot be cleared', async () => {
    const pool = await createUserPool();
    await idp.send(new CreateGroupCommand({ UserPoolId: pool.Id, GroupName: 'admins', RoleArn: roleArn('admins') }));
    await expect(idp.send(new UpdateGroupCommand({ UserPoolId: pool.Id, GroupName: 'admins', RoleArn: '' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining("at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20"),
    });
    await expect(idp.send(new CreateGroupCommand({ UserPoolId: pool.Id, GroupName: 'odd', RoleArn: 'not-an-arn-but-long-enough' }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(idp.send(new UpdateGroupCommand({ UserPoolId: pool.Id, GroupName: 'admins', Precedence: -1 }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining("at 'precedence'"),
    });
    await expect(idp.send(new CreateGroupCommand({ UserPoolId: pool.Id, GroupName: 'long', Description: 'd'.repeat(2049) }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    expect((await idp.send(new GetGroupCommand({ UserPoolId: pool.Id, GroupName: 'admins' }))).Group?.RoleArn).toBe(roleArn('admins'));
  });

  it('answers GroupExistsException for a second group of a name, ResourceNotFoundException for a missing one', async () => {
    const pool = await createUserPool();
    await idp.send(new CreateGroupCommand({ UserPoolId: pool.Id, GroupName: 'admins' }));
    await expect(idp.send(new CreateGroupCommand({ UserPoolId: pool.Id, GroupName: 'admins' }))).rejects.toMatchObject({ name: 'GroupExistsException' });
    const notFound = { name: 'ResourceNotFoundException' };
    await expect(idp.send(new GetGroupCommand({ UserPoolId: pool.Id, GroupName: 'nobody' }))).rejects.toMatchObject(notFound);
    await expect(idp.send(new UpdateGroupCommand({ UserPoolId: pool.Id, GroupName: 'nobody', Description: 'x' }))).rejects.toMatchObject(notFound);
    await expect(idp.send(new DeleteGroupCommand({ UserPoolId: pool.Id, GroupName: 'nobody' }))).rejects.toMatchObject(notFound);
  });
});

describe('cognito-idp client secrets', () => {
  async function confidentialClient(): Promise<{ pool: string; id: string; secret: string }> {
    const pool = (await createUserPool()).Id;
    const out = await idp.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: uniqueName('c'), GenerateSecret: true }));
    const id = out.UserPoolClient?.ClientId;
    const secret = out.UserPoolClient?.ClientSecret;
    if (!id || !secret) throw new Error('CreateUserPoolClient returned no ID or secret');
    return { pool, id, secret };
  }

  const listed = async (pool: string, id: string) =>
    (await idp.send(new ListUserPoolClientSecretsCommand({ UserPoolId: pool, ClientId: id }))).ClientSecrets ?? [];

  /** Whether Cognito accepts a SECRET_HASH made with `secret` (USER_SRP_AUTH checks it before the SRP exchange). */
  async function accepts(id: string, secret: string): Promise<boolean> {
    const hash = createHmac('sha256', secret).update(`someone${id}`).digest('base64');
    try {
      await idp.send(new InitiateAuthCommand({ ClientId: id, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'someone', SRP_A: '123456', SECRET_HASH: hash } }));
      return true;
    } catch (err) {
      if ((err as Error).name === 'NotAuthorizedException') return false;
      // Past the hash check: the user does not exist.
      if ((err as Error).name === 'UserNotFoundException') return true;
      throw err;
    }
  }

  it('lists the secret a client is created with, by ID and creation date, never its value', async () => {
    const { pool, id } = await confidentialClient();
    const secrets = await listed(pool, id);
    expect(secrets).toHaveLength(1);
    expect(secrets[0]?.ClientSecretId).toMatch(new RegExp(`^${id}--\\d+$`));
    expect(secrets[0]?.ClientSecretCreateDate).toBeInstanceOf(Date);
    expect(secrets[0]?.ClientSecretValue).toBeUndefined();
  });

  it('adds a second secret, returns its value once, and accepts both; a third is refused', async () => {
    const { pool, id, secret } = await confidentialClient();
    const added = (await idp.send(new AddUserPoolClientSecretCommand({ UserPoolId: pool, ClientId: id }))).ClientSecretDescriptor;
    expect(added?.ClientSecretValue).toEqual(expect.any(String));
    expect(added?.ClientSecretId).toMatch(new RegExp(`^${id}--\\d+$`));
    expect((await listed(pool, id)).map((s) => s.ClientSecretId)).toContain(added?.ClientSecretId);
    expect(await accepts(id, secret)).toBe(true);
    expect(await accepts(id, added?.ClientSecretValue ?? '')).toBe(true);
    expect(await accepts(id, 'not-a-secret-of-this-client')).toBe(false);
    await expect(idp.send(new AddUserPoolClientSecretCommand({ UserPoolId: pool, ClientId: id }))).rejects.toMatchObject({ name: 'LimitExceededException' });
  });

  it('takes a value the caller gives and does not echo it', async () => {
    const { pool, id } = await confidentialClient();
    const added = (await idp.send(new AddUserPoolClientSecretCommand({ UserPoolId: pool, ClientId: id, ClientSecret: 'chosen-by-the-caller-0123456789' }))).ClientSecretDescriptor;
    expect(added?.ClientSecretValue).toBeUndefined();
    expect(await accepts(id, 'chosen-by-the-caller-0123456789')).toBe(true);
  });

  it('deletes a secret, which is then refused, but never the last one', async () => {
    const { pool, id, secret } = await confidentialClient();
    const added = (await idp.send(new AddUserPoolClientSecretCommand({ UserPoolId: pool, ClientId: id }))).ClientSecretDescriptor;
    const original = (await listed(pool, id)).find((s) => s.ClientSecretId !== added?.ClientSecretId)?.ClientSecretId;
    // Until the first is deleted, DescribeUserPoolClient still returns it.
    expect((await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: pool, ClientId: id }))).UserPoolClient?.ClientSecret).toBe(secret);

    await idp.send(new DeleteUserPoolClientSecretCommand({ UserPoolId: pool, ClientId: id, ClientSecretId: original }));

    expect((await listed(pool, id)).map((s) => s.ClientSecretId)).toEqual([added?.ClientSecretId]);
    expect(await accepts(id, secret)).toBe(false);
    expect(await accepts(id, added?.ClientSecretValue ?? '')).toBe(true);
    expect((await idp.send(new DescribeUserPoolClientCommand({ UserPoolId: pool, ClientId: id }))).UserPoolClient?.ClientSecret).toBe(added?.ClientSecretValue);
    await expect(
      idp.send(new DeleteUserPoolClientSecretCommand({ UserPoolId: pool, ClientId: id, ClientSecretId: added?.ClientSecretId })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      idp.send(new DeleteUserPoolClientSecretCommand({ UserPoolId: pool, ClientId: id, ClientSecretId: original })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('refuses secrets for a client without one', async () => {
    const pool = (await createUserPool()).Id;
    const out = await idp.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: uniqueName('public') }));
    await expect(
      idp.send(new AddUserPoolClientSecretCommand({ UserPoolId: pool, ClientId: out.UserPoolClient?.ClientId })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});

describe('cognito-identity roles', () => {
  const roles = { authenticated: roleArn('auth'), unauthenticated: roleArn('guest') };
  const userPoolProvider = `cognito-idp.${region}.amazonaws.com/${region}_abcdefghi:clientid123`;
  const roleMappings: Record<string, RoleMapping> = {
    [userPoolProvider]: {
      Type: 'Rules',
      AmbiguousRoleResolution: 'AuthenticatedRole',
      RulesConfiguration: {
        Rules: [
          { Claim: 'custom:tier', MatchType: 'Equals', Value: 'gold', RoleARN: roleArn('gold') },
          { Claim: 'email', MatchType: 'StartsWith', Value: 'admin', RoleARN: roleArn('admin') },
        ],
      },
    },
    'graph.facebook.com': { Type: 'Token', AmbiguousRoleResolution: 'Deny' },
  };

  it('reports no roles for a new pool', async () => {
    const id = await createIdentityPool();

    const result = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }));

    expect(result.IdentityPoolId).toBe(id);
    expect(result.Roles ?? {}).toEqual({});
    expect(result.RoleMappings ?? {}).toEqual({});
  });

  it('round-trips Roles and RoleMappings', async () => {
    const id = await createIdentityPool();

    await identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: roles, RoleMappings: roleMappings }));

    const result = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }));
    expect(result).toMatchObject({ IdentityPoolId: id, Roles: roles, RoleMappings: roleMappings });
  });

  it('replaces both maps on every call', async () => {
    const id = await createIdentityPool();
    await identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: roles, RoleMappings: roleMappings }));

    await identity.send(
      new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: { authenticated: roles.authenticated } }),
    );

    const result = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }));
    expect(result.Roles).toEqual({ authenticated: roles.authenticated });
    expect(result.RoleMappings ?? {}).toEqual({});
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    const id = `${region}:00000000-0000-0000-0000-000000000000`;
    const notFound = { name: 'ResourceNotFoundException' };

    await expect(identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }))).rejects.toMatchObject(notFound);
    await expect(identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: roles }))).rejects.toMatchObject(
      notFound,
    );
  });

  it('refuses a role type other than authenticated or unauthenticated', async () => {
    const id = await createIdentityPool();

    await expect(
      identity.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: { admin: roleArn('admin') } })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('refuses a Rules mapping without rules and a mapping without AmbiguousRoleResolution', async () => {
    const id = await createIdentityPool();
    const withMapping = (mapping: RoleMapping) =>
      identity.send(
        new SetIdentityPoolRolesCommand({ IdentityPoolId: id, Roles: roles, RoleMappings: { 'graph.facebook.com': mapping } }),
      );

    await expect(withMapping({ Type: 'Rules', AmbiguousRoleResolution: 'Deny' })).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(withMapping({ Type: 'Token' })).rejects.toMatchObject({ name: 'InvalidParameterException' });
    const result = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: id }));
    expect(result.Roles ?? {}).toEqual({});
  });
});

describe('cognito-identity principal tags', () => {
  const provider = `cognito-idp.${region}.amazonaws.com/${region}_abcdefghi`;
  const get = (id: string) => identity.send(new GetPrincipalTagAttributeMapCommand({ IdentityPoolId: id, IdentityProviderName: provider }));

  it('answers no defaults and no tags for a provider never configured', async () => {
    const id = await createIdentityPool();
    const result = await get(id);
    expect(result).toMatchObject({ IdentityPoolId: id, IdentityProviderName: provider, UseDefaults: false });
    expect(result.PrincipalTags ?? {}).toEqual({});
  });

  it('replaces the provider map on each call; UseDefaults false with no tags clears it', async () => {
    const id = await createIdentityPool();
    await identity.send(
      new SetPrincipalTagAttributeMapCommand({ IdentityPoolId: id, IdentityProviderName: provider, UseDefaults: false, PrincipalTags: { department: 'custom:department' } }),
    );
    expect(await get(id)).toMatchObject({ UseDefaults: false, PrincipalTags: { department: 'custom:department' } });

    await identity.send(new SetPrincipalTagAttributeMapCommand({ IdentityPoolId: id, IdentityProviderName: provider, UseDefaults: false, PrincipalTags: {} }));
    expect((await get(id)).PrincipalTags ?? {}).toEqual({});
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    const id = `${region}:00000000-0000-0000-0000-000000000000`;
    await expect(get(id)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(
      identity.send(new SetPrincipalTagAttributeMapCommand({ IdentityPoolId: id, IdentityProviderName: provider, UseDefaults: true })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('refuses more than 50 tags and a claim longer than 256 characters (ValidationException)', async () => {
    const id = await createIdentityPool();
    const set = (tags: Record<string, string>) =>
      identity.send(new SetPrincipalTagAttributeMapCommand({ IdentityPoolId: id, IdentityProviderName: provider, PrincipalTags: tags }));
    await expect(set(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${String(i)}`, 'sub'])))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(set({ k: 'x'.repeat(257) })).rejects.toMatchObject({ name: 'ValidationException' });
    expect((await get(id)).PrincipalTags ?? {}).toEqual({});
  });
});

describe('cognito-identity tags', () => {
  it('lists the IdentityPoolTags given to CreateIdentityPool', async () => {
    const id = await createIdentityPool({ team: 'identity' });

    expect(await identityPoolTags(id)).toEqual({ team: 'identity' });
  });

  it('adds and overwrites tags with TagResource, visible in DescribeIdentityPool', async () => {
    const id = await createIdentityPool({ team: 'identity', env: 'test' });

    await identity.send(new TagIdentityPoolCommand({ ResourceArn: identityPoolArn(id), Tags: { env: 'prod', owner: 'me' } }));

    const expected = { team: 'identity', env: 'prod', owner: 'me' };
    expect(await identityPoolTags(id)).toEqual(expected);
    const described = await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: id }));
    expect(described.IdentityPoolTags).toEqual(expected);
  });

  it('removes tags with UntagResource and ignores keys the pool does not have', async () => {
    const id = await createIdentityPool({ team: 'identity', env: 'test' });

    await identity.send(new UntagIdentityPoolCommand({ ResourceArn: identityPoolArn(id), TagKeys: ['env', 'never-set'] }));

    expect(await identityPoolTags(id)).toEqual({ team: 'identity' });
    const described = await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: id }));
    expect(described.IdentityPoolTags).toEqual({ team: 'identity' });
  });

  it('answers ResourceNotFoundException for the ARN of a pool that does not exist', async () => {
    const arn = identityPoolArn(`${region}:00000000-0000-0000-0000-000000000000`);
    const notFound = { name: 'ResourceNotFoundException' };

    await expect(identity.send(new ListIdentityPoolTagsCommand({ ResourceArn: arn }))).rejects.toMatchObject(notFound);
    await expect(identity.send(new TagIdentityPoolCommand({ ResourceArn: arn, Tags: { a: 'b' } }))).rejects.toMatchObject(notFound);
    await expect(identity.send(new UntagIdentityPoolCommand({ ResourceArn: arn, TagKeys: ['a'] }))).rejects.toMatchObject(notFound);
  });

  it('answers InvalidParameterException for an ARN that is not an identity pool ARN', async () => {
    await expect(
      identity.send(new ListIdentityPoolTagsCommand({ ResourceArn: `arn:aws:s3:${region}:${account}:bucket/not-a-pool` })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});

describe('cognito-identity UpdateIdentityPool', () => {
  it('renames the pool', async () => {
    const id = await createIdentityPool();
    const name = uniqueName('renamed');

    await identity.send(
      new UpdateIdentityPoolCommand({ IdentityPoolId: id, IdentityPoolName: name, AllowUnauthenticatedIdentities: false }),
    );

    const described = await identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: id }));
    expect(described.IdentityPoolName).toBe(name);
  });

  it('answers ResourceNotFoundException for an unknown pool', async () => {
    await expect(
      identity.send(
        new UpdateIdentityPoolCommand({
          IdentityPoolId: `${region}:00000000-0000-0000-0000-000000000000`,
          IdentityPoolName: 'nobody',
          AllowUnauthenticatedIdentities: false,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
