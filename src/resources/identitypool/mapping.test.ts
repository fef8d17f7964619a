import type { GetIdentityPoolRolesResponse, IdentityPool, RoleMapping } from '@aws-sdk/client-cognito-identity';
import type { Case } from '../../../test/unit/support/fakes';
import { OwnerUidTag } from '../../api/group';
import type { IdentityPoolRefs, TagsDiff } from './mapping';
import {
  IncompleteResponseError,
  createIdentityPoolRequest,
  diffIdentityPool,
  identityPoolArn,
  identityPoolOutputs,
  pairKey,
  poolSettingsDiff,
  providerName,
  pruneRoleMappingsRequest,
  rolesDiff,
  setRolesRequest,
  tagsDiff,
  updateIdentityPoolRequest,
} from './mapping';
import type { IdentityPoolSpec } from './schema';

const uid = '0b6f4c2e-1111-2222-3333-444455556666';
const poolId = 'eu-west-1:0a1b2c3d-1111-2222-3333-444455556666';
const userPoolId = 'eu-west-1_AbCdEf123';
const otherPoolId = 'us-east-1_ZyXwVu987';
const webProvider = `cognito-idp.eu-west-1.amazonaws.com/${userPoolId}`;
const adminProvider = `cognito-idp.us-east-1.amazonaws.com/${otherPoolId}`;
const role = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
const oidcArn = 'arn:aws:iam::123456789012:oidc-provider/login.shop.example.com';
const samlArn = 'arn:aws:iam::123456789012:saml-provider/shop-idp';

type RoleMappingEntry = NonNullable<IdentityPoolSpec['roleMappings']>[number];

/** A spec with the API server's defaults filled in, plus what a case names. */
function spec(named: Partial<IdentityPoolSpec> = {}): IdentityPoolSpec {
  return { deletionPolicy: 'Retain', allowUnauthenticatedIdentities: false, ...named };
}

/** The web client of the shop pool and the admin client of another pool, both resolved. */
const refs: IdentityPoolRefs = {
  providers: {
    [pairKey('shop-users', 'web')]: { userPoolId, clientId: 'webclient1' },
    [pairKey('admins', 'console')]: { userPoolId: otherPoolId, clientId: 'adminclient1' },
  },
};
const noRefs: IdentityPoolRefs = { providers: {} };

const web = { userPoolRef: { name: 'shop-users' }, appClientRef: { name: 'web' } };
const admin = { userPoolRef: { name: 'admins' }, appClientRef: { name: 'console' } };

/** A pool as DescribeIdentityPool returns one the operator created, plus what a case sets. */
function awsPool(overrides: Partial<IdentityPool> = {}): IdentityPool {
  return {
    IdentityPoolId: poolId,
    IdentityPoolName: 'shop_identities',
    AllowUnauthenticatedIdentities: false,
    IdentityPoolTags: { [OwnerUidTag]: uid },
    ...overrides,
  };
}

describe('providerName', () => {
  const cases: Case<[string], string>[] = [
    { name: 'eu-west-1 pool', reason: 'the region comes from the pool ID', args: [userPoolId], want: webProvider },
    { name: 'us-east-1 pool', reason: 'a pool in another region than the identity pool keeps its own region', args: [otherPoolId], want: adminProvider },
  ];
  it.each(cases)('$name: $reason', ({ args, want }) => {
    expect(providerName(...args)).toBe(want);
  });
});

