import type { IdentityPool } from '@aws-sdk/client-cognito-identity';
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  DeleteIdentityPoolCommand,
  DescribeIdentityPoolCommand,
  GetIdentityPoolRolesCommand,
  GetPrincipalTagAttributeMapCommand,
  InvalidParameterException,
  ListIdentityPoolsCommand,
  ResourceNotFoundException,
  SetIdentityPoolRolesCommand,
  SetPrincipalTagAttributeMapCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateIdentityPoolCommand,
} from '@aws-sdk/client-cognito-identity';
import { mockClient } from 'aws-sdk-client-mock';
import { OwnerUidTag } from '../../api/group';
import type { AwsClients } from '../../aws/clients';
import type { ManagedObject } from '../../reconciler/external';
import type { IdentityPoolClientOptions } from './client';
import { AccountUnknownError, createIdentityPoolClient } from './client';
import type { IdentityPoolRefs } from './mapping';
import { IncompleteResponseError, pairKey } from './mapping';
import type { IdentityPoolSpec } from './schema';

const uid = 'uid-1';
const account = '123456789012';
const poolId = 'eu-west-1:0a1b2c3d-1111-2222-3333-444455556666';
const arn = `arn:aws:cognito-identity:eu-west-1:${account}:identitypool/${poolId}`;
const userPoolId = 'eu-west-1_AbCdEf123';
const webProvider = `cognito-idp.eu-west-1.amazonaws.com/${userPoolId}`;
const webKey = `${webProvider}:webclient1`;
const role = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
const web = { userPoolRef: { name: 'shop-users' }, appClientRef: { name: 'web' } };
const refs: IdentityPoolRefs = { providers: { [pairKey('shop-users', 'web')]: { userPoolId, clientId: 'webclient1' } } };
const tokenMapping = { Type: 'Token', AmbiguousRoleResolution: 'Deny' } as const;

const identity = mockClient(CognitoIdentityClient);

/** AwsClients over the mocked SDK client, recording the regions asked for. */
function fakeAws(): { aws: AwsClients; regions: string[] } {
  const regions: string[] = [];
  const aws: AwsClients = {
    defaultRegion: 'eu-west-1',
    identity: (region) => {
      regions.push(region);
      return new CognitoIdentityClient({ region });
    },
    identityProvider: () => {
      throw new Error('cognito-idp is not used by IdentityPool');
    },
  };
  return { aws, regions };
}

function client(options: IdentityPoolClientOptions = {}) {
  const { aws } = fakeAws();
  return createIdentityPoolClient(aws, { accountId: () => Promise.resolve(account), ...options });
}

function object(spec: Partial<IdentityPoolSpec> = {}, withRefs: IdentityPoolRefs = refs): ManagedObject<IdentityPoolSpec, IdentityPoolRefs> {
  return {
    namespace: 'shop',
    name: 'shop-identities',
    uid,
    generation: 1,
    spec: { deletionPolicy: 'Retain', allowUnauthenticatedIdentities: false, ...spec },
    externalId: poolId,
    refs: withRefs,
  };
}

function awsPool(overrides: Partial<IdentityPool> = {}): IdentityPool {
  return { IdentityPoolId: poolId, IdentityPoolName: 'shop-identities', AllowUnauthenticatedIdentities: false, IdentityPoolTags: { [OwnerUidTag]: uid }, ...overrides };
}

function notFound(): ResourceNotFoundException {
  return new ResourceNotFoundException({ message: `IdentityPool '${poolId}' not found.`, $metadata: { httpStatusCode: 400 } });
}

function givenPool(pool: IdentityPool, roles: Record<string, unknown> = { IdentityPoolId: poolId, Roles: {} }): void {
  identity.on(DescribeIdentityPoolCommand).resolves(pool);
  identity.on(GetIdentityPoolRolesCommand).resolves(roles);
}

const commandName = (call: { args: readonly unknown[] }): string => {
  const [command] = call.args;
  return typeof command === 'object' && command !== null ? command.constructor.name.replace(/Command$/, '') : 'unknown';
};
const calls = (): string[] => identity.calls().map(commandName);
const writes = (): string[] => calls().filter((name) => !/^(Describe|Get|List)/.test(name));

