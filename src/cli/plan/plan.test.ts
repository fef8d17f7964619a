import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CognitoIdentityProviderClient,
  DescribeIdentityProviderCommand,
  DescribeResourceServerCommand,
  GetGroupCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  GetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { userPoolKind } from '../../resources/userpool/schema';
import { createAwsClients } from '../../aws/clients';
import { withDefaults } from './defaults';
import { loadObjects } from './load';
import { plan } from './planner';
import { valueAt } from './aws-values';
import type { ObjectPlan } from './planner';
import { planExitCode, renderPlanText } from './report';
import { parsePlanArgs } from './command';

const idp = mockClient(CognitoIdentityProviderClient);
const poolId = 'eu-west-1_Shop1';

beforeEach(() => idp.reset());

function files(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'plan-test-'));
  writeFileSync(join(dir, 'objects.yaml'), yaml);
  return dir;
}

const poolYaml = `
apiVersion: cognito.operator.dev/v1alpha1
kind: UserPool
metadata: {name: shop, namespace: shop, annotations: {cognito.operator.dev/external-id: ${poolId}}}
spec:
  poolName: shop
  security: {passwordPolicy: {minimumLength: 14}}
  tags: {team: shop}
`;

const providerYaml = `
apiVersion: cognito.operator.dev/v1alpha1
kind: IdentityProvider
metadata: {name: google, namespace: shop, annotations: {cognito.operator.dev/external-id: Google}}
spec:
  userPoolRef: {name: shop}
  providerType: Google
  providerName: Google
  providerDetails: {client_id: cid}
  clientSecretRef: {name: google-oauth, key: clientSecret}
---
apiVersion: v1
kind: Secret
metadata: {name: google-oauth, namespace: shop}
stringData: {clientSecret: new-secret}
`;

function givenPool(minimumLength: number): void {
  idp.on(DescribeUserPoolCommand).resolves({
    UserPool: { Id: poolId, Arn: `arn:aws:cognito-idp:eu-west-1:123456789012:userpool/${poolId}`, Name: 'shop', DeletionProtection: 'ACTIVE', Policies: { PasswordPolicy: { MinimumLength: minimumLength } }, UserPoolTags: { team: 'shop' } },
  });
  idp.on(GetUserPoolMfaConfigCommand).resolves({ MfaConfiguration: 'OFF' });
  idp.on(DescribeUserPoolDomainCommand).resolves({});
}

async function planOf(yaml: string): Promise<ObjectPlan[]> {
  const aws = createAwsClients({ defaultRegion: 'eu-west-1' });
  try {
    return await plan(loadObjects([files(yaml)], 'default'), { aws });
  } finally {
    aws.destroy();
  }
}