describe('createIdentityPoolRequest', () => {
  const owner = { name: 'shop-identities', uid };
  const cases: Case<[IdentityPoolSpec, IdentityPoolRefs], Record<string, unknown>>[] = [
    {
      name: 'minimal spec',
      reason: 'the pool is named after the object, guests are off (the schema default) and it carries the owner tag',
      args: [spec(), noRefs],
      want: { IdentityPoolName: 'shop-identities', AllowUnauthenticatedIdentities: false, IdentityPoolTags: { [OwnerUidTag]: uid } },
    },
    {
      name: 'every setting',
      reason: 'create carries each pool setting the spec names, the resolved providers and the user tags beside the owner tag',
      args: [
        spec({
          identityPoolName: 'shop_identities',
          allowUnauthenticatedIdentities: true,
          allowClassicFlow: true,
          userPools: [{ ...web, serverSideTokenCheck: true }, admin],
          supportedLoginProviders: { 'accounts.google.com': '1234.apps.googleusercontent.com' },
          developerProviderName: 'login.shop.example.com',
          openIdConnectProviderArns: [oidcArn],
          samlProviderArns: [samlArn],
          roles: { authenticated: role('auth') },
          tags: { team: 'shop' },
        }),
        refs,
      ],
      want: {
        IdentityPoolName: 'shop_identities',
        AllowUnauthenticatedIdentities: true,
        AllowClassicFlow: true,
        CognitoIdentityProviders: [
          { ProviderName: webProvider, ClientId: 'webclient1', ServerSideTokenCheck: true },
          { ProviderName: adminProvider, ClientId: 'adminclient1', ServerSideTokenCheck: false },
        ],
        SupportedLoginProviders: { 'accounts.google.com': '1234.apps.googleusercontent.com' },
        DeveloperProviderName: 'login.shop.example.com',
        OpenIdConnectProviderARNs: [oidcArn],
        SamlProviderARNs: [samlArn],
        IdentityPoolTags: { team: 'shop', [OwnerUidTag]: uid },
      },
    },
    {
      name: 'a provider whose references are absent',
      reason: 'an entry the references left out is not created (its AppClient is being deleted)',
      args: [spec({ userPools: [web, admin] }), { providers: { [pairKey('shop-users', 'web')]: { userPoolId, clientId: 'webclient1' } } }],
      want: {
        IdentityPoolName: 'shop-identities',
        AllowUnauthenticatedIdentities: false,
        CognitoIdentityProviders: [{ ProviderName: webProvider, ClientId: 'webclient1', ServerSideTokenCheck: false }],
        IdentityPoolTags: { [OwnerUidTag]: uid },
      },
    },
  ];
  it.each(cases)('$name: $reason', ({ args, want }) => {
    expect(createIdentityPoolRequest(...args, owner)).toEqual(want);
  });
});

