/**
 * The operator under a misbehaving AWS: a seeded proxy between it and the emulator answers
 * about 30 % of calls with throttling, HTTP 500, a 3-8 s delay, a dropped connection, or (for
 * creates) forwards the call and drops the answer. Afterwards the emulator, read directly, holds
 * exactly one AWS resource per object, every object is Ready and the operator never restarted.
 *
 * FAULT_SEED picks the sequence of faults (default 13).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeUserPoolCommand, ListGroupsCommand, ListIdentityProvidersCommand, ListUserPoolClientsCommand, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { ListIdentityPoolsCommand } from '@aws-sdk/client-cognito-identity';
import { parseAllDocuments } from 'yaml';
import { cognito, cognitoIdentity } from '../integration/support/aws';
import { kubectlOk } from '../integration/support/kubectl';
import { useNamespace } from '../integration/support/namespace';
import type { StoredObject } from '../integration/support/objects';
import { releaseAll } from '../integration/support/objects';
import type { OperatorProcess } from '../integration/support/operator';
import { startOperator } from '../integration/support/operator';
import { waitFor } from '../integration/support/wait';
import type { FaultProxy } from './proxy';
import { startFaultProxy } from './proxy';

jest.setTimeout(15 * 60_000);

const ns = useNamespace(__filename);
const seed = Number(process.env.FAULT_SEED ?? '13');
const faultRate = 0.3;
const extraPools = 15;
const convergeTimeoutMs = 400_000;
const resyncSeconds = 15;
const watchReadyMs = 2 * resyncSeconds * 1000;
const plurals = ['userpools', 'appclients', 'identityproviders', 'userpoolgroups', 'identitypools'] as const;
const examples = join(__dirname, '..', '..', 'deploy', 'examples');

type Doc = { kind: string; metadata: { name: string }; spec?: Record<string, unknown> };

/** The examples, with AWS names of this namespace (other test files apply the same examples). */
function exampleStack(prefix: string): Doc[] {
  const docs = readdirSync(examples)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => parseAllDocuments(readFileSync(join(examples, f), 'utf8')).map((d) => d.toJSON() as Doc))
    // An AWSAccountBinding is cluster configuration, not part of a namespace's stack (and would outlive it).
    .filter((d) => d !== null && d.kind !== 'AWSAccountBinding');
  for (const doc of docs) {
    if (doc.kind === 'UserPool') doc.spec = { ...doc.spec, poolName: `${prefix}-shop-users`, domain: { prefix: `${prefix}-shop` } };
    if (doc.kind === 'IdentityPool') doc.spec = { ...doc.spec, identityPoolName: `${prefix.replace(/-/g, '_')}_shop` };
  }
  return docs;
}

function extraObjects(prefix: string): Doc[] {
  return Array.from({ length: extraPools }, (_, i) => {
    const n = String(i).padStart(2, '0');
    return [
      { apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'UserPool', metadata: { name: `fault-pool-${n}` }, spec: { poolName: `${prefix}-pool-${n}`, deletionProtection: false, ...(i % 3 === 0 ? { domain: { prefix: `${prefix}-d${n}` } } : {}) } },
      { apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'AppClient', metadata: { name: `fault-app-${n}` }, spec: { userPoolRef: { name: `fault-pool-${n}` }, clientName: `fault-app-${n}`, generateSecret: i % 2 === 0 } },
    ];
  }).flat();
}

function objects(plural: string): StoredObject[] {
  return (JSON.parse(kubectlOk(['get', plural, '-n', ns.name, '-o', 'json'])) as { items: StoredObject[] }).items;
}

function notReady(): string[] {
  return plurals.flatMap((plural) =>
    objects(plural)
      .filter((o) => o.status?.conditions?.find((c) => c.type === 'Ready')?.status !== 'True')
      .map((o) => `${plural}/${o.metadata.name}`),
  );
}

