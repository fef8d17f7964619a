/**
 * AWSAccountBinding end to end: the operator process against the real API server and the
 * emulator, which keeps AWS state per account and gives assumed-role credentials the role's
 * account (moto-accounts.test.ts). Two namespaces are bound to two accounts; a third is served
 * by no binding, then by two. Every account is read back directly with its own credentials.
 *
 * 1. One operator (resync 4 s, 30 s sessions): each namespace's pool only in its account,
 *    no-op resyncs, credentials renewed before expiry, a binding moved to another account, an
 *    ambiguous namespace.
 * 2. One with --require-account-binding: an unbound namespace's pool stalls with no AWS call.
 * 3. One with low rate limits: an account flooded with 100 pools does not hold up another's one.
 */
import { randomBytes } from 'node:crypto';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { CognitoIdentityClient, ListTagsForResourceCommand } from '@aws-sdk/client-cognito-identity';
import { cognitoIdentity, identityPoolsNamed, userPoolsNamed } from './support/aws';
import { kubectl, kubectlOk } from './support/kubectl';
import { useNamespace } from './support/namespace';
import { apply, condition, getObject, releaseAll, waitForCondition, waitForReady } from './support/objects';
import type { OperatorProcess } from './support/operator';
import { callsBetween, kubeWrites, parseKubeRequests, startOperator, writeCalls } from './support/operator';
import { waitFor } from './support/wait';

const nsA = useNamespace(`${__filename}-a`);
const nsB = useNamespace(`${__filename}-b`);
const nsOwn = useNamespace(`${__filename}-own`);
const nsRequired = useNamespace(`${__filename}-req`);
const nsFlood = useNamespace(`${__filename}-flood`);
const nsQuiet = useNamespace(`${__filename}-quiet`);
const suffix = randomBytes(3).toString('hex');
const accountA = '111111111111';
const accountB = '222222222222';
const accountMoved = '333333333333';
const ownAccount = process.env.MOTO_ACCOUNT_ID ?? '123456789012';
const label = `accounts-test-${suffix}`;
const resyncSeconds = 4;
const sessionSeconds = 30;

const roleOf = (account: string) => `arn:aws:iam::${account}:role/cognito-team`;
const bindingName = (what: string) => `accounts-${what}-${suffix}`;
const bindings: string[] = [];

function applyBinding(what: string, spec: Record<string, unknown>): void {
  bindings.push(bindingName(what));
  kubectlOk(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'AWSAccountBinding', metadata: { name: bindingName(what) }, spec }));
}

const poolName = (ns: string, name: string) => `${ns}-${name}`;
function applyPool(ns: string, name: string): void {
  apply(ns, JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'UserPool', metadata: { name }, spec: { poolName: poolName(ns, name), deletionPolicy: 'Delete', deletionProtection: false } }));
}

/** An account's own credentials, from the same STS the operator uses. */
async function credentialsOf(account: string): Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined> {
  if (account === ownAccount) return undefined;
  const sts = new STSClient({ region: process.env.AWS_REGION });
  try {
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleOf(account), RoleSessionName: 'accounts-test', DurationSeconds: 900 }));
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('no credentials');
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
  } finally {
    sts.destroy();
  }
}

async function clientOf(account: string): Promise<CognitoIdentityProviderClient> {
  const credentials = await credentialsOf(account);
  return new CognitoIdentityProviderClient({ region: process.env.AWS_REGION, ...(credentials ? { credentials } : {}) });
}

/** Pool IDs of that name in that account. */
async function poolsIn(account: string, name: string): Promise<string[]> {
  const client = await clientOf(account);
  try {
    return (await userPoolsNamed(client, name)).map((p) => p.Id ?? '');
  } finally {
    client.destroy();
  }
}

function assumeRoleCalls(metrics: string, account: string): number {
  const m = new RegExp(`^cognito_operator_sts_assume_role_total\\{account="${account}"\\} (\\d+)`, 'm').exec(metrics);
  return Number(m?.[1] ?? 0);
}

let operator: OperatorProcess | undefined;
function running(): OperatorProcess {
  if (!operator) throw new Error('no operator is running');
  return operator;
}

