/** The no-op resync check the kinds' integration tests share: reads only, at least one per object per resync. */
import { kubectlOk } from './kubectl';
import type { OperatorProcess } from './operator';
import { callsBetween, writeCalls } from './operator';

export interface NoOpResync {
  operator: OperatorProcess;
  namespace: string;
  /** The kind's plural, for counting its objects. */
  plural: string;
  /** The one read each object's pass makes. */
  readOperation: string;
  /** How the log names one object: "provider". */
  noun: string;
  resyncSeconds: number;
}

/**
 * Over four resync intervals (after two seconds to settle): no AWS write, and at least two
 * `readOperation` calls per object, so resyncs did happen. Logs the calls for the issue notes.
 */
export async function expectNoOpResync({ operator, namespace, plural, readOperation, noun, resyncSeconds }: NoOpResync): Promise<void> {
  await new Promise((r) => setTimeout(r, 2000));
  const before = await operator.awsCalls();
  const windowSeconds = 4 * resyncSeconds + 1;
  await new Promise((r) => setTimeout(r, windowSeconds * 1000));
  const during = callsBetween(before, await operator.awsCalls());
  expect(writeCalls(during)).toBe(0);
  const objects = kubectlOk(['get', plural, '-n', namespace, '-o', 'name']).split('\n').filter((n) => n !== '').length;
  const reads = during.get(readOperation) ?? 0;
  expect(reads).toBeGreaterThanOrEqual(2 * objects);
  console.log(
    `no-op resync: ${objects} ${plural}, AWS calls over ${windowSeconds}s (resync ${resyncSeconds}s): ${JSON.stringify(Object.fromEntries(during))}; ` +
      `≈${(reads / objects / (windowSeconds / resyncSeconds)).toFixed(2)} ${readOperation} per ${noun} per resync`,
  );
}