/** What the emulator holds for this namespace, set against what the objects record. */
async function auditEmulator(prefix: string): Promise<{ duplicates: string[]; orphans: string[]; missing: string[] }> {
  const idp = cognito();
  const identity = cognitoIdentity();
  const duplicates: string[] = [];
  const orphans: string[] = [];
  const missing: string[] = [];
  const pools = objects('userpools');
  const recordedPools = new Map(pools.map((p) => [String(p.status?.id), p] as const));

  const awsPools = [];
  let token: string | undefined;
  do {
    const page = await idp.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken: token }));
    awsPools.push(...(page.UserPools ?? []).filter((p) => p.Name?.startsWith(`${prefix}-`)));
    token = page.NextToken;
  } while (token);
  const byName = new Map<string, string[]>();
  for (const p of awsPools) byName.set(p.Name ?? '', [...(byName.get(p.Name ?? '') ?? []), p.Id ?? '']);
  for (const [name, ids] of byName) if (ids.length > 1) duplicates.push(`user pool ${name}: ${ids.join(', ')}`);
  for (const p of awsPools) if (!recordedPools.has(p.Id ?? '')) orphans.push(`user pool ${p.Name} ${p.Id}`);
  for (const [id, p] of recordedPools) if (!awsPools.some((a) => a.Id === id)) missing.push(`user pool of ${p.metadata.name}`);

  const clients = objects('appclients');
  const providers = objects('identityproviders');
  const groups = objects('userpoolgroups');
  for (const [poolId, pool] of recordedPools) {
    if (!awsPools.some((a) => a.Id === poolId)) continue;
    const page = await idp.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 60 }));
    const mine = clients.filter((c) => c.spec.userPoolRef && (c.spec.userPoolRef as { name: string }).name === pool.metadata.name);
    const recorded = new Set(mine.map((c) => String(c.status?.clientId)));
    for (const c of page.UserPoolClients ?? []) if (!recorded.has(c.ClientId ?? '')) orphans.push(`app client ${c.ClientName} ${c.ClientId} in ${poolId}`);
    for (const c of mine) if (!(page.UserPoolClients ?? []).some((a) => a.ClientId === c.status?.clientId)) missing.push(`app client of ${c.metadata.name}`);
    const names = (page.UserPoolClients ?? []).map((c) => c.ClientName);
    for (const name of new Set(names)) if (names.filter((n) => n === name).length > 1) duplicates.push(`app client ${name} in ${poolId}`);

    const idps = await idp.send(new ListIdentityProvidersCommand({ UserPoolId: poolId, MaxResults: 60 }));
    const expected = providers.filter((p) => (p.spec.userPoolRef as { name: string }).name === pool.metadata.name).map((p) => String(p.spec.providerName));
    for (const p of idps.Providers ?? []) if (!expected.includes(p.ProviderName ?? '')) orphans.push(`identity provider ${p.ProviderName} in ${poolId}`);
    for (const name of expected) if (!(idps.Providers ?? []).some((p) => p.ProviderName === name)) missing.push(`identity provider ${name}`);

    const awsGroups = (await idp.send(new ListGroupsCommand({ UserPoolId: poolId, Limit: 60 }))).Groups ?? [];
    const expectedGroups = groups.filter((g) => (g.spec.userPoolRef as { name: string }).name === pool.metadata.name).map((g) => String(g.spec.groupName ?? g.metadata.name));
    for (const g of awsGroups) if (!expectedGroups.includes(g.GroupName ?? '')) orphans.push(`group ${g.GroupName} in ${poolId}`);
    for (const name of expectedGroups) if (!awsGroups.some((g) => g.GroupName === name)) missing.push(`group ${name}`);

    const domain = pool.spec.domain as { prefix?: string } | undefined;
    const described = await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    if (domain?.prefix !== undefined && described.UserPool?.Domain !== domain.prefix) missing.push(`domain ${domain.prefix}`);
  }

  const identityPools = objects('identitypools');
  const awsIdentityPools = (await identity.send(new ListIdentityPoolsCommand({ MaxResults: 60 }))).IdentityPools ?? [];
  const ours = awsIdentityPools.filter((p) => p.IdentityPoolName?.startsWith(prefix.replace(/-/g, '_')));
  const recordedIdentityPools = new Set(identityPools.map((p) => String(p.status?.id)));
  if (ours.length > identityPools.length) duplicates.push(`identity pools: ${ours.map((p) => p.IdentityPoolId).join(', ')}`);
  for (const p of ours) if (!recordedIdentityPools.has(p.IdentityPoolId ?? '')) orphans.push(`identity pool ${p.IdentityPoolId}`);
  for (const p of identityPools) if (!ours.some((a) => a.IdentityPoolId === p.status?.id)) missing.push(`identity pool of ${p.metadata.name}`);
  return { duplicates, orphans, missing };
}

