import { Annotation } from '../api/group';
import type { CustomObject } from '../kube/objects';
import { ReferenceViews } from './references';

const condition = (type: string, status: string, reason: string, message = '') => ({ type, status, reason, message, lastTransitionTime: '2026-01-01T00:00:00Z', observedGeneration: 1 });

function pool(change: (obj: CustomObject) => void = () => undefined): CustomObject {
  const obj: CustomObject = {
    apiVersion: 'cognito.operator.dev/v1alpha1',
    kind: 'UserPool',
    metadata: { name: 'shop', namespace: 'ns', uid: 'u1', generation: 1, resourceVersion: '1', annotations: {}, finalizers: [] },
    spec: { poolName: 'shop' },
    status: { observedGeneration: 1, conditions: [condition('Ready', 'False', 'Creating', 'Creating the user pool')] },
  };
  change(obj);
  return obj;
}

const status = (obj: CustomObject) => obj.status as Record<string, unknown>;
const readyPool = (o: CustomObject) => (status(o).conditions = [condition('Ready', 'True', 'Available')]);

/** Whether the dependents of `before`'s object would be woken when it becomes `after`. */
function wakes(before: CustomObject, after: CustomObject): boolean {
  const views = new ReferenceViews();
  views.changed('UserPool', before);
  return views.changed('UserPool', after);
}

describe('ReferenceViews', () => {
  it.each([
    { name: 'a finalizer added', change: (o: CustomObject) => (o.metadata.finalizers = ['cognito.operator.dev/finalizer']) },
    { name: 'the create-pending marker', change: (o: CustomObject) => (o.metadata.annotations[Annotation.createPending] = '2026-01-01T00:00:00Z') },
    { name: 'the external-id annotation', change: (o: CustomObject) => (o.metadata.annotations[Annotation.externalId] = 'eu-west-1_x') },
    { name: 'the applied record', change: (o: CustomObject) => (o.metadata.annotations[Annotation.applied] = '["tags"]') },
    { name: 'a new resourceVersion', change: (o: CustomObject) => (o.metadata.resourceVersion = '2') },
    { name: 'its ID in status while it is not Ready', change: (o: CustomObject) => (status(o).id = 'eu-west-1_x') },
    { name: 'its account while it is not Ready', change: (o: CustomObject) => (o.metadata.annotations[Annotation.accountId] = '123456789012') },
    {
      name: 'another message of a normal step',
      change: (o: CustomObject) => (status(o).conditions = [condition('Ready', 'False', 'Creating', 'Created user pool x; applying the rest of the spec')]),
    },
  ])('not $name', ({ change }) => {
    expect(wakes(pool(), pool(change))).toBe(false);
  });

  it.each([
    { name: 'its becoming Ready', change: (o: CustomObject) => (status(o).conditions = [condition('Ready', 'True', 'Available')]) },
    { name: 'its ID in status once Ready', change: (o: CustomObject) => (status(o).id = 'eu-west-1_x'), from: readyPool },
    { name: 'its account once Ready', change: (o: CustomObject) => (o.metadata.annotations[Annotation.accountId] = '123456789012'), from: readyPool },
    { name: 'a spec change once Ready', change: (o: CustomObject) => (o.metadata.generation = 2), from: readyPool },
    { name: 'its no longer being Ready', change: (o: CustomObject) => (status(o).conditions = [condition('Ready', 'False', 'Updating')]), from: readyPool },
    { name: 'its deletion', change: (o: CustomObject) => (o.metadata.deletionTimestamp = '2026-01-01T00:00:00Z') },
    {
      name: 'trouble while not Ready',
      change: (o: CustomObject) => (status(o).conditions = [condition('Ready', 'False', 'InvalidSpec'), condition('Stalled', 'True', 'InvalidSpec')]),
    },
  ])('$name', ({ change, from = () => undefined }) => {
    expect(wakes(pool(from), pool((o) => (from(o), change(o))))).toBe(true);
  });

  it('a first sight', () => {
    expect(new ReferenceViews().changed('UserPool', pool())).toBe(true);
  });

  it('its becoming Ready after a reconcile updated the cached object in place with what it wrote', () => {
    const views = new ReferenceViews();
    const cached = pool();
    views.changed('UserPool', cached);
    // What a pass does with its status patch's answer: the informer's "previous" object now holds it.
    readyPool(cached);
    const fromWatch = structuredClone(cached);
    expect(views.changed('UserPool', fromWatch)).toBe(true);
    expect(views.changed('UserPool', structuredClone(fromWatch))).toBe(false);
  });

  it('a first sight again once forgotten (deleted, then made anew)', () => {
    const views = new ReferenceViews();
    views.changed('UserPool', pool());
    views.forget('UserPool', pool());
    expect(views.changed('UserPool', pool())).toBe(true);
  });

  it('keeps kinds apart: a pool and a client of one name', () => {
    const views = new ReferenceViews();
    views.changed('UserPool', pool());
    expect(views.changed('AppClient', pool())).toBe(true);
  });
});