/** AWS and Kubernetes writes over `seconds`. */
async function writesOver(seconds: number): Promise<{ aws: number; kube: number; calls: Map<string, number> }> {
  const op = running();
  const [aws0, kube0] = [await op.awsCalls(), parseKubeRequests(await op.metrics())];
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const [aws1, kube1] = [await op.awsCalls(), parseKubeRequests(await op.metrics())];
  const calls = callsBetween(aws0, aws1);
  return { aws: writeCalls(calls), kube: kubeWrites(callsBetween(kube0, kube1)), calls };
}

afterAll(async () => {
  for (const ns of [nsA, nsB, nsOwn]) await releaseAll(ns.name, 'userpools');
  await releaseAll(nsA.name, 'identitypools');
  await operator?.stop();
  for (const name of bindings) kubectl(['delete', 'awsaccountbinding', name, '--ignore-not-found']);
});

describe('two namespaces bound to two accounts', () => {
  beforeAll(async () => {
    kubectlOk(['label', 'namespace', nsA.name, `team=${label}`]);
    applyBinding('a', { roleArn: roleOf(accountA), externalId: 'team-a', sessionName: 'team-a', namespaceSelector: { matchLabels: { team: label } } });
    applyBinding('b', { roleArn: roleOf(accountB), namespaces: [nsB.name] });
    operator = await startOperator({
      namespace: nsA.name,
      resyncInterval: `${resyncSeconds}s`,
      args: [`--watch-namespaces=${nsA.name},${nsB.name},${nsOwn.name}`, `--assume-role-duration=${sessionSeconds}s`],
    });
  });

  it('creates each namespace’s pool in its account only, and records the account', async () => {
    applyPool(nsA.name, 'pool');
    applyPool(nsB.name, 'pool');
    applyPool(nsOwn.name, 'pool');
    const a = await waitForReady(nsA.name, 'userpool', 'pool');
    const b = await waitForReady(nsB.name, 'userpool', 'pool');
    const own = await waitForReady(nsOwn.name, 'userpool', 'pool');
    expect([a.status?.accountId, b.status?.accountId, own.status?.accountId]).toEqual([accountA, accountB, ownAccount]);
    expect(a.metadata.annotations?.['cognito.operator.dev/account-id']).toBe(accountA);
    expect(String(a.status?.arn)).toContain(`:${accountA}:userpool/`);

    const nameA = poolName(nsA.name, 'pool');
    const nameB = poolName(nsB.name, 'pool');
    expect(await poolsIn(accountA, nameA)).toEqual([a.status?.id]);
    expect(await poolsIn(accountB, nameB)).toEqual([b.status?.id]);
    for (const other of [accountB, ownAccount]) expect(await poolsIn(other, nameA)).toEqual([]);
    for (const other of [accountA, ownAccount]) expect(await poolsIn(other, nameB)).toEqual([]);
    expect(await poolsIn(ownAccount, poolName(nsOwn.name, 'pool'))).toEqual([own.status?.id]);
  });

  it('gives an identity pool its binding’s account in its ARN and tags it there', async () => {
    const name = `ids_${suffix}`;
    apply(nsA.name, JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'IdentityPool', metadata: { name: 'ids' }, spec: { identityPoolName: name, allowUnauthenticatedIdentities: false, deletionPolicy: 'Delete', tags: { team: 'a' } } }));
    const pool = await waitForReady(nsA.name, 'identitypool', 'ids');
    expect(pool.status?.accountId).toBe(accountA);
    expect(String(pool.status?.arn)).toContain(`:${accountA}:identitypool/`);
    const credentials = await credentialsOf(accountA);
    const identity = new CognitoIdentityClient({ region: process.env.AWS_REGION, ...(credentials ? { credentials } : {}) });
    try {
      const tags = await identity.send(new ListTagsForResourceCommand({ ResourceArn: String(pool.status?.arn) }));
      expect(tags.Tags).toMatchObject({ team: 'a' });
    } finally {
      identity.destroy();
    }
    expect(await identityPoolsNamed(cognitoIdentity(), name)).toEqual([]);
  });

  it('shows each binding’s account and namespaces', async () => {
    const status = await waitFor('binding a status', () => {
      const out = JSON.parse(kubectlOk(['get', 'awsaccountbinding', bindingName('a'), '-o', 'json'])) as { status?: { accountId?: string; namespaces?: string[] } };
      return out.status?.namespaces?.includes(nsA.name) ? out.status : undefined;
    });
    expect(status).toMatchObject({ accountId: accountA, namespaces: [nsA.name] });
    expect(kubectlOk(['get', 'cab', bindingName('b')])).toContain(accountB);
  });

  it('makes no write on a no-op resync, with per-account metrics', async () => {
    await new Promise((r) => setTimeout(r, 2000));
    const { aws, kube, calls } = await writesOver(3 * resyncSeconds);
    expect(aws).toBe(0);
    expect(kube).toBe(0);
    expect(calls.get('DescribeUserPool') ?? 0).toBeGreaterThanOrEqual(3);
    expect(calls.get('DescribeIdentityPool') ?? 0).toBeGreaterThanOrEqual(1);
    const metrics = await running().metrics();
    for (const account of [accountA, accountB, ownAccount]) expect(metrics).toMatch(new RegExp(`cognito_operator_aws_requests_total\\{account="${account}"`));
    console.log(`no-op resync over ${3 * resyncSeconds}s, 3 user pools in 3 accounts and an identity pool: ${JSON.stringify(Object.fromEntries(calls))}`);
  });

  it('renews a binding’s credentials before they expire, one AssumeRole per session', async () => {
    const before = assumeRoleCalls(await running().metrics(), accountA);
    expect(before).toBeGreaterThanOrEqual(1);
    // Renewed a third of the session before expiry; the resync keeps asking for credentials.
    await waitFor('a second session', async () => assumeRoleCalls(await running().metrics(), accountA) > before, { timeoutMs: 3 * sessionSeconds * 1000 });
    const metrics = await running().metrics();
    expect(metrics).not.toMatch(/cognito_operator_aws_requests_total\{[^}]*outcome="error"/);
    expect(condition(getObject(nsA.name, 'userpool', 'pool'), 'Ready')?.status).toBe('True');
    console.log(`AssumeRole calls for account ${accountA} so far (sessions of ${sessionSeconds}s): ${assumeRoleCalls(metrics, accountA)}`);
  });

  it('stalls an object whose binding moves to another account: no second pool, no delete', async () => {
    const before = await running().awsCalls();
    kubectlOk(['patch', 'awsaccountbinding', bindingName('b'), '--type=merge', '-p', JSON.stringify({ spec: { roleArn: roleOf(accountMoved) } })]);
    const stalled = await waitForCondition(nsB.name, 'userpool', 'pool', 'Stalled', 'True', 'AccountChanged');
    expect(condition(stalled, 'Stalled')?.message).toContain(accountB);
    expect(condition(stalled, 'Stalled')?.message).toContain(accountMoved);
    const { aws } = await writesOver(2 * resyncSeconds);
    expect(aws).toBe(0);
    expect(writeCalls(callsBetween(before, await running().awsCalls()))).toBe(0);
    const nameB = poolName(nsB.name, 'pool');
    expect(await poolsIn(accountMoved, nameB)).toEqual([]);
    expect(await poolsIn(accountB, nameB)).toEqual([stalled.status?.id]);

    kubectlOk(['patch', 'awsaccountbinding', bindingName('b'), '--type=merge', '-p', JSON.stringify({ spec: { roleArn: roleOf(accountB) } })]);
    await waitForCondition(nsB.name, 'userpool', 'pool', 'Ready', 'True');
  });

  it('stalls the objects of a namespace two bindings serve, and a reference across accounts, with no write', async () => {
    applyBinding('own-1', { roleArn: roleOf(accountA), namespaces: [nsOwn.name] });
    applyBinding('own-2', { roleArn: roleOf(accountB), namespaces: [nsOwn.name] });
    const stalled = await waitForCondition(nsOwn.name, 'userpool', 'pool', 'Stalled', 'True', 'AmbiguousAccountBinding');
    expect(condition(stalled, 'Stalled')?.message).toContain(bindingName('own-1'));
    expect(condition(stalled, 'Stalled')?.message).toContain(bindingName('own-2'));
    const { aws } = await writesOver(2 * resyncSeconds);
    expect(aws).toBe(0);
    // One binding left, to another account than the pool's: the pool says so.
    kubectlOk(['delete', 'awsaccountbinding', bindingName('own-2')]);
    await waitForCondition(nsOwn.name, 'userpool', 'pool', 'Stalled', 'True', 'AccountChanged');
    // A new client of that pool would live in the binding's account, the pool in the operator's.
    apply(nsOwn.name, JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'AppClient', metadata: { name: 'web' }, spec: { userPoolRef: { name: 'pool' } } }));
    const client = await waitForCondition(nsOwn.name, 'appclient', 'web', 'Stalled', 'True', 'CrossAccountReference');
    expect(condition(client, 'Stalled')?.message).toMatch(new RegExp(`UserPool pool lives in AWS account ${ownAccount}.*${accountA}.*cannot cross accounts`));
    kubectlOk(['delete', 'appclient', 'web', '-n', nsOwn.name]);
    kubectlOk(['delete', 'awsaccountbinding', bindingName('own-1')]);
    await waitForCondition(nsOwn.name, 'userpool', 'pool', 'Ready', 'True');
  });
});