beforeEach(() => identity.reset());

describe('observe', () => {
  it('reports a pool that is gone as not existing', async () => {
    identity.on(DescribeIdentityPoolCommand).rejects(notFound());
    await expect(client().observe(object(), poolId)).resolves.toEqual({ exists: false });
    expect(calls()).toEqual(['DescribeIdentityPool']);
  });

  it('finds an up-to-date pool with two reads, and gives its ID and ARN', async () => {
    givenPool(awsPool({ CognitoIdentityProviders: [{ ProviderName: webProvider, ClientId: 'webclient1', ServerSideTokenCheck: false }] }), {
      Roles: { authenticated: role('auth') },
      RoleMappings: { [webKey]: tokenMapping },
    });
    const { aws, regions } = fakeAws();
    const got = await createIdentityPoolClient(aws, { accountId: () => Promise.resolve(account) }).observe(
      object({ userPools: [web], roles: { authenticated: role('auth') }, roleMappings: [{ ...web, type: 'Token', ambiguousRoleResolution: 'Deny' }] }),
      poolId,
    );
    expect(got).toEqual({ exists: true, upToDate: true, diff: [], outputs: { id: poolId, arn }, seen: { pool: expect.objectContaining({ IdentityPoolId: poolId }), roles: expect.objectContaining({ Roles: { authenticated: role('auth') } }) } });
    expect(calls()).toEqual(['DescribeIdentityPool', 'GetIdentityPoolRoles']);
    expect(regions).toEqual(['eu-west-1']);
  });

  it('reports what differs, and leaves the ARN out when the account is unknown', async () => {
    givenPool(awsPool());
    const got = await client({ accountId: () => Promise.resolve(undefined) }).observe(object({ allowUnauthenticatedIdentities: true, tags: { team: 'shop' } }), poolId);
    expect(got).toEqual({ exists: true, upToDate: false, diff: ['allowUnauthenticatedIdentities', 'tags.team'], outputs: { id: poolId }, seen: { pool: expect.objectContaining({ IdentityPoolId: poolId }), roles: expect.any(Object) } });
    expect(writes()).toEqual([]);
  });

  it('reports a developer provider name AWS has fixed as an immutable mismatch; an unset one is only a difference', async () => {
    givenPool(awsPool({ DeveloperProviderName: 'login.shop' }));
    const got = await client().observe(object({ developerProviderName: 'login.other' }), poolId);
    expect(got).toMatchObject({ exists: true, upToDate: false, immutableMismatches: [{ path: 'developerProviderName', want: 'login.other', have: 'login.shop' }] });
    givenPool(awsPool({ DeveloperProviderName: '' }));
    const unset = await client().observe(object({ developerProviderName: 'login.other' }), poolId);
    expect(unset).toMatchObject({ upToDate: false, diff: ['developerProviderName'] });
    expect(unset).not.toHaveProperty('immutableMismatches');
    expect(writes()).toEqual([]);
  });

  it('uses the spec’s region', async () => {
    givenPool(awsPool());
    const { aws, regions } = fakeAws();
    await createIdentityPoolClient(aws, { accountId: () => Promise.resolve(account) }).observe(object({ region: 'us-east-1' }), poolId);
    expect(regions).toEqual(['us-east-1']);
  });
});