describe('updateIdentityPoolRequest', () => {
  const consolePool = awsPool({
    IdentityPoolName: 'Console name',
    AllowUnauthenticatedIdentities: true,
    AllowClassicFlow: true,
    SupportedLoginProviders: { 'graph.facebook.com': '7346241598935552' },
    DeveloperProviderName: 'login.shop.example.com',
    OpenIdConnectProviderARNs: [oidcArn],
    CognitoIdentityProviders: [{ ProviderName: webProvider, ClientId: 'webclient1', ServerSideTokenCheck: true }],
    SamlProviderARNs: [samlArn],
    IdentityPoolTags: { [OwnerUidTag]: uid, costCenter: '42', 'aws:cloudformation:stack-name': 'shop' },
  });
  const cases: Case<[IdentityPoolSpec, IdentityPoolRefs, IdentityPool], IdentityPool>[] = [
    {
      name: 'spec names only the required setting',
      reason: 'every setting the spec does not name is sent as AWS has it, or UpdateIdentityPool would reset it; aws: tags are never sent',
      args: [spec(), refs, consolePool],
      want: {
        IdentityPoolId: poolId,
        IdentityPoolName: 'Console name',
        AllowUnauthenticatedIdentities: false,
        AllowClassicFlow: true,
        SupportedLoginProviders: { 'graph.facebook.com': '7346241598935552' },
        DeveloperProviderName: 'login.shop.example.com',
        OpenIdConnectProviderARNs: [oidcArn],
        CognitoIdentityProviders: [{ ProviderName: webProvider, ClientId: 'webclient1', ServerSideTokenCheck: true }],
        SamlProviderARNs: [samlArn],
        IdentityPoolTags: { [OwnerUidTag]: uid, costCenter: '42' },
      },
    },
    {
      name: 'spec names lists and maps',
      reason: 'a named list or map replaces AWS’s; a provider entry without serverSideTokenCheck keeps AWS’s setting for that client',
      args: [
        spec({
          identityPoolName: 'shop_identities',
          userPools: [web, admin],
          supportedLoginProviders: { 'accounts.google.com': 'g-app' },
          openIdConnectProviderArns: [],
          samlProviderArns: [],
          tags: { team: 'shop' },
        }),
        refs,
        consolePool,
      ],
      want: {
        IdentityPoolId: poolId,
        IdentityPoolName: 'shop_identities',
        AllowUnauthenticatedIdentities: false,
        AllowClassicFlow: true,
        SupportedLoginProviders: { 'accounts.google.com': 'g-app' },
        DeveloperProviderName: 'login.shop.example.com',
        OpenIdConnectProviderARNs: [],
        CognitoIdentityProviders: [
          { ProviderName: webProvider, ClientId: 'webclient1', ServerSideTokenCheck: true },
          { ProviderName: adminProvider, ClientId: 'adminclient1', ServerSideTokenCheck: false },
        ],
        SamlProviderARNs: [],
        IdentityPoolTags: { [OwnerUidTag]: uid, costCenter: '42', team: 'shop' },
      },
    },
    {
      name: 'the provider’s AppClient is gone',
      reason: 'an absent pair is dropped from the providers: the pool is updated, not broken',
      args: [spec({ userPools: [web] }), noRefs, consolePool],
      want: expect.objectContaining({ CognitoIdentityProviders: [] }) as IdentityPool,
    },
    {
      name: 'moto’s empty DeveloperProviderName',
      reason: 'an empty string means unset; sending it would break the length constraint',
      args: [spec(), noRefs, awsPool({ DeveloperProviderName: '' })],
      want: { IdentityPoolId: poolId, IdentityPoolName: 'shop_identities', AllowUnauthenticatedIdentities: false, IdentityPoolTags: { [OwnerUidTag]: uid } },
    },
  ];
  it.each(cases)('$name: $reason', ({ args, want }) => {
    expect(updateIdentityPoolRequest(...args, uid)).toEqual(want);
  });

  it('refuses a description without an ID', () => {
    expect(() => updateIdentityPoolRequest(spec(), noRefs, awsPool({ IdentityPoolId: undefined }), uid)).toThrow(IncompleteResponseError);
  });
});

describe('poolSettingsDiff', () => {
  const cases: Case<[IdentityPoolSpec, IdentityPoolRefs, IdentityPool], string[]>[] = [
    { name: 'minimal spec, fresh pool', reason: 'nothing named differs', args: [spec(), noRefs, awsPool()], want: [] },
    {
      name: 'AWS leaves out false and empty values',
      reason: 'absent AllowClassicFlow reads as false, absent lists as empty: no perpetual diff',
      args: [spec({ allowClassicFlow: false, userPools: [], supportedLoginProviders: {}, openIdConnectProviderArns: [], samlProviderArns: [] }), noRefs, awsPool({ AllowUnauthenticatedIdentities: undefined })],
      want: [],
    },
    {
      name: 'sets in another order, provider without serverSideTokenCheck',
      reason: 'order does not matter, and an unnamed token check keeps AWS’s value',
      args: [
        spec({ userPools: [admin, web], openIdConnectProviderArns: [oidcArn, `${oidcArn}2`] }),
        refs,
        awsPool({
          CognitoIdentityProviders: [
            { ProviderName: webProvider, ClientId: 'webclient1', ServerSideTokenCheck: true },
            { ProviderName: adminProvider, ClientId: 'adminclient1' },
          ],
          OpenIdConnectProviderARNs: [`${oidcArn}2`, oidcArn],
        }),
      ],
      want: [],
    },
    {
      name: 'every setting differs',
      reason: 'each differing setting is reported by its spec path',
      args: [
        spec({
          identityPoolName: 'renamed',
          allowUnauthenticatedIdentities: true,
          allowClassicFlow: true,
          userPools: [{ ...web, serverSideTokenCheck: true }],
          supportedLoginProviders: { 'accounts.google.com': 'g-app' },
          developerProviderName: 'login.shop.example.com',
          openIdConnectProviderArns: [oidcArn],
          samlProviderArns: [samlArn],
        }),
        refs,
        awsPool({ CognitoIdentityProviders: [{ ProviderName: webProvider, ClientId: 'webclient1', ServerSideTokenCheck: false }], DeveloperProviderName: '' }),
      ],
      want: ['identityPoolName', 'allowUnauthenticatedIdentities', 'allowClassicFlow', 'userPools', 'supportedLoginProviders', 'developerProviderName', 'openIdConnectProviderArns', 'samlProviderArns'],
    },
    {
      name: 'a provider of an absent pair is still in AWS',
      reason: 'the pool must drop it',
      args: [spec({ userPools: [web] }), noRefs, awsPool({ CognitoIdentityProviders: [{ ProviderName: webProvider, ClientId: 'webclient1' }] })],
      want: ['userPools'],
    },
    {
      name: 'the spec names no lists',
      reason: 'AWS’s providers, login providers and ARNs are kept, not a difference',
      args: [spec(), refs, awsPool({ CognitoIdentityProviders: [{ ProviderName: webProvider, ClientId: 'x' }], SupportedLoginProviders: { 'www.amazon.com': 'a' }, SamlProviderARNs: [samlArn] })],
      want: [],
    },
  ];
  it.each(cases)('$name: $reason', ({ args, want }) => {
    expect(poolSettingsDiff(...args)).toEqual(want);
  });
});