describe('--require-account-binding', () => {
  let strict: OperatorProcess | undefined;
  afterAll(async () => {
    kubectl(['delete', 'userpools', '--all', '-n', nsRequired.name, '--wait=false']);
    kubectl(['patch', 'userpool', 'pool', '-n', nsRequired.name, '--type=merge', '-p', '{"metadata":{"finalizers":null}}']);
    await strict?.stop();
  });

  it('stalls an unbound namespace’s pool with no AWS call at all', async () => {
    strict = await startOperator({ namespace: nsRequired.name, args: ['--require-account-binding'] });
    applyPool(nsRequired.name, 'pool');
    const stalled = await waitForCondition(nsRequired.name, 'userpool', 'pool', 'Stalled', 'True', 'NoAccountBinding');
    expect(condition(stalled, 'Stalled')?.message).toContain(nsRequired.name);
    expect([...(await strict.awsCalls()).values()].reduce((n, c) => n + c, 0)).toBe(0);
    expect(await poolsIn(ownAccount, poolName(nsRequired.name, 'pool'))).toEqual([]);
  });
});

describe('quotas per account', () => {
  const floodAccount = '444444444444';
  const quietAccount = '555555555555';
  const flood = 100;
  let limited: OperatorProcess | undefined;
  afterAll(async () => {
    kubectl(['delete', 'userpools', '--all', '-n', nsFlood.name, '--timeout=300s']);
    await releaseAll(nsQuiet.name, 'userpools');
    await limited?.stop();
  });

  it('gets one account’s single pool Ready while another works through 100', async () => {
    applyBinding('flood', { roleArn: roleOf(floodAccount), namespaces: [nsFlood.name] });
    applyBinding('quiet', { roleArn: roleOf(quietAccount), namespaces: [nsQuiet.name] });
    limited = await startOperator({
      namespace: nsFlood.name,
      args: [`--watch-namespaces=${nsFlood.name},${nsQuiet.name}`],
      // Low enough that the flooded account waits on its own buckets for a minute or more.
      env: { AWS_RATE_LIMITS: 'UserPoolRead=2,UserPoolUpdate=2' },
    });
    const pools = Array.from({ length: flood }, (_, i) => ({
      apiVersion: 'cognito.operator.dev/v1alpha1',
      kind: 'UserPool',
      metadata: { name: `flood-${i}` },
      spec: { poolName: poolName(nsFlood.name, `flood-${i}`), deletionProtection: false },
    }));
    apply(nsFlood.name, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: pools }));
    await waitFor('the flood under way', () => getObject(nsFlood.name, 'userpool', 'flood-0')?.status !== undefined);
    applyPool(nsQuiet.name, 'pool');
    const quiet = await waitForReady(nsQuiet.name, 'userpool', 'pool');
    const readyFlood = (JSON.parse(kubectlOk(['get', 'userpools', '-n', nsFlood.name, '-o', 'json'])) as { items: { status?: { conditions?: { type: string; status: string }[] } }[] }).items.filter((o) =>
      o.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
    ).length;
    // The quiet account's pool did not wait for the flood to be worked through.
    expect(readyFlood).toBeLessThan(flood / 2);
    expect(quiet.status?.accountId).toBe(quietAccount);
    const calls = parseAwsCallsByAccount(await limited.metrics());
    console.log(`quiet pool Ready while ${readyFlood}/${flood} flooded pools were; AWS calls by account so far: ${JSON.stringify(calls)}`);
    expect(calls[quietAccount]).toBeGreaterThan(0);
  });
});

/** Total AWS calls per account label. */
function parseAwsCallsByAccount(metrics: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of metrics.matchAll(/^cognito_operator_aws_requests_total\{account="([^"]+)"[^}]*\} (\d+)/gm)) out[m[1] ?? ''] = (out[m[1] ?? ''] ?? 0) + Number(m[2]);
  return out;
}
