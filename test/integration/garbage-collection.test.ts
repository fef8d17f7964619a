/**
 * An AppClient's output Secret goes with its owner the way every owned object does on a cluster:
 * Kubernetes' garbage collector deletes it through its ownerReference (the operator does not),
 * so `kubectl delete --cascade=orphan` keeps it, as the user asked.
 */
import { randomBytes } from 'node:crypto';
import { kubectl, kubectlOk } from './support/kubectl';
import { useNamespace } from './support/namespace';
import { apply, releaseAll, waitForGone, waitForReady } from './support/objects';
import type { OperatorProcess } from './support/operator';
import { startOperator } from './support/operator';
import { waitFor } from './support/wait';

const ns = useNamespace(__filename);
const run = randomBytes(3).toString('hex');
let operator: OperatorProcess;

interface SecretMeta {
  metadata: { uid: string; ownerReferences?: { kind: string; name: string; uid: string }[] };
}

beforeAll(async () => {
  operator = await startOperator({ namespace: ns.name });
  apply(ns.name, JSON.stringify({
    apiVersion: 'cognito.operator.dev/v1alpha1',
    kind: 'UserPool',
    metadata: { name: 'shop' },
    spec: { poolName: `gc-it-${run}`, deletionPolicy: 'Delete', deletionProtection: false },
  }));
  await waitForReady(ns.name, 'userpool', 'shop');
});

afterAll(async () => {
  await releaseAll(ns.name, 'appclients');
  await releaseAll(ns.name, 'userpools');
  await operator.stop();
});

function secret(name: string): SecretMeta | undefined {
  const result = kubectl(['get', 'secret', name, '-n', ns.name, '-o', 'json']);
  return result.code === 0 ? (JSON.parse(result.stdout) as SecretMeta) : undefined;
}

/** A Ready AppClient and its output Secret, owned by it. */
async function clientWithSecret(name: string): Promise<{ uid: string; secret: SecretMeta }> {
  apply(ns.name, JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'AppClient', metadata: { name }, spec: { userPoolRef: { name: 'shop' } } }));
  const uid = (await waitForReady(ns.name, 'appclient', name)).metadata.uid;
  const owned = await waitFor(`Secret ${name}-cognito`, () => secret(`${name}-cognito`));
  expect(owned.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'AppClient', name, uid })]);
  return { uid, secret: owned };
}

describe("an AppClient's output Secret", () => {
  it('is deleted by the garbage collector once the AppClient is gone', async () => {
    await clientWithSecret('web');
    kubectlOk(['delete', 'appclient', 'web', '-n', ns.name, '--wait=false']);
    await waitForGone(ns.name, 'appclient', 'web');
    await waitFor('the garbage collector to delete Secret web-cognito', () => secret('web-cognito') === undefined || undefined, { timeoutMs: 30_000 });
  });

  it('stays, without its owner, after kubectl delete --cascade=orphan', async () => {
    const { secret: before } = await clientWithSecret('kept');
    kubectlOk(['delete', 'appclient', 'kept', '-n', ns.name, '--cascade=orphan', '--wait=false']);
    await waitForGone(ns.name, 'appclient', 'kept');
    // The garbage collector has acted once it removed the ownerReference; the Secret is the same one.
    const after = await waitFor('the ownerReference removed', () => {
      const current = secret('kept-cognito');
      return current && (current.metadata.ownerReferences ?? []).length === 0 ? current : undefined;
    }, { timeoutMs: 30_000 });
    expect(after.metadata.uid).toBe(before.metadata.uid);
    await new Promise((r) => setTimeout(r, 3000));
    expect(secret('kept-cognito')?.metadata.uid).toBe(before.metadata.uid);
  });
});