describe('roles', () => {
  const webKey = `${webProvider}:webclient1`;
  const tokenMapping: RoleMapping = { Type: 'Token', AmbiguousRoleResolution: 'AuthenticatedRole' };
  const rulesMapping: RoleMapping = {
    Type: 'Rules',
    AmbiguousRoleResolution: 'Deny',
    RulesConfiguration: { Rules: [{ Claim: 'cognito:groups', MatchType: 'Contains', Value: 'admins', RoleARN: role('admin') }] },
  };
  const rulesEntry: Omit<RoleMappingEntry, 'identityProvider' | 'userPoolRef' | 'appClientRef'> = {
    type: 'Rules',
    ambiguousRoleResolution: 'Deny',
    rules: [{ claim: 'cognito:groups', matchType: 'Contains', value: 'admins', roleArn: role('admin') }],
  };

  const diffCases: Case<[IdentityPoolSpec, IdentityPoolRefs, GetIdentityPoolRolesResponse], string[]>[] = [
    { name: 'no roles named', reason: 'AWS’s roles and mappings are kept', args: [spec(), refs, { Roles: { authenticated: role('x') }, RoleMappings: { [webKey]: tokenMapping } }], want: [] },
    { name: 'roles match', reason: 'a role the spec does not name is not compared', args: [spec({ roles: { authenticated: role('auth') } }), refs, { Roles: { authenticated: role('auth'), unauthenticated: role('guest') } }], want: [] },
    {
      name: 'roles differ',
      reason: 'each named role is compared',
      args: [spec({ roles: { authenticated: role('auth'), unauthenticated: role('guest') } }), refs, { Roles: { authenticated: role('old') } }],
      want: ['roles.authenticated', 'roles.unauthenticated'],
    },
    {
      name: 'role mappings by provider string and by reference match',
      reason: 'a pair is keyed <providerName>:<clientId>; AWS’s answer in its own shape compares equal',
      args: [
        spec({
          userPools: [web],
          roleMappings: [
            { identityProvider: 'accounts.google.com', type: 'Token', ambiguousRoleResolution: 'AuthenticatedRole' },
            { ...web, ...rulesEntry },
          ],
        }),
        refs,
        { Roles: {}, RoleMappings: { 'accounts.google.com': tokenMapping, [webKey]: rulesMapping } },
      ],
      want: [],
    },
    {
      name: 'role mappings differ, one extra in AWS',
      reason: 'named role mappings are the whole set: a changed rule and a mapping the spec lacks are both differences',
      args: [
        spec({ userPools: [web], roleMappings: [{ ...web, ...rulesEntry, ambiguousRoleResolution: 'AuthenticatedRole' }] }),
        refs,
        { Roles: {}, RoleMappings: { 'accounts.google.com': tokenMapping, [webKey]: rulesMapping } },
      ],
      want: [`roleMappings[${webKey}]`, 'roleMappings[accounts.google.com]'],
    },
    {
      name: 'mapping of an absent pair',
      reason: 'the mapping of a client that is gone is removed with it',
      args: [spec({ userPools: [web], roleMappings: [{ ...web, ...rulesEntry }] }), noRefs, { Roles: {}, RoleMappings: { [webKey]: rulesMapping } }],
      want: [`roleMappings[${webKey}]`],
    },
  ];
  it.each(diffCases)('rolesDiff, $name: $reason', ({ args, want }) => {
    expect(rolesDiff(...args)).toEqual(want);
  });

  const requestCases: Case<[IdentityPoolSpec, IdentityPoolRefs, GetIdentityPoolRolesResponse], unknown>[] = [
    { name: 'up to date', reason: 'no call when nothing differs', args: [spec({ roles: { authenticated: role('auth') } }), refs, { Roles: { authenticated: role('auth') } }], want: undefined },
    {
      name: 'a role changes, mappings not named',
      reason: 'the call replaces both maps: the other role and AWS’s mappings are sent as they are',
      args: [spec({ roles: { authenticated: role('auth') } }), refs, { Roles: { authenticated: role('old'), unauthenticated: role('guest') }, RoleMappings: { 'accounts.google.com': tokenMapping } }],
      want: { IdentityPoolId: poolId, Roles: { authenticated: role('auth'), unauthenticated: role('guest') }, RoleMappings: { 'accounts.google.com': tokenMapping } },
    },
    {
      name: 'mappings named, pool without roles',
      reason: 'Roles is required: an empty map when neither AWS nor the spec has one',
      args: [spec({ userPools: [web], roleMappings: [{ ...web, ...rulesEntry }] }), refs, {}],
      want: { IdentityPoolId: poolId, Roles: {}, RoleMappings: { [webKey]: rulesMapping } },
    },
    {
      name: 'all mappings removed',
      reason: 'an empty list removes every mapping: RoleMappings is left out',
      args: [spec({ roleMappings: [] }), refs, { Roles: { authenticated: role('auth') }, RoleMappings: { 'accounts.google.com': tokenMapping } }],
      want: { IdentityPoolId: poolId, Roles: { authenticated: role('auth') } },
    },
  ];
  it.each(requestCases)('setRolesRequest, $name: $reason', ({ args, want }) => {
    expect(setRolesRequest(...args, poolId)).toEqual(want);
  });

  const pruneCases: Case<[IdentityPoolSpec, IdentityPoolRefs, IdentityPool, GetIdentityPoolRolesResponse], unknown>[] = [
    {
      name: 'provider stays',
      reason: 'nothing to prune',
      args: [spec({ userPools: [web] }), refs, awsPool({ CognitoIdentityProviders: [{ ProviderName: webProvider, ClientId: 'webclient1' }] }), { Roles: {}, RoleMappings: { [webKey]: rulesMapping } }],
      want: undefined,
    },
    {
      name: 'spec names no userPools',
      reason: 'providers are kept, so are their mappings',
      args: [spec(), noRefs, awsPool({ CognitoIdentityProviders: [{ ProviderName: webProvider, ClientId: 'webclient1' }] }), { Roles: {}, RoleMappings: { [webKey]: rulesMapping } }],
      want: undefined,
    },
    {
      name: 'removed provider without a mapping',
      reason: 'nothing to prune',
      args: [spec({ userPools: [] }), refs, awsPool({ CognitoIdentityProviders: [{ ProviderName: webProvider, ClientId: 'webclient1' }] }), { Roles: {}, RoleMappings: { 'accounts.google.com': tokenMapping } }],
      want: undefined,
    },
    {
      name: 'removed provider with a mapping',
      reason: 'its mapping goes first; roles and other mappings stay as AWS has them',
      args: [
        spec({ userPools: [web] }),
        noRefs,
        awsPool({ CognitoIdentityProviders: [{ ProviderName: webProvider, ClientId: 'webclient1' }] }),
        { Roles: { authenticated: role('auth') }, RoleMappings: { [webKey]: rulesMapping, 'accounts.google.com': tokenMapping } },
      ],
      want: { IdentityPoolId: poolId, Roles: { authenticated: role('auth') }, RoleMappings: { 'accounts.google.com': tokenMapping } },
    },
  ];
  it.each(pruneCases)('pruneRoleMappingsRequest, $name: $reason', ({ args, want }) => {
    expect(pruneRoleMappingsRequest(...args)).toEqual(want);
  });
});