describe('findOwned', () => {
  it('pages through ListIdentityPools and returns the pool whose owner tag is this object', async () => {
    identity
      .on(ListIdentityPoolsCommand, { MaxResults: 2, NextToken: undefined })
      .resolves({ IdentityPools: [{ IdentityPoolId: 'eu-west-1:a', IdentityPoolName: 'shop-identities' }, { IdentityPoolId: 'eu-west-1:b', IdentityPoolName: 'other' }], NextToken: 'page-2' })
      .on(ListIdentityPoolsCommand, { MaxResults: 2, NextToken: 'page-2' })
      .resolves({ IdentityPools: [{ IdentityPoolId: 'eu-west-1:c', IdentityPoolName: 'shop-identities' }] });
    identity
      .on(DescribeIdentityPoolCommand, { IdentityPoolId: 'eu-west-1:a' })
      .resolves(awsPool({ IdentityPoolId: 'eu-west-1:a', IdentityPoolTags: { [OwnerUidTag]: 'someone-else' } }))
      .on(DescribeIdentityPoolCommand, { IdentityPoolId: 'eu-west-1:c' })
      .resolves(awsPool({ IdentityPoolId: 'eu-west-1:c' }));
    await expect(client({ listPageSize: 2 }).findOwned(object())).resolves.toBe('eu-west-1:c');
    expect(calls()).toEqual(['ListIdentityPools', 'ListIdentityPools', 'DescribeIdentityPool', 'DescribeIdentityPool']);
  });

  it('looks for spec.identityPoolName and finds nothing when no pool is ours', async () => {
    identity.on(ListIdentityPoolsCommand).resolves({ IdentityPools: [{ IdentityPoolId: 'eu-west-1:a', IdentityPoolName: 'shop_identities' }] });
    identity.on(DescribeIdentityPoolCommand).resolves(awsPool({ IdentityPoolId: 'eu-west-1:a', IdentityPoolTags: {} }));
    await expect(client().findOwned(object({ identityPoolName: 'shop_identities' }))).resolves.toBeUndefined();
    await expect(client().findOwned(object({ identityPoolName: 'unused' }))).resolves.toBeUndefined();
    expect(calls()).toEqual(['ListIdentityPools', 'DescribeIdentityPool', 'ListIdentityPools']);
  });

  it('skips a pool deleted between list and describe', async () => {
    identity.on(ListIdentityPoolsCommand).resolves({ IdentityPools: [{ IdentityPoolId: poolId, IdentityPoolName: 'shop-identities' }] });
    identity.on(DescribeIdentityPoolCommand).rejects(notFound());
    await expect(client().findOwned(object())).resolves.toBeUndefined();
  });
});

