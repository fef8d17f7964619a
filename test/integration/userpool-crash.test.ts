/**
 * Crash safety and on-demand reconciles: the operator killed the moment CreateUserPool returns
 * (before it can record the new pool's ID) must not create a second pool when it restarts.
 */
import { DescribeUserPoolCommand, UpdateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { cognito, userPoolsNamed } from './support/aws';
import { kubectlOk } from './support/kubectl';
import { useNamespace } from './support/namespace';
import { apply, getObject, releaseAll, waitForEvent, waitForReady } from './support/objects';
import type { OperatorProcess } from './support/operator';
import { startOperator } from './support/operator';
import { waitFor } from './support/wait';

const ns = useNamespace(__filename);
const aws = cognito();
let operator: OperatorProcess | undefined;

afterAll(async () => {
  operator ??= await startOperator({ namespace: ns.name });
  await releaseAll(ns.name, 'userpools');
  await operator.stop();
  aws.destroy();
});

const pool = (name: string, poolName: string) =>
  JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'UserPool', metadata: { name }, spec: { poolName, security: { passwordPolicy: { minimumLength: 10 } } } });

it('creates exactly one pool when killed right after CreateUserPool', async () => {
  const crashing = await startOperator({ namespace: ns.name, env: { COGNITO_OPERATOR_TEST_CRASH_AFTER: 'CreateUserPool' } });
  apply(ns.name, pool('crashy', 'it-crashy'));
  const code = await Promise.race([crashing.exited, new Promise((r) => setTimeout(() => r('still running'), 30_000))]);
  expect(code).not.toBe('still running');

  // The pool exists in AWS, but the object never learned its ID.
  const made = await userPoolsNamed(aws, 'it-crashy');
  expect(made).toHaveLength(1);
  expect(getObject(ns.name, 'userpool', 'crashy')?.metadata.annotations?.['cognito.operator.dev/external-id']).toBeUndefined();

  operator = await startOperator({ namespace: ns.name });
  const obj = await waitForReady(ns.name, 'userpool', 'crashy');
  expect(obj.status?.id).toBe(made[0]?.Id);
  expect(obj.metadata.annotations?.['cognito.operator.dev/external-id']).toBe(made[0]?.Id);
  expect(await userPoolsNamed(aws, 'it-crashy')).toHaveLength(1);
});

it('reconciles at once when reconcile-requested-at changes, without waiting for the resync', async () => {
  // The operator runs with the default 10 minute resync: only the annotation explains a fast fix.
  const obj = await waitForReady(ns.name, 'userpool', 'crashy');
  const id = String(obj.status?.id);
  const current = (await aws.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool;
  await aws.send(
    new UpdateUserPoolCommand({
      UserPoolId: id,
      Policies: { PasswordPolicy: { ...current?.Policies?.PasswordPolicy, MinimumLength: 6 } },
      UserPoolTags: current?.UserPoolTags,
      AdminCreateUserConfig: current?.AdminCreateUserConfig,
    }),
  );
  const started = Date.now();
  kubectlOk(['annotate', 'userpool', 'crashy', '-n', ns.name, '--overwrite', `cognito.operator.dev/reconcile-requested-at=${new Date().toISOString()}`]);
  await waitFor('drift corrected', async () => {
    const pool = (await aws.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool;
    return pool?.Policies?.PasswordPolicy?.MinimumLength === 10 || undefined;
  }, { timeoutMs: 20_000 });
  console.log(`reconcile-requested-at → drift corrected in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  await waitForEvent(ns.name, 'crashy', 'DriftCorrected');
});