describe('plan', () => {
  it('says up to date when AWS matches, with exit code 0', async () => {
    givenPool(14);
    const plans = await planOf(poolYaml);
    expect(plans).toEqual([{ kind: 'UserPool', namespace: 'shop', name: 'shop', externalId: poolId, action: 'up-to-date', changes: [] }]);
    expect(planExitCode(plans)).toBe(0);
  });

  it('names each path that would change, AWS’s value → the spec’s, with read calls only', async () => {
    givenPool(8);
    const plans = await planOf(poolYaml);
    expect(plans[0]).toMatchObject({ action: 'update', changes: [{ path: 'security.passwordPolicy.minimumLength', old: 8, new: 14 }] });
    expect(planExitCode(plans)).toBe(2);
    expect(renderPlanText(plans)).toContain('security.passwordPolicy.minimumLength: 8 → 14');
    const operations = idp.calls().map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name);
    expect(operations.filter((op) => !/^(Describe|List|Get)/.test(op))).toEqual([]);
  });

  it('would create an object without external-id, and its dependents wait for it', async () => {
    const plans = await planOf(poolYaml.replace(/annotations: \{[^}]*\}/, 'annotations: {}') + '---' + providerYaml);
    expect(plans.map((p) => [p.kind, p.action, p.reason])).toEqual([
      ['UserPool', 'create', undefined],
      ['IdentityProvider', 'wait', 'Waiting for UserPool shop to be Ready'],
    ]);
    expect(idp.calls()).toHaveLength(0);
  });

  it('masks a secret that differs, reading it from the Secret in the files', async () => {
    givenPool(14);
    idp.on(DescribeIdentityProviderCommand).resolves({ IdentityProvider: { ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: { client_id: 'cid', client_secret: 'old-secret' } } });
    const plans = await planOf(poolYaml + '---' + providerYaml);
    expect(plans[1]).toMatchObject({ kind: 'IdentityProvider', action: 'update', changes: [{ path: 'clientSecretRef', old: '(secret: masked)', new: '(secret: masked)' }] });
    expect(JSON.stringify(plans)).not.toMatch(/old-secret|new-secret/);
  });

  it('shows a setting the applied record names and the spec no longer does as a removal, with AWS’s value', async () => {
    givenPool(14);
    idp.on(DescribeUserPoolCommand).resolves({ UserPool: { Id: poolId, Name: 'shop', DeletionProtection: 'ACTIVE', Arn: `arn:aws:cognito-idp:eu-west-1:123456789012:userpool/${poolId}`, Policies: { PasswordPolicy: { MinimumLength: 14 } }, UserPoolTags: { team: 'shop', env: 'dev' } } });
    const recorded = poolYaml.replace('annotations: {', `annotations: {cognito.operator.dev/applied: '["tags.env","tags.team"]', `);
    const plans = await planOf(recorded);
    expect(plans[0]).toMatchObject({ action: 'update', changes: [{ path: 'tags.env', old: 'dev', remove: true }] });
    expect(renderPlanText(plans)).toContain("would remove/reset tags.env: dev → (AWS's default)");
    // Without the record, a tag the spec never named is AWS's to keep.
    expect((await planOf(poolYaml))[0]?.action).toBe('up-to-date');
  });

  it('gives AWS’s value → the spec’s for kinds without a comparison table too', async () => {
    givenPool(14);
    idp.on(DescribeResourceServerCommand).resolves({ ResourceServer: { UserPoolId: poolId, Identifier: 'https://api.shop.example.com', Name: 'Old API', Scopes: [{ ScopeName: 'orders.read', ScopeDescription: 'Read them' }] } });
    idp.on(GetGroupCommand).resolves({ Group: { GroupName: 'admins', UserPoolId: poolId, Description: 'Old', Precedence: 1 } });
    const plans = await planOf(`${poolYaml}---
apiVersion: cognito.operator.dev/v1alpha1
kind: ResourceServer
metadata: {name: api, namespace: shop, annotations: {cognito.operator.dev/external-id: 'https://api.shop.example.com'}}
spec: {userPoolRef: {name: shop}, identifier: 'https://api.shop.example.com', name: Shop API, scopes: [{name: orders.read, description: Read orders}]}
---
apiVersion: cognito.operator.dev/v1alpha1
kind: UserPoolGroup
metadata: {name: admins, namespace: shop, annotations: {cognito.operator.dev/external-id: admins}}
spec: {userPoolRef: {name: shop}, groupName: admins, description: Shop administrators, precedence: 1}
`);
    expect(plans.slice(1).map((p) => [p.kind, p.changes])).toEqual([
      ['ResourceServer', [{ path: 'name', old: 'Old API', new: 'Shop API' }, { path: 'scopes[orders.read].description', old: 'Read them', new: 'Read orders' }]],
      ['UserPoolGroup', [{ path: 'description', old: 'Old', new: 'Shop administrators' }]],
    ]);
  });

  it('would stall when the resource to adopt does not exist', async () => {
    idp.on(DescribeUserPoolCommand).rejects(Object.assign(new Error('User pool does not exist.'), { name: 'ResourceNotFoundException' }));
    const plans = await planOf(poolYaml);
    expect(plans[0]).toMatchObject({ action: 'stall', reason: expect.stringMatching(/^AdoptionTargetNotFound/) });
  });
});

describe('withDefaults', () => {
  it('fills in what the API server defaults, nested too', () => {
    expect(withDefaults(userPoolKind.spec.props, { triggers: { customSmsSender: { lambdaArn: 'arn' } } })).toEqual({
      deletionPolicy: 'Retain',
      deletionProtection: true,
      triggers: { customSmsSender: { lambdaArn: 'arn', lambdaVersion: 'V1_0' } },
    });
  });
});

describe('valueAt', () => {
  it.each([
    { path: 'a.b', want: 1 },
    { path: 'tags.cognito.example/x', want: 'y' },
    { path: 'a.missing', want: undefined },
    { path: 'logging.userAuthEvents.level', want: 'INFO' },
    { path: 'scopes[orders.read].description', want: 'Read' },
    { path: 'assets[FAVICON_ICO/LIGHT]', want: { category: 'FAVICON_ICO', colorMode: 'LIGHT', extension: 'ICO' } },
  ])('$path', ({ path, want }) =>
    expect(valueAt({ a: { b: 1 }, tags: { 'cognito.example/x': 'y' }, logging: [{ eventSource: 'userAuthEvents', level: 'INFO' }], assets: [{ category: 'FAVICON_ICO', colorMode: 'LIGHT', extension: 'ICO' }], scopes: [{ name: 'orders.read', description: 'Read' }] }, path)).toEqual(want),
  );
});

describe('parsePlanArgs', () => {
  it('takes several -f and defaults to text', () => {
    expect(parsePlanArgs(['-f', 'a.yaml', '-f', 'dir'], { AWS_REGION: 'eu-west-1' })).toEqual({ files: ['a.yaml', 'dir'], region: 'eu-west-1', namespace: 'default', output: 'text' });
  });
  it('refuses a plan without files', () => expect(() => parsePlanArgs([], { AWS_REGION: 'eu-west-1' })).toThrow(/-f/));
});
