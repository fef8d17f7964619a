/**
 * UserPool hostedUi (the classic hosted UI of every client) end to end: the operator process
 * against the real API server and the emulator (test/env/moto/ui_customization.py).
 */
import { GetUICustomizationCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { UICustomizationType } from '@aws-sdk/client-cognito-identity-provider';
import { cognito } from './support/aws';
import { useNamespace } from './support/namespace';
import { apply, condition, getObject, releaseAll, waitForCondition, waitForReadyGeneration } from './support/objects';
import type { OperatorProcess } from './support/operator';
import { callsBetween, startOperator } from './support/operator';
import { expectNoOpResync } from './support/resync';

const ns = useNamespace(__filename);
const run = ns.name.slice(-6);
const aws = cognito();
const resyncSeconds = 3;
let operator: OperatorProcess | undefined;
let poolId = '';

function running(): OperatorProcess {
  if (!operator) throw new Error('no operator is running');
  return operator;
}

function applyPool(name: string, extra: Record<string, unknown>): void {
  const spec = { poolName: `it-ui-${name}-${run}`, deletionPolicy: 'Delete', deletionProtection: false, ...extra };
  apply(ns.name, JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'UserPool', metadata: { name }, spec }));
}

const withDomain = (hostedUi?: Record<string, unknown>) => ({ domain: { prefix: `it-ui-shop-${run}` }, ...(hostedUi ? { hostedUi } : {}) });

async function customization(): Promise<UICustomizationType | undefined> {
  return (await aws.send(new GetUICustomizationCommand({ UserPoolId: poolId, ClientId: 'ALL' }))).UICustomization;
}

const applied = () => JSON.parse(getObject(ns.name, 'userpool', 'shop')?.metadata.annotations?.['cognito.operator.dev/applied'] ?? '[]') as string[];
const blue = '.banner-customizable {background-color: #0972d3}';
const green = '.banner-customizable {background-color: #037f0c}';

beforeAll(async () => {
  operator = await startOperator({ namespace: ns.name, resyncInterval: `${resyncSeconds}s` });
});

afterAll(async () => {
  await releaseAll(ns.name, 'userpools');
  await operator?.stop();
  aws.destroy();
});

describe('UserPool hostedUi', () => {
  it('sets the CSS of every client once the domain exists, and records hostedUi', async () => {
    applyPool('shop', withDomain({ css: blue }));
    const obj = await waitForReadyGeneration(ns.name, 'userpool', 'shop');
    poolId = String(obj.status?.id);
    expect((await customization())?.CSS).toBe(blue);
    expect(applied()).toContain('hostedUi');
  });

  it('applies a changed CSS with one SetUICustomization', async () => {
    const before = await running().awsCalls();
    applyPool('shop', withDomain({ css: green }));
    await waitForReadyGeneration(ns.name, 'userpool', 'shop');
    expect(callsBetween(before, await running().awsCalls()).get('SetUICustomization')).toBe(1);
    expect((await customization())?.CSS).toBe(green);
  });

  it('a no-op resync reads the customization and writes nothing', async () => {
    await expectNoOpResync({ operator: running(), namespace: ns.name, plural: 'userpools', readOperation: 'GetUICustomization', noun: 'pool', resyncSeconds });
  });

  it('resets the customization when the spec drops hostedUi', async () => {
    applyPool('shop', withDomain());
    await waitForReadyGeneration(ns.name, 'userpool', 'shop');
    expect((await customization())?.CSS).toBeUndefined();
    expect(applied()).not.toContain('hostedUi');
  });

  it('stalls with AWS’s message on a pool without a domain', async () => {
    applyPool('nodomain', { hostedUi: { css: blue } });
    const obj = await waitForCondition(ns.name, 'userpool', 'nodomain', 'Stalled', 'True', 'InvalidSpec');
    expect(condition(obj, 'Ready')?.message ?? '').toContain('There has to be an existing domain associated with this user pool');
  });
});
