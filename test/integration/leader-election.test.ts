/**
 * Two replicas with --leader-elect: only the holder of the Lease reconciles; when it dies
 * without a goodbye (SIGKILL), the other takes over once the lease duration (15 s) has passed.
 */
import { kubectlOk } from './support/kubectl';
import { useNamespace } from './support/namespace';
import { apply, releaseAll, waitForReady } from './support/objects';
import type { OperatorProcess } from './support/operator';
import { startOperator, writeCalls } from './support/operator';
import { waitFor } from './support/wait';

const ns = useNamespace(__filename);
let replicas: OperatorProcess[] = [];

afterAll(async () => {
  await releaseAll(ns.name, 'userpools');
  await Promise.all(replicas.map((r) => r.stop()));
});

const pool = (name: string) =>
  JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'UserPool', metadata: { name }, spec: { poolName: `it-leader-${name}` } });

async function isLeader(replica: OperatorProcess): Promise<boolean> {
  return /^leader_election_master_status\{[^}]*\} 1$/m.test(await replica.metrics().catch(() => ''));
}

function leaseHolder(): string {
  return kubectlOk(['get', 'lease', 'cognito-operator-leader', '-n', ns.name, '-o', 'jsonpath={.spec.holderIdentity}']);
}

it('lets only the leader reconcile, and fails over when the leader dies', async () => {
  const flags = ['--leader-elect', `--leader-election-namespace=${ns.name}`];
  replicas = [await startOperator({ namespace: ns.name, args: flags }), await startOperator({ namespace: ns.name, args: flags })];
  const leader = await waitFor('a leader', async () => {
    const states = await Promise.all(replicas.map(isLeader));
    return states.filter(Boolean).length === 1 ? replicas[states.indexOf(true)] : undefined;
  });
  const standby = replicas.find((r) => r !== leader);
  if (!leader || !standby) throw new Error('expected one leader and one standby');

  apply(ns.name, pool('first'));
  await waitForReady(ns.name, 'userpool', 'first');
  expect(writeCalls(await leader.awsCalls())).toBeGreaterThan(0);
  expect((await standby.awsCalls()).size).toBe(0);
  const holderBefore = leaseHolder();

  const killedAt = Date.now();
  await leader.kill();
  apply(ns.name, pool('second'));
  await waitForReady(ns.name, 'userpool', 'second', 60_000);
  const failoverSeconds = (Date.now() - killedAt) / 1000;
  console.log(`failover: leader killed → standby reconciled a new object in ${failoverSeconds.toFixed(1)}s (lease duration 15s)`);
  expect(await isLeader(standby)).toBe(true);
  expect(leaseHolder()).not.toBe(holderBefore);
  replicas = [standby];
});
