import type { CustomObject } from '../kube/objects';
import { checkAccount, refuseChoice } from './gate';

function obj(name: string, accountId?: string): CustomObject {
  return {
    apiVersion: 'cognito.operator.dev/v1alpha1',
    kind: 'UserPool',
    metadata: { name, namespace: 'shop', uid: name, generation: 1, resourceVersion: '1', annotations: accountId ? { 'cognito.operator.dev/account-id': accountId } : {}, finalizers: [] },
    spec: {},
    status: {},
  };
}

const shop = { key: 'binding/shop', id: '210987654321' };

describe('checkAccount', () => {
  const cases = [
    { name: 'a new object', object: obj('a'), refs: [], want: { ok: true } },
    { name: 'an object of this account', object: obj('a', '210987654321'), refs: [], want: { ok: true } },
    { name: 'an object of another account', object: obj('a', '111122223333'), refs: [], want: { ok: false, reason: 'AccountChanged' } },
    { name: 'a reference to another account', object: obj('a'), refs: [{ kind: 'UserPool', obj: obj('pool', '111122223333') }], want: { ok: false, reason: 'CrossAccountReference' } },
    { name: 'a reference to this account', object: obj('a'), refs: [{ kind: 'UserPool', obj: obj('pool', '210987654321') }], want: { ok: true } },
  ];
  it.each(cases)('$name', ({ object, refs, want }) => expect(checkAccount(object, 'AppClient', shop, refs)).toMatchObject(want));

  it('names both accounts when the binding moved', () => {
    const verdict = checkAccount(obj('a', '111122223333'), 'UserPool', shop, []);
    expect(verdict.ok ? '' : verdict.message).toMatch(/111122223333.*210987654321.*AWSAccountBinding shop/);
  });

  it('passes when the operator’s own account is not known', () => {
    expect(checkAccount(obj('a', '111122223333'), 'UserPool', { key: 'operator' }, [])).toMatchObject({ ok: true });
  });
});

describe('refuseChoice', () => {
  it('refuses two bindings, naming them', () => {
    expect(refuseChoice('shop', { kind: 'many', names: ['a', 'b'] }, false)).toMatchObject({ reason: 'AmbiguousAccountBinding', message: expect.stringContaining('a, b') });
  });
  it('refuses no binding only when bindings are required', () => {
    expect(refuseChoice('shop', { kind: 'none' }, false)).toBeUndefined();
    expect(refuseChoice('shop', { kind: 'none' }, true)).toMatchObject({ reason: 'NoAccountBinding' });
  });
});
