import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CognitoIdentityProviderClient,
  DescribeIdentityProviderCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  GetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { userPoolKind } from '../../resources/userpool/schema';
import { createAwsClients } from '../../aws/clients';
import { withDefaults } from './defaults';
import { loadObjects } from './load';
import { plan, valueAt } from './planner';
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
  ])('$path', ({ path, want }) => expect(valueAt({ a: { b: 1 }, tags: { 'cognito.example/x': 'y' } }, path)).toBe(want));
});

describe('parsePlanArgs', () => {
  it('takes several -f and defaults to text', () => {
    expect(parsePlanArgs(['-f', 'a.yaml', '-f', 'dir'], { AWS_REGION: 'eu-west-1' })).toEqual({ files: ['a.yaml', 'dir'], region: 'eu-west-1', namespace: 'default', output: 'text' });
  });
  it('refuses a plan without files', () => expect(() => parsePlanArgs([], { AWS_REGION: 'eu-west-1' })).toThrow(/-f/));
});
