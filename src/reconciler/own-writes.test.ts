import type { CustomObject } from '../kube/objects';
import { OwnWrites } from './own-writes';

const copy = (resourceVersion: string, uid = 'uid-1'): CustomObject => ({
  apiVersion: 'test/v1',
  kind: 'Thing',
  metadata: { name: 'a', namespace: 'ns', uid, generation: 1, resourceVersion, annotations: {}, finalizers: [] },
  spec: {},
  status: undefined,
});

describe('OwnWrites', () => {
  test('a copy one of our writes replaced gives way to the newest answer, until the cache shows a version we did not replace', () => {
    const own = new OwnWrites();
    const [v1, v2, v3] = [copy('1'), copy('2'), copy('3')];
    own.wrote('1', v2);
    own.wrote('2', v3);
    expect(own.current(v1)).toBe(v3);
    expect(own.current(copy('2'))).toBe(v3);
    expect(own.current(copy('1', 'uid-2'))).not.toBe(v3);

    own.seen(copy('2'));
    expect(own.size).toBe(1);
    own.seen(copy('3'));
    expect(own.size).toBe(0);
    expect(own.current(v1)).toBe(v1);
  });

  test('a newer write by someone else is used as it is, and forgets ours', () => {
    const own = new OwnWrites();
    own.wrote('1', copy('2'));
    const theirs = copy('7');
    expect(own.current(theirs)).toBe(theirs);
    own.seen(theirs);
    expect(own.size).toBe(0);
  });

  test('forget drops what a deleted object left', () => {
    const own = new OwnWrites();
    own.wrote('1', copy('2'));
    own.forget('uid-1');
    expect(own.size).toBe(0);
  });
});