describe('tagsDiff', () => {
  const cases: Case<[IdentityPoolSpec, Record<string, string> | undefined], TagsDiff>[] = [
    { name: 'up to date', reason: 'tags the spec does not name are kept', args: [spec({ tags: { team: 'shop' } }), { team: 'shop', [OwnerUidTag]: uid, costCenter: '42' }], want: { tagsToAdd: {}, keysToRemove: [] } },
    {
      name: 'adopted pool',
      reason: 'the spec’s tags added and a stale reserved key removed; the owner tag, set by creates only, is left as it is',
      args: [spec({ tags: { team: 'shop' } }), { [OwnerUidTag]: 'someone-else', 'cognito.operator.dev/old': 'x' }],
      want: { tagsToAdd: { team: 'shop' }, keysToRemove: ['cognito.operator.dev/old'] },
    },
    { name: 'no tags in AWS', reason: 'an adopted pool is not tagged: adoption writes nothing the spec does not ask for', args: [spec(), undefined], want: { tagsToAdd: {}, keysToRemove: [] } },
  ];
  it.each(cases)('$name: $reason', ({ args, want }) => {
    expect(tagsDiff(...args, uid)).toEqual(want);
  });
});

describe('diffIdentityPool', () => {
  it('reports nothing for a pool that matches, so a resync makes no write', () => {
    const s = spec({ userPools: [web], roles: { authenticated: role('auth') }, roleMappings: [{ identityProvider: 'accounts.google.com', type: 'Token', ambiguousRoleResolution: 'Deny' }], tags: { team: 'shop' } });
    const pool = awsPool({ CognitoIdentityProviders: [{ ProviderName: webProvider, ClientId: 'webclient1', ServerSideTokenCheck: false }], IdentityPoolTags: { team: 'shop', [OwnerUidTag]: uid } });
    const roles: GetIdentityPoolRolesResponse = { Roles: { authenticated: role('auth') }, RoleMappings: { 'accounts.google.com': { Type: 'Token', AmbiguousRoleResolution: 'Deny' } } };
    expect(diffIdentityPool(s, refs, { pool, roles }, uid)).toEqual([]);
  });

  it('lists settings, roles and tags that differ', () => {
    const s = spec({ allowUnauthenticatedIdentities: true, roles: { unauthenticated: role('guest') }, tags: { team: 'shop' } });
    expect(diffIdentityPool(s, noRefs, { pool: awsPool(), roles: {} }, uid)).toEqual(['allowUnauthenticatedIdentities', 'roles.unauthenticated', 'tags.team']);
  });
});

describe('outputs', () => {
  const cases: Case<[string, string | undefined], Record<string, string>>[] = [
    { name: 'account known', reason: 'the ARN is built as TagResource wants it', args: ['eu-west-1', '123456789012'], want: { id: poolId, arn: `arn:aws:cognito-identity:eu-west-1:123456789012:identitypool/${poolId}` } },
    { name: 'account unknown', reason: 'the ARN is left out rather than guessed', args: ['eu-west-1', undefined], want: { id: poolId } },
    { name: 'China region', reason: 'the partition follows the region', args: ['cn-north-1', '123456789012'], want: { id: poolId, arn: `arn:aws-cn:cognito-identity:cn-north-1:123456789012:identitypool/${poolId}` } },
  ];
  it.each(cases)('$name: $reason', ({ args, want }) => {
    expect(identityPoolOutputs(awsPool(), ...args)).toEqual(want);
  });

  it('builds GovCloud ARNs in their partition', () => {
    expect(identityPoolArn('us-gov-west-1', '123456789012', poolId)).toBe(`arn:aws-us-gov:cognito-identity:us-gov-west-1:123456789012:identitypool/${poolId}`);
  });
});
