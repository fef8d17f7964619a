import type { UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import {
  AddCustomAttributesCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DeleteUserPoolCommand,
  DeleteUserPoolDomainCommand,
  DescribeRiskConfigurationCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  GetLogDeliveryConfigurationCommand,
  GetUserPoolMfaConfigCommand,
  InvalidParameterException,
  ListUserPoolsCommand,
  ResourceNotFoundException,
  SetLogDeliveryConfigurationCommand,
  SetRiskConfigurationCommand,
  SetUserPoolMfaConfigCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateUserPoolCommand,
  UpdateUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { identityProviderAws } from '../../../test/unit/support/fakes';
import { OwnerUidTag } from '../../api/group';
import type { ManagedObject } from '../../reconciler/external';
import { createUserPoolClient } from './client';
import type { UserPoolRefs } from './client';
import { IncompleteResponseError } from './mapping';
import type { UserPoolSpec } from './schema';

const uid = 'uid-1';
const poolId = 'eu-west-1_AbCdEf123';
const arn = `arn:aws:cognito-idp:eu-west-1:123456789012:userpool/${poolId}`;
const certArn = 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123';
const trigger = 'arn:aws:lambda:eu-west-1:123456789012:function:console-trigger';
const passwordPolicy = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
};
const oldCertificateDomain = { Domain: 'auth.shop.example.com', CustomDomainConfig: { CertificateArn: `${certArn}-old` } };

const cognito = mockClient(CognitoIdentityProviderClient);

const fakeAws = () => identityProviderAws('UserPool');

function object(spec: Partial<UserPoolSpec> = {}): ManagedObject<UserPoolSpec, UserPoolRefs> {
  return { namespace: 'shop', name: 'shop-users', uid, generation: 1, spec: { deletionPolicy: 'Retain', deletionProtection: true, ...spec }, externalId: poolId, refs: {} };
}

function awsPool(overrides: Partial<UserPoolType> = {}): UserPoolType {
  return {
    Id: poolId,
    Arn: arn,
    Name: 'shop-users',
    DeletionProtection: 'ACTIVE',
    MfaConfiguration: 'OFF',
    Policies: { PasswordPolicy: passwordPolicy },
    LambdaConfig: { PreSignUp: trigger },
    SchemaAttributes: [{ Name: 'email', AttributeDataType: 'String' }],
    EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
    AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
    UserPoolTags: { [OwnerUidTag]: uid },
    ...overrides,
  };
}

function notFound(what: string): ResourceNotFoundException {
  return new ResourceNotFoundException({ message: `${what} does not exist.`, $metadata: { httpStatusCode: 400 } });
}

/** The pool answers DescribeUserPool; MFA is off; domains describe as themselves. */
function givenPool(pool: UserPoolType, mfa: Record<string, unknown> = { MfaConfiguration: 'OFF' }): void {
  cognito.on(DescribeUserPoolCommand).resolves({ UserPool: pool });
  cognito.on(GetUserPoolMfaConfigCommand).resolves(mfa);
}

const commandName = (call: { args: readonly unknown[] }): string => {
  const [command] = call.args;
  return typeof command === 'object' && command !== null ? command.constructor.name : 'unknown';
};
const calls = (): string[] => cognito.calls().map(commandName);
const writes = (): string[] => calls().filter((name) => !/^(Describe|Get|List)/.test(name));

beforeEach(() => cognito.reset());

describe('observe', () => {
  it('reports a pool that is gone as not existing', async () => {
    cognito.on(DescribeUserPoolCommand).rejects(notFound('User pool'));
    const { aws } = fakeAws();
    await expect(createUserPoolClient(aws).observe(object(), poolId)).resolves.toEqual({ exists: false });
    expect(calls()).toEqual(['DescribeUserPoolCommand']);
  });

  it('finds an up-to-date pool with reads only, and gives its outputs', async () => {
    givenPool(awsPool({ Domain: 'shop-login' }));
    const { aws, regions } = fakeAws();
    const got = await createUserPoolClient(aws).observe(object({ security: { passwordPolicy: { minimumLength: 8 } } }), poolId);
    expect(got).toEqual({
      exists: true,
      upToDate: true,
      diff: [],
      outputs: {
        id: poolId,
        arn,
        issuerUrl: `https://cognito-idp.eu-west-1.amazonaws.com/${poolId}`,
        jwksUri: `https://cognito-idp.eu-west-1.amazonaws.com/${poolId}/.well-known/jwks.json`,
        domain: 'shop-login',
        hostedUiUrl: 'https://shop-login.auth.eu-west-1.amazoncognito.com',
      },
      seen: { pool: expect.objectContaining({ Id: poolId }), mfa: expect.any(Object) },
    });
    // No domain in the spec: the domain is kept and need not be described.
    expect(calls()).toEqual(['DescribeUserPoolCommand', 'GetUserPoolMfaConfigCommand']);
    expect(regions).toEqual(['eu-west-1']);
  });

  it('describes the spec’s domain when the pool has it, and reports what differs', async () => {
    givenPool(awsPool({ CustomDomain: 'auth.shop.example.com' }));
    cognito.on(DescribeUserPoolDomainCommand).resolves({ DomainDescription: oldCertificateDomain });
    const { aws } = fakeAws();
    const obj = object({ domain: { customDomain: 'auth.shop.example.com', certificateArn: certArn }, tags: { team: 'shop' } });
    const got = await createUserPoolClient(aws).observe(obj, poolId);
    expect(got).toMatchObject({ exists: true, upToDate: false, diff: ['tags.team', 'domain.certificateArn'] });
    expect(cognito.commandCalls(DescribeUserPoolDomainCommand)[0]?.args[0].input).toEqual({ Domain: 'auth.shop.example.com' });
    expect(writes()).toEqual([]);
  });

  it('uses the spec’s region', async () => {
    givenPool(awsPool());
    const { aws, regions } = fakeAws();
    const got = await createUserPoolClient(aws).observe(object({ region: 'us-east-1' }), poolId);
    expect(regions).toEqual(['us-east-1']);
    expect(got).toMatchObject({ outputs: { issuerUrl: `https://cognito-idp.us-east-1.amazonaws.com/${poolId}` } });
  });
});

describe('findOwned', () => {
  it('picks the pool tagged with this object’s UID among same-named ones, across pages', async () => {
    cognito
      .on(ListUserPoolsCommand, { NextToken: undefined })
      .resolves({ UserPools: [{ Id: 'eu-west-1_other', Name: 'shop-users' }], NextToken: 'page-2' })
      .on(ListUserPoolsCommand, { NextToken: 'page-2' })
      .resolves({ UserPools: [{ Id: 'eu-west-1_unrelated', Name: 'billing' }, { Id: 'eu-west-1_mine', Name: 'shop-users' }] });
    cognito
      .on(DescribeUserPoolCommand, { UserPoolId: 'eu-west-1_other' })
      .resolves({ UserPool: awsPool({ Id: 'eu-west-1_other', UserPoolTags: { [OwnerUidTag]: 'someone-else' } }) })
      .on(DescribeUserPoolCommand, { UserPoolId: 'eu-west-1_mine' })
      .resolves({ UserPool: awsPool({ Id: 'eu-west-1_mine' }) });
    const { aws } = fakeAws();

    await expect(createUserPoolClient(aws, { listPageSize: 1 }).findOwned(object())).resolves.toBe('eu-west-1_mine');
    expect(cognito.commandCalls(ListUserPoolsCommand).map((c) => c.args[0].input)).toEqual([
      { MaxResults: 1, NextToken: undefined },
      { MaxResults: 1, NextToken: 'page-2' },
    ]);
    expect(cognito.commandCalls(DescribeUserPoolCommand).map((c) => c.args[0].input.UserPoolId)).toEqual(['eu-west-1_other', 'eu-west-1_mine']);
  });

  it('takes back the pool status records though it has no owner tag (an adopted pool whose annotation is gone)', async () => {
    cognito.on(ListUserPoolsCommand).resolves({ UserPools: [{ Id: 'eu-west-1_other', Name: 'shop-users' }, { Id: 'eu-west-1_adopted', Name: 'shop-users' }] });
    cognito
      .on(DescribeUserPoolCommand, { UserPoolId: 'eu-west-1_other' })
      .resolves({ UserPool: awsPool({ Id: 'eu-west-1_other', UserPoolTags: {} }) })
      .on(DescribeUserPoolCommand, { UserPoolId: 'eu-west-1_adopted' })
      .resolves({ UserPool: awsPool({ Id: 'eu-west-1_adopted', UserPoolTags: {} }) });
    const { aws } = fakeAws();
    await expect(createUserPoolClient(aws).findOwned({ ...object(), recordedId: 'eu-west-1_adopted' })).resolves.toBe('eu-west-1_adopted');
    await expect(createUserPoolClient(aws).findOwned(object())).resolves.toBeUndefined();
  });

  it('matches on spec.poolName, pages of 60, and skips a pool deleted after the listing', async () => {
    cognito.on(ListUserPoolsCommand).resolves({ UserPools: [{ Id: 'eu-west-1_gone', Name: 'Shop Users' }] });
    cognito.on(DescribeUserPoolCommand).rejects(notFound('User pool'));
    const { aws } = fakeAws();
    await expect(createUserPoolClient(aws).findOwned(object({ poolName: 'Shop Users' }))).resolves.toBeUndefined();
    expect(cognito.commandCalls(ListUserPoolsCommand)[0]?.args[0].input.MaxResults).toBe(60);
    expect(cognito.commandCalls(DescribeUserPoolCommand)).toHaveLength(1);
  });

  it('finds nothing when no pool has the name', async () => {
    cognito.on(ListUserPoolsCommand).resolves({ UserPools: [{ Id: 'eu-west-1_x', Name: 'other' }] });
    const { aws } = fakeAws();
    await expect(createUserPoolClient(aws).findOwned(object())).resolves.toBeUndefined();
    expect(calls()).toEqual(['ListUserPoolsCommand']);
  });
});

describe('create', () => {
  it('makes CreateUserPool only, tagged with the owner, and returns the new ID', async () => {
    cognito.on(CreateUserPoolCommand).resolves({ UserPool: { Id: poolId } });
    const { aws } = fakeAws();
    const spec = { security: { mfa: { mode: 'OPTIONAL' as const, totp: true } }, domain: { prefix: 'shop-login' } };
    // What the update after it merges onto: the pool as answered, MFA as the request set it.
    await expect(createUserPoolClient(aws).create(object(spec))).resolves.toEqual({ externalId: poolId, seen: { pool: { Id: poolId }, mfa: { MfaConfiguration: 'OFF' } } });
    expect(calls()).toEqual(['CreateUserPoolCommand']);
    expect(cognito.commandCalls(CreateUserPoolCommand)[0]?.args[0].input).toMatchObject({
      PoolName: 'shop-users',
      MfaConfiguration: 'OFF',
      UserPoolTags: { [OwnerUidTag]: uid },
    });
  });

  it('what the create could not carry is written onto its answer with no read: MFA and the domain', async () => {
    cognito.on(CreateUserPoolCommand).resolves({ UserPool: awsPool() });
    const { aws } = fakeAws();
    const pools = createUserPoolClient(aws);
    const obj = object({ security: { passwordPolicy: { minimumLength: 8 }, mfa: { mode: 'OPTIONAL', totp: true } }, domain: { prefix: 'shop-login' } });
    const { externalId, seen } = await pools.create(obj);
    cognito.resetHistory();
    await expect(pools.update(obj, externalId, seen)).resolves.toEqual({ changed: expect.arrayContaining(['security.mfa.mode', 'domain.prefix']) });
    expect(calls()).toEqual(['SetUserPoolMfaConfigCommand', 'CreateUserPoolDomainCommand']);
  });

  it('fails clearly when AWS returns no ID', async () => {
    cognito.on(CreateUserPoolCommand).resolves({ UserPool: {} });
    const { aws } = fakeAws();
    await expect(createUserPoolClient(aws).create(object())).rejects.toBeInstanceOf(IncompleteResponseError);
  });
});

describe('update', () => {
  it('makes no write call for an up-to-date pool', async () => {
    givenPool(awsPool({ Domain: 'shop-login', UserPoolTags: { [OwnerUidTag]: uid, team: 'shop' } }), {
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    cognito.on(DescribeUserPoolDomainCommand).resolves({ DomainDescription: { Domain: 'shop-login' } });
    const { aws } = fakeAws();
    const spec: Partial<UserPoolSpec> = {
      security: { passwordPolicy: { minimumLength: 8 }, mfa: { mode: 'OPTIONAL', totp: true } },
      signUp: { attributes: [{ name: 'email', required: true }] },
      domain: { prefix: 'shop-login' },
      tags: { team: 'shop' },
    };
    await expect(createUserPoolClient(aws).update(object(spec), poolId)).resolves.toEqual({ changed: [] });
    expect(writes()).toEqual([]);
  });

  it("merges onto this pass's observation without reading AWS again", async () => {
    givenPool(awsPool({ MfaConfiguration: 'OPTIONAL' }));
    const { aws } = fakeAws();
    const pools = createUserPoolClient(aws);
    const obj = object({ security: { passwordPolicy: { minimumLength: 14 } } });
    const observation = await pools.observe(obj, poolId);
    if (!observation.exists) throw new Error('the pool exists');
    cognito.resetHistory();
    await expect(pools.update(obj, poolId, observation.seen)).resolves.toEqual({ changed: ['security.passwordPolicy.minimumLength'] });
    expect(calls()).toEqual(['UpdateUserPoolCommand']);
  });

  it("detaches a released trigger when merging onto this pass's observation", async () => {
    givenPool(awsPool({ MfaConfiguration: 'OPTIONAL', UserPoolTags: { [OwnerUidTag]: uid, team: 'a' } }));
    const { aws } = fakeAws();
    const pools = createUserPoolClient(aws);
    const obj = { ...object(), released: ['triggers.preSignUp', 'tags.team'] };
    const observation = await pools.observe(obj, poolId);
    if (!observation.exists) throw new Error('the pool exists');
    expect(observation.diff).toEqual(expect.arrayContaining(['triggers.preSignUp', 'tags.team']));
    await pools.update(obj, poolId, observation.seen);
    expect(cognito.commandCalls(UpdateUserPoolCommand)[0]?.args[0].input.LambdaConfig).toEqual({});
    expect(writes()).toEqual(['UpdateUserPoolCommand', 'UntagResourceCommand']);
  });

  it('merges a password change into the full settings, keeping a trigger set in AWS', async () => {
    givenPool(awsPool({ MfaConfiguration: 'OPTIONAL' }));
    const { aws } = fakeAws();
    const got = await createUserPoolClient(aws).update(object({ security: { passwordPolicy: { minimumLength: 14 } } }), poolId);
    expect(got).toEqual({ changed: ['security.passwordPolicy.minimumLength'] });
    expect(writes()).toEqual(['UpdateUserPoolCommand']);
    expect(cognito.commandCalls(UpdateUserPoolCommand)[0]?.args[0].input).toEqual({
      UserPoolId: poolId,
      PoolName: 'shop-users',
      DeletionProtection: 'ACTIVE',
      MfaConfiguration: 'OPTIONAL',
      Policies: { PasswordPolicy: { ...passwordPolicy, MinimumLength: 14 } },
      LambdaConfig: { PreSignUp: trigger },
      EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      UserPoolTags: { [OwnerUidTag]: uid },
    });
  });

  it('completes what create left: MFA, custom attributes, tags and domain, each with its own call', async () => {
    givenPool(awsPool());
    const { aws } = fakeAws();
    const spec: Partial<UserPoolSpec> = {
      security: { mfa: { mode: 'OPTIONAL', totp: true } },
      signUp: { attributes: [{ name: 'tier', custom: true, maxLength: 16 }] },
      tags: { team: 'shop' },
      domain: { prefix: 'shop-login' },
    };
    const got = await createUserPoolClient(aws).update(object(spec), poolId);
    expect(writes()).toEqual(['SetUserPoolMfaConfigCommand', 'AddCustomAttributesCommand', 'TagResourceCommand', 'CreateUserPoolDomainCommand']);
    expect(got.changed).toEqual(['security.mfa.mode', 'security.mfa.totp', 'signUp.attributes.tier', 'tags.team', 'domain.prefix']);
    expect(cognito.commandCalls(SetUserPoolMfaConfigCommand)[0]?.args[0].input).toEqual({
      UserPoolId: poolId,
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    expect(cognito.commandCalls(AddCustomAttributesCommand)[0]?.args[0].input).toEqual({
      UserPoolId: poolId,
      CustomAttributes: [{ Name: 'tier', AttributeDataType: 'String', StringAttributeConstraints: { MaxLength: '16' } }],
    });
    expect(cognito.commandCalls(TagResourceCommand)[0]?.args[0].input).toEqual({ ResourceArn: arn, Tags: { team: 'shop' } });
    expect(cognito.commandCalls(CreateUserPoolDomainCommand)[0]?.args[0].input).toEqual({ Domain: 'shop-login', UserPoolId: poolId });
  });

  it('adds 60 custom attributes in calls of at most 25, as AddCustomAttributes allows', async () => {
    givenPool(awsPool());
    const { aws } = fakeAws();
    const names = Array.from({ length: 60 }, (_, i) => `attr${i}`);
    const spec: Partial<UserPoolSpec> = { signUp: { attributes: names.map((name) => ({ name, custom: true })) } };
    const got = await createUserPoolClient(aws).update(object(spec), poolId);
    const sent = cognito.commandCalls(AddCustomAttributesCommand).map((c) => (c.args[0].input.CustomAttributes ?? []).map((a) => a.Name));
    expect(sent.map((batch) => batch.length)).toEqual([25, 25, 10]);
    expect(sent.flat()).toEqual(names);
    expect(got.changed).toEqual(names.map((name) => `signUp.attributes.${name}`));
  });

  it('replaces a prefix domain by deleting the old one first, and untags stale reserved keys', async () => {
    givenPool(awsPool({ Domain: 'shop-old', UserPoolTags: { [OwnerUidTag]: uid, 'cognito.operator.dev/stale': 'x', keep: 'me' } }));
    const { aws } = fakeAws();
    const got = await createUserPoolClient(aws).update(object({ domain: { prefix: 'shop-new' } }), poolId);
    expect(writes()).toEqual(['UntagResourceCommand', 'DeleteUserPoolDomainCommand', 'CreateUserPoolDomainCommand']);
    expect(cognito.commandCalls(UntagResourceCommand)[0]?.args[0].input).toEqual({ ResourceArn: arn, TagKeys: ['cognito.operator.dev/stale'] });
    expect(cognito.commandCalls(DeleteUserPoolDomainCommand)[0]?.args[0].input).toEqual({ Domain: 'shop-old', UserPoolId: poolId });
    expect(got.changed).toEqual(['tags.cognito.operator.dev/stale', 'domain.prefix']);
  });

  it('renews a custom domain certificate in place', async () => {
    givenPool(awsPool({ CustomDomain: 'auth.shop.example.com' }));
    cognito.on(DescribeUserPoolDomainCommand).resolves({ DomainDescription: oldCertificateDomain });
    const { aws } = fakeAws();
    await createUserPoolClient(aws).update(object({ domain: { customDomain: 'auth.shop.example.com', certificateArn: certArn } }), poolId);
    expect(writes()).toEqual(['UpdateUserPoolDomainCommand']);
    expect(cognito.commandCalls(UpdateUserPoolDomainCommand)[0]?.args[0].input).toEqual({
      Domain: 'auth.shop.example.com',
      UserPoolId: poolId,
      CustomDomainConfig: { CertificateArn: certArn },
    });
  });

  it('passes AWS’s not-found on when the pool went away', async () => {
    cognito.on(DescribeUserPoolCommand).rejects(notFound('User pool'));
    const { aws } = fakeAws();
    await expect(createUserPoolClient(aws).update(object(), poolId)).rejects.toBeInstanceOf(ResourceNotFoundException);
    expect(writes()).toEqual([]);
  });
});

describe('delete', () => {
  it('deletes the domains first, then the pool', async () => {
    const pool = awsPool({ DeletionProtection: 'INACTIVE', Domain: 'shop-login', CustomDomain: 'auth.shop.example.com' });
    cognito.on(DescribeUserPoolCommand).resolves({ UserPool: pool });
    const { aws } = fakeAws();
    await createUserPoolClient(aws).delete(object(), poolId);
    expect(writes()).toEqual(['DeleteUserPoolDomainCommand', 'DeleteUserPoolDomainCommand', 'DeleteUserPoolCommand']);
    expect(cognito.commandCalls(DeleteUserPoolDomainCommand).map((c) => c.args[0].input.Domain)).toEqual(['shop-login', 'auth.shop.example.com']);
  });

  it('succeeds when the pool is already gone', async () => {
    cognito.on(DescribeUserPoolCommand).rejects(notFound('User pool'));
    const { aws } = fakeAws();
    await expect(createUserPoolClient(aws).delete(object(), poolId)).resolves.toBeUndefined();
    expect(writes()).toEqual([]);
  });

  it('succeeds when the pool or its domain disappears during the delete', async () => {
    cognito.on(DescribeUserPoolCommand).resolves({ UserPool: awsPool({ DeletionProtection: 'INACTIVE', Domain: 'shop-login' }) });
    cognito.on(DeleteUserPoolDomainCommand).rejects(notFound('Domain'));
    cognito.on(DeleteUserPoolCommand).rejects(notFound('User pool'));
    const { aws } = fakeAws();
    await expect(createUserPoolClient(aws).delete(object(), poolId)).resolves.toBeUndefined();
    expect(writes()).toEqual(['DeleteUserPoolDomainCommand', 'DeleteUserPoolCommand']);
  });

  it('leaves a protected pool whole and passes on AWS’s refusal', async () => {
    cognito.on(DescribeUserPoolCommand).resolves({ UserPool: awsPool({ Domain: 'shop-login' }) });
    const refusal = new InvalidParameterException({ message: 'The user pool cannot be deleted because deletion protection is activated.', $metadata: {} });
    cognito.on(DeleteUserPoolCommand).rejects(refusal);
    const { aws } = fakeAws();
    await expect(createUserPoolClient(aws).delete(object(), poolId)).rejects.toBe(refusal);
    // No domain deleted, and deletion protection never turned off.
    expect(writes()).toEqual(['DeleteUserPoolCommand']);
  });
});

describe('risk configuration and logging', () => {
  const logGroup = 'arn:aws:logs:eu-west-1:123456789012:log-group:/cognito/shop';
  const threat = { mode: 'AUDIT' as const, riskExceptions: { blockedIpRanges: ['192.0.2.0/24'] } };

  it('reads them when the spec names them, and writes each with one call after UpdateUserPool', async () => {
    givenPool(awsPool({ UserPoolAddOns: { AdvancedSecurityMode: 'OFF' } }));
    cognito.on(DescribeRiskConfigurationCommand).resolves({
      RiskConfiguration: { UserPoolId: poolId, AccountTakeoverRiskConfiguration: { Actions: { HighAction: { Notify: false, EventAction: 'BLOCK' } } } },
    });
    cognito.on(GetLogDeliveryConfigurationCommand).resolves({ LogDeliveryConfiguration: { UserPoolId: poolId, LogConfigurations: [] } });
    const clients = createUserPoolClient(fakeAws().aws);
    const obj = object({ security: { threatProtection: threat }, logging: [{ eventSource: 'userNotification', level: 'ERROR', cloudWatchLogsGroupArn: logGroup }] });

    const observation = await clients.observe(obj, poolId);
    if (!observation.exists) throw new Error('the pool exists');
    cognito.resetHistory();
    const { changed } = await clients.update(obj, poolId, observation.seen);

    expect(changed).toEqual(['security.threatProtection.mode', 'security.threatProtection.riskExceptions', 'logging.userNotification']);
    expect(calls()).toEqual(['UpdateUserPoolCommand', 'SetRiskConfigurationCommand', 'SetLogDeliveryConfigurationCommand']);
    // The console's account takeover section is kept: SetRiskConfiguration replaces the whole configuration.
    expect(cognito.commandCalls(SetRiskConfigurationCommand)[0]?.args[0].input).toEqual({
      UserPoolId: poolId,
      AccountTakeoverRiskConfiguration: { Actions: { HighAction: { Notify: false, EventAction: 'BLOCK' } } },
      RiskExceptionConfiguration: { BlockedIPRangeList: ['192.0.2.0/24'] },
    });
    expect(cognito.commandCalls(SetLogDeliveryConfigurationCommand)[0]?.args[0].input).toEqual({
      UserPoolId: poolId,
      LogConfigurations: [{ EventSource: 'userNotification', LogLevel: 'ERROR', CloudWatchLogsConfiguration: { LogGroupArn: logGroup } }],
    });
  });

  it('removes released sections before UpdateUserPool turns threat protection off, while AWS still accepts them', async () => {
    givenPool(awsPool({ UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' } }));
    cognito.on(DescribeRiskConfigurationCommand).resolves({ RiskConfiguration: { UserPoolId: poolId, RiskExceptionConfiguration: { BlockedIPRangeList: ['192.0.2.0/24'] } } });
    const obj = { ...object({ security: { threatProtection: { mode: 'OFF' } } }), released: ['security.threatProtection.riskExceptions'] };

    const { changed } = await createUserPoolClient(fakeAws().aws).update(obj, poolId);

    expect(changed).toEqual(['security.threatProtection.riskExceptions', 'security.threatProtection.mode']);
    expect(calls().filter((c) => c.startsWith('Set') || c.startsWith('Update'))).toEqual(['SetRiskConfigurationCommand', 'UpdateUserPoolCommand']);
    expect(cognito.commandCalls(SetRiskConfigurationCommand)[0]?.args[0].input).toEqual({ UserPoolId: poolId });
  });

  it('reads neither for a pool whose spec never named them', async () => {
    givenPool(awsPool());
    await createUserPoolClient(fakeAws().aws).observe(object({ security: { threatProtection: { mode: 'OFF' } } }), poolId);
    expect(calls()).toEqual(['DescribeUserPoolCommand', 'GetUserPoolMfaConfigCommand']);
  });
});
