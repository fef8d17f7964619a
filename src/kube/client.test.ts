import { kubeErrorMessage } from './client';
import { KubeApiError } from './connections';

const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Invalid', code: 422, message: 'UserPool.cognito.operator.dev "shop" is invalid: spec.poolName: Too long' };
const raw = (body: string) => new KubeApiError(422, body, 'PATCH', '/apis/cognito.operator.dev/v1alpha1/namespaces/shop/userpools/shop');

describe('kubeErrorMessage', () => {
  it.each([
    { name: 'a Status body as text', err: raw(JSON.stringify(status)), want: `the Kubernetes API answered 422 Invalid: ${status.message}` },
    { name: 'a body that is not JSON', err: raw('<html>bad gateway</html>'), want: 'the Kubernetes API answered 422' },
  ])('makes one sentence of $name, without headers or the raw body', ({ err, want }) => {
    const message = kubeErrorMessage(err);
    expect(message).toBe(want);
    expect(message).not.toMatch(/Headers|HTTP-Code|\n/);
  });

  it('leaves errors that are not API answers to their own message', () => {
    expect(kubeErrorMessage(new Error('socket hang up'))).toBeUndefined();
  });
});