describe('create', () => {
  it('makes one call, CreateIdentityPool with providers and the owner tag, and returns its ID', async () => {
    identity.on(CreateIdentityPoolCommand).resolves(awsPool());
    await expect(client().create(object({ userPools: [web], roles: { authenticated: role('auth') } }))).resolves.toEqual({
      externalId: poolId,
      // What update merges onto: the pool as answered, and no roles yet.
      seen: { pool: awsPool(), roles: { IdentityPoolId: poolId } },
    });
    expect(calls()).toEqual(['CreateIdentityPool']);
    expect(identity.commandCalls(CreateIdentityPoolCommand)[0]?.args[0].input).toEqual({
      IdentityPoolName: 'shop-identities',
      AllowUnauthenticatedIdentities: false,
      CognitoIdentityProviders: [{ ProviderName: webProvider, ClientId: 'webclient1', ServerSideTokenCheck: false }],
      IdentityPoolTags: { [OwnerUidTag]: uid },
    });
  });

  it('refuses an answer without an ID', async () => {
    identity.on(CreateIdentityPoolCommand).resolves({});
    await expect(client().create(object())).rejects.toThrow(IncompleteResponseError);
  });

  it('lets AWS’s validation error through for the reconciler to classify', async () => {
    identity.on(CreateIdentityPoolCommand).rejects(new InvalidParameterException({ message: 'bad', $metadata: {} }));
    await expect(client().create(object())).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});

describe('update', () => {
  it('makes no write when AWS already matches', async () => {
    givenPool(awsPool());
    await expect(client().update(object(), poolId)).resolves.toEqual({ changed: [] });
    expect(writes()).toEqual([]);
  });

  it("merges onto this pass's observation without reading AWS again", async () => {
    givenPool(awsPool(), { Roles: {} });
    const pools = client();
    const obj = object({ roles: { authenticated: role('auth') } });
    const observation = await pools.observe(obj, poolId);
    if (!observation.exists) throw new Error('the pool exists');
    identity.resetHistory();
    await expect(pools.update(obj, poolId, observation.seen)).resolves.toEqual({ changed: ['roles.authenticated'] });
    expect(calls()).toEqual(['SetIdentityPoolRoles']);
  });

  it('sets only the roles when only they differ, keeping AWS’s role mappings', async () => {
    givenPool(awsPool(), { Roles: { unauthenticated: role('guest') }, RoleMappings: { 'accounts.google.com': tokenMapping } });
    await expect(client().update(object({ roles: { authenticated: role('auth') } }), poolId)).resolves.toEqual({ changed: ['roles.authenticated'] });
    expect(writes()).toEqual(['SetIdentityPoolRoles']);
    expect(identity.commandCalls(SetIdentityPoolRolesCommand)[0]?.args[0].input).toEqual({
      IdentityPoolId: poolId,
      Roles: { unauthenticated: role('guest'), authenticated: role('auth') },
      RoleMappings: { 'accounts.google.com': tokenMapping },
    });
  });

  it('sends the whole pool to UpdateIdentityPool, then the roles that need the new provider', async () => {
    const consolePool = awsPool({ AllowClassicFlow: true, SupportedLoginProviders: { 'graph.facebook.com': 'fb' }, IdentityPoolTags: { [OwnerUidTag]: uid, costCenter: '42' } });
    givenPool(consolePool);
    identity.on(UpdateIdentityPoolCommand).callsFake((input: IdentityPool) => Promise.resolve(input));
    const obj = object({ allowUnauthenticatedIdentities: true, userPools: [web], roleMappings: [{ ...web, type: 'Token', ambiguousRoleResolution: 'Deny' }] });
    await expect(client().update(obj, poolId)).resolves.toEqual({ changed: ['allowUnauthenticatedIdentities', 'userPools', `roleMappings[${webKey}]`] });
    expect(writes()).toEqual(['UpdateIdentityPool', 'SetIdentityPoolRoles']);
    expect(identity.commandCalls(UpdateIdentityPoolCommand)[0]?.args[0].input).toEqual({
      IdentityPoolId: poolId,
      IdentityPoolName: 'shop-identities',
      AllowUnauthenticatedIdentities: true,
      AllowClassicFlow: true,
      SupportedLoginProviders: { 'graph.facebook.com': 'fb' },
      CognitoIdentityProviders: [{ ProviderName: webProvider, ClientId: 'webclient1', ServerSideTokenCheck: false }],
      IdentityPoolTags: { [OwnerUidTag]: uid, costCenter: '42' },
    });
    expect(identity.commandCalls(SetIdentityPoolRolesCommand)[0]?.args[0].input).toEqual({ IdentityPoolId: poolId, Roles: {}, RoleMappings: { [webKey]: tokenMapping } });
  });

  it('drops a provider whose AppClient is gone: its role mapping first, then the provider', async () => {
    givenPool(awsPool({ CognitoIdentityProviders: [{ ProviderName: webProvider, ClientId: 'webclient1' }] }), {
      Roles: { authenticated: role('auth') },
      RoleMappings: { [webKey]: tokenMapping },
    });
    identity.on(UpdateIdentityPoolCommand).callsFake((input: IdentityPool) => Promise.resolve(input));
    const obj = object({ userPools: [web], roleMappings: [{ ...web, type: 'Token', ambiguousRoleResolution: 'Deny' }] }, { providers: {} });
    await expect(client().update(obj, poolId)).resolves.toEqual({ changed: ['userPools'] });
    expect(writes()).toEqual(['SetIdentityPoolRoles', 'UpdateIdentityPool']);
    expect(identity.commandCalls(SetIdentityPoolRolesCommand)[0]?.args[0].input).toEqual({ IdentityPoolId: poolId, Roles: { authenticated: role('auth') } });
    expect(identity.commandCalls(UpdateIdentityPoolCommand)[0]?.args[0].input).toMatchObject({ CognitoIdentityProviders: [] });
  });

  it('tags through TagResource and UntagResource with the pool’s ARN', async () => {
    givenPool(awsPool({ IdentityPoolTags: { [OwnerUidTag]: 'someone-else', 'cognito.operator.dev/stale': 'x', costCenter: '42' } }));
    await expect(client().update(object({ tags: { team: 'shop' } }), poolId)).resolves.toEqual({
      changed: ['tags.team', 'tags.cognito.operator.dev/stale'],
    });
    expect(writes()).toEqual(['TagResource', 'UntagResource']);
    expect(identity.commandCalls(TagResourceCommand)[0]?.args[0].input).toEqual({ ResourceArn: arn, Tags: { team: 'shop' } });
    expect(identity.commandCalls(UntagResourceCommand)[0]?.args[0].input).toEqual({ ResourceArn: arn, TagKeys: ['cognito.operator.dev/stale'] });
  });

  it('needs no TagResource when UpdateIdentityPool applied the tags sent along', async () => {
    givenPool(awsPool());
    identity.on(UpdateIdentityPoolCommand).callsFake((input: IdentityPool) => Promise.resolve(input));
    await client().update(object({ identityPoolName: 'renamed', tags: { team: 'shop' } }), poolId);
    expect(writes()).toEqual(['UpdateIdentityPool']);
  });

  it('tags after UpdateIdentityPool when AWS ignored the tags sent along', async () => {
    givenPool(awsPool());
    identity.on(UpdateIdentityPoolCommand).callsFake((input: IdentityPool) => Promise.resolve({ ...input, IdentityPoolTags: { [OwnerUidTag]: uid } }));
    await client().update(object({ identityPoolName: 'renamed', tags: { team: 'shop' } }), poolId);
    expect(writes()).toEqual(['UpdateIdentityPool', 'TagResource']);
  });

  it('says what to do when a tag change needs an ARN and the account is unknown', async () => {
    givenPool(awsPool());
    await expect(client({ accountId: () => Promise.resolve(undefined) }).update(object({ tags: { team: 'shop' } }), poolId)).rejects.toThrow(AccountUnknownError);
    expect(writes()).toEqual([]);
  });

  it('lets a not-found error through: the pool went away under the update', async () => {
    identity.on(DescribeIdentityPoolCommand).rejects(notFound());
    await expect(client().update(object(), poolId)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('delete', () => {
  it('deletes the pool', async () => {
    identity.on(DeleteIdentityPoolCommand).resolves({});
    await client().delete(object(), poolId);
    expect(identity.commandCalls(DeleteIdentityPoolCommand)[0]?.args[0].input).toEqual({ IdentityPoolId: poolId });
  });

  it('succeeds when the pool is already gone', async () => {
    identity.on(DeleteIdentityPoolCommand).rejects(notFound());
    await expect(client().delete(object(), poolId)).resolves.toBeUndefined();
  });

  it('lets other errors through', async () => {
    identity.on(DeleteIdentityPoolCommand).rejects(new InvalidParameterException({ message: 'no', $metadata: {} }));
    await expect(client().delete(object(), poolId)).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});

describe('account ID', () => {
  it('defaults to the account the SDK credentials carry', async () => {
    givenPool(awsPool());
    const aws: AwsClients = {
      defaultRegion: 'eu-west-1',
      identity: (region) => new CognitoIdentityClient({ region, credentials: { accessKeyId: 'a', secretAccessKey: 's', accountId: '210987654321' } }),
      identityProvider: () => {
        throw new Error('unused');
      },
    };
    await expect(createIdentityPoolClient(aws).observe(object(), poolId)).resolves.toMatchObject({
      outputs: { arn: `arn:aws:cognito-identity:eu-west-1:210987654321:identitypool/${poolId}` },
    });
  });

  it('is unknown when the credentials name no account', async () => {
    givenPool(awsPool());
    const aws: AwsClients = {
      defaultRegion: 'eu-west-1',
      identity: (region) => new CognitoIdentityClient({ region, credentials: { accessKeyId: 'a', secretAccessKey: 's' } }),
      identityProvider: () => {
        throw new Error('unused');
      },
    };
    await expect(createIdentityPoolClient(aws).observe(object(), poolId)).resolves.toMatchObject({ outputs: { id: poolId } });
    await expect(createIdentityPoolClient(aws).observe(object(), poolId)).resolves.not.toHaveProperty('outputs.arn');
  });
});

describe('principal tags', () => {
  const withProvider = () => awsPool({ CognitoIdentityProviders: [{ ProviderName: webProvider, ClientId: 'webclient1', ServerSideTokenCheck: false }] });
  const tagged = { ...web, principalTags: { tags: { department: 'custom:department' } } };

  it('reads no map for a pool whose spec names no principal tags', async () => {
    givenPool(withProvider());
    const got = await client().observe(object({ userPools: [web] }), poolId);
    expect(got).toMatchObject({ exists: true, upToDate: true });
    expect(got).not.toHaveProperty('seen.principalTags');
    expect(calls()).toEqual(['DescribeIdentityPool', 'GetIdentityPoolRoles']);
  });

  it('reads no map for a user pool the identity pool does not have yet: update adds it, then sets the map', async () => {
    givenPool(awsPool());
    const got = await client().observe(object({ userPools: [tagged] }), poolId);
    expect(got).toMatchObject({ upToDate: false });
    expect(got.exists && got.diff).toEqual(expect.arrayContaining(['principalTags.shop-users']));
    expect(identity.commandCalls(GetPrincipalTagAttributeMapCommand)).toHaveLength(0);
  });

  it('reads the map of the user pool that names them, and reports a difference', async () => {
    givenPool(withProvider());
    identity.on(GetPrincipalTagAttributeMapCommand).resolves({ IdentityPoolId: poolId, IdentityProviderName: webProvider, UseDefaults: false, PrincipalTags: {} });
    const got = await client().observe(object({ userPools: [tagged] }), poolId);
    expect(got).toMatchObject({ upToDate: false, diff: ['principalTags.shop-users'] });
    expect(identity.commandCalls(GetPrincipalTagAttributeMapCommand)[0]?.args[0].input).toEqual({ IdentityPoolId: poolId, IdentityProviderName: webProvider });
  });

  it('sets the map from what observe saw, without reading again', async () => {
    identity.on(SetPrincipalTagAttributeMapCommand).resolves({});
    const seen = { pool: withProvider(), roles: { IdentityPoolId: poolId, Roles: {} }, principalTags: { [webProvider]: { UseDefaults: false } } };
    const got = await client().update(object({ userPools: [tagged] }), poolId, seen);
    expect(got.changed).toEqual(['principalTags.shop-users']);
    expect(calls()).toEqual(['SetPrincipalTagAttributeMap']);
    expect(identity.commandCalls(SetPrincipalTagAttributeMapCommand)[0]?.args[0].input).toEqual({
      IdentityPoolId: poolId,
      IdentityProviderName: webProvider,
      UseDefaults: false,
      PrincipalTags: { department: 'custom:department' },
    });
  });

  it('writes nothing when the map matches', async () => {
    const seen = { pool: withProvider(), roles: { IdentityPoolId: poolId, Roles: {} }, principalTags: { [webProvider]: { UseDefaults: false, PrincipalTags: { department: 'custom:department' } } } };
    await expect(client().update(object({ userPools: [tagged] }), poolId, seen)).resolves.toEqual({ changed: [] });
    expect(calls()).toEqual([]);
  });

  it('resets a released map: no defaults, no tags', async () => {
    identity.on(SetPrincipalTagAttributeMapCommand).resolves({});
    const seen = { pool: withProvider(), roles: { IdentityPoolId: poolId, Roles: {} }, principalTags: { [webProvider]: { UseDefaults: true } } };
    const obj = { ...object({ userPools: [web] }), released: ['principalTags.shop-users'] };
    await expect(client().update(obj, poolId, seen)).resolves.toEqual({ changed: ['principalTags.shop-users'] });
    expect(identity.commandCalls(SetPrincipalTagAttributeMapCommand)[0]?.args[0].input).toMatchObject({ UseDefaults: false, PrincipalTags: {} });
  });
});
