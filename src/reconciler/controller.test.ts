import type { CustomObject } from '../kube/objects';
import { Annotation } from '../api/group';
import { needsReconcile } from './controller';

function pool(annotations: Record<string, string> = {}, generation = 1, status: unknown = {}): CustomObject {
  return {
    apiVersion: 'cognito.operator.dev/v1alpha1',
    kind: 'UserPool',
    metadata: { name: 'users', namespace: 'shop', uid: 'u-1', generation, resourceVersion: '1', annotations, finalizers: [] },
    spec: {},
    status,
  };
}

describe('needsReconcile', () => {
  const ours = (id: string) => (obj: CustomObject) => obj.metadata.annotations[Annotation.externalId] === id;

  it('reconciles a new object, a spec change and a deletion', () => {
    expect(needsReconcile(pool(), undefined)).toBe(true);
    expect(needsReconcile(pool({}, 2), pool({}, 1))).toBe(true);
    const deleting = pool();
    deleting.metadata.deletionTimestamp = '2026-12-02T00:00:00Z';
    expect(needsReconcile(deleting, pool())).toBe(true);
  });

  it('ignores status-only writes', () => {
    expect(needsReconcile(pool({}, 1, { id: 'eu-west-1_A' }), pool())).toBe(false);
  });

  it('reconciles an external-id set by someone else, not the one this process wrote after its create', () => {
    const before = pool();
    const after = pool({ [Annotation.externalId]: 'eu-west-1_A' });
    expect(needsReconcile(after, before)).toBe(true);
    expect(needsReconcile(after, before, ours('eu-west-1_B'))).toBe(true);
    expect(needsReconcile(after, before, ours('eu-west-1_A'))).toBe(false);
  });

  it('reconciles a new reconcile-requested-at even when the external-id is ours', () => {
    const before = pool();
    const after = pool({ [Annotation.externalId]: 'eu-west-1_A', [Annotation.reconcileRequestedAt]: 'now' });
    expect(needsReconcile(after, before, ours('eu-west-1_A'))).toBe(true);
  });
});