let proxy: FaultProxy;
let operator: OperatorProcess;

beforeAll(async () => {
  proxy = await startFaultProxy({ target: process.env.AWS_ENDPOINT_URL ?? '', seed, rate: faultRate });
  operator = await startOperator({ namespace: ns.name, resyncInterval: `${resyncSeconds}s`, env: { AWS_ENDPOINT_URL: proxy.url }, args: ['--log-level=info'] });
});

afterAll(async () => {
  for (const plural of [...plurals].reverse()) await releaseAll(ns.name, plural);
  await operator.stop();
  await proxy.close();
});

it('leaves exactly one AWS resource per object and every object Ready, under injected faults', async () => {
  const prefix = ns.name;
  const docs = [...exampleStack(prefix), ...extraObjects(prefix)];
  const started = Date.now();
  kubectlOk(['apply', '-n', ns.name, '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: docs }));
  let lastNotReady: string[] = [];
  await waitFor('every object Ready', () => {
    lastNotReady = notReady();
    return lastNotReady.length === 0 || undefined;
  }, { timeoutMs: convergeTimeoutMs, intervalMs: 2000 }).catch((err: unknown) => {
    console.log(`not Ready after ${convergeTimeoutMs / 1000}s: ${lastNotReady.join(', ')}`);
    void err;
  });
  const seconds = (Date.now() - started) / 1000;
  // Faults go on: through two more resyncs of every object, Ready must not drop.
  const droppedReady = new Set<string>();
  if (lastNotReady.length === 0) {
    const watchUntil = Date.now() + watchReadyMs;
    while (Date.now() < watchUntil) {
      for (const o of notReady()) droppedReady.add(o);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  const stats = await proxy.stats();
  const audit = await auditEmulator(prefix);
  console.log(
    [
      `fault test, seed ${seed}: ${docs.filter((d) => d.kind !== 'Secret').length} objects, ${stats.calls} AWS calls through the proxy`,
      `  faults injected: ${JSON.stringify(stats.injected)}`,
      `  ${lastNotReady.length === 0 ? `all Ready in ${seconds.toFixed(1)}s` : `${lastNotReady.length} not Ready after ${seconds.toFixed(1)}s`}`,
      `  Ready dropped during ${watchReadyMs / 1000}s of resyncs afterwards: ${droppedReady.size} ${[...droppedReady].join(', ')}`,
      `  duplicates ${audit.duplicates.length}, orphans ${audit.orphans.length}, missing ${audit.missing.length}`,
      ...[...audit.duplicates, ...audit.orphans, ...audit.missing].map((l) => `    ${l}`),
    ].join('\n'),
  );
  expect(lastNotReady).toEqual([]);
  expect([...droppedReady]).toEqual([]);
  expect(audit).toEqual({ duplicates: [], orphans: [], missing: [] });
  const running = await Promise.race([operator.exited.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 100))]);
  expect(running).toBe(true);
});
