/**
 * hostedUi (the classic hosted UI: CSS and logo) on UserPool, for every client, and on AppClient,
 * for one client, end to end: the operator process against the real API server and the emulator
 * (test/env/moto/ui_customization.py). The logo comes from a ConfigMap the operator watches.
 */
import { createHash } from 'node:crypto';
import {
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  GetUICustomizationCommand,
  SetUICustomizationCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { UICustomizationType } from '@aws-sdk/client-cognito-identity-provider';
import { cognito } from './support/aws';
import { useNamespace } from './support/namespace';
import { apply, condition, eventsFor, getObject, releaseAll, waitForCondition, waitForEvent, waitForReady, waitForReadyGeneration } from './support/objects';
import type { OperatorProcess } from './support/operator';
import { callsBetween, kubeWrites, parseKubeRequests, startOperator, writeCalls } from './support/operator';
import { expectNoOpResync } from './support/resync';
import { waitFor } from './support/wait';

const ns = useNamespace(__filename);
const run = ns.name.slice(-6);
const aws = cognito();
const resyncSeconds = 3;
const externalIdAnnotation = 'cognito.operator.dev/external-id';
let operator: OperatorProcess | undefined;
let poolId = '';
let clientId = '';

function running(): OperatorProcess {
  if (!operator) throw new Error('no operator is running');
  return operator;
}

function applyPool(name: string, extra: Record<string, unknown>, annotations?: Record<string, string>): void {
  const spec = { poolName: `it-ui-${name}-${run}`, deletionPolicy: 'Delete', deletionProtection: false, ...extra };
  apply(ns.name, JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'UserPool', metadata: { name, ...(annotations ? { annotations } : {}) }, spec }));
}

function applyClient(hostedUi?: Record<string, unknown>): void {
  const spec = { userPoolRef: { name: 'shop' }, deletionPolicy: 'Delete', ...(hostedUi ? { hostedUi } : {}) };
  apply(ns.name, JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'AppClient', metadata: { name: 'web' }, spec }));
}

/** A ConfigMap holding the logo in binaryData, as `kubectl create configmap --from-file` makes it. */
function applyLogo(base64: string): void {
  apply(ns.name, JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'brand' }, binaryData: { 'logo.png': base64 } }));
}

const withDomain = (hostedUi?: Record<string, unknown>) => ({ domain: { prefix: `it-ui-shop-${run}` }, ...(hostedUi ? { hostedUi } : {}) });

async function customization(id: string, client = 'ALL'): Promise<UICustomizationType | undefined> {
  return (await aws.send(new GetUICustomizationCommand({ UserPoolId: id, ClientId: client }))).UICustomization;
}

const applied = (kind = 'userpool', name = 'shop') => JSON.parse(getObject(ns.name, kind, name)?.metadata.annotations?.['cognito.operator.dev/applied'] ?? '[]') as string[];
const fingerprintOf = (base64: string) => createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex');
const blue = '.banner-customizable {background-color: #0972d3}';
const green = '.banner-customizable {background-color: #037f0c}';
const red = '.banner-customizable {background-color: #d91515}';
// Two 1×1 PNGs of different colours.
const logoA = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGPgLLoMAAHWAU8oz6glAAAAAElFTkSuQmCC';
const logoB = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNgrucBAAEXAI+zCr7iAAAAAElFTkSuQmCC';
const logoRef = { name: 'brand', key: 'logo.png' };

beforeAll(async () => {
  operator = await startOperator({ namespace: ns.name, resyncInterval: `${resyncSeconds}s` });
});

afterAll(async () => {
  await releaseAll(ns.name, 'appclients');
  await releaseAll(ns.name, 'userpools');
  await operator?.stop();
  aws.destroy();
});

describe('UserPool hostedUi', () => {
  it('sets the CSS and the ConfigMap’s logo of every client once the domain exists, and records both', async () => {
    const before = await running().awsCalls();
    applyLogo(logoA);
    applyPool('shop', withDomain({ css: blue, logoConfigMapRef: logoRef }));
    const obj = await waitForReadyGeneration(ns.name, 'userpool', 'shop');
    console.log(`pool create with CSS and logo: ${JSON.stringify(Object.fromEntries(callsBetween(before, await running().awsCalls())))}`);
    poolId = String(obj.status?.id);
    const got = await customization(poolId);
    expect(got?.CSS).toBe(blue);
    expect(got?.ImageUrl).toMatch(/^https:\/\//);
    expect(obj.status?.hostedUiLogoFingerprint).toBe(fingerprintOf(logoA));
    expect(applied()).toEqual(expect.arrayContaining(['hostedUi', 'hostedUi.logoConfigMapRef']));
  });

  it('applies a changed ConfigMap at once with one SetUICustomization, as an update, not drift', async () => {
    const before = await running().awsCalls();
    const imageBefore = (await customization(poolId))?.ImageUrl;
    applyLogo(logoB);
    await waitFor('the new logo’s fingerprint in status', () => getObject(ns.name, 'userpool', 'shop')?.status?.hostedUiLogoFingerprint === fingerprintOf(logoB) || undefined);
    const calls = callsBetween(before, await running().awsCalls());
    console.log(`pool logo ConfigMap change: ${JSON.stringify(Object.fromEntries(calls))}`);
    expect(calls.get('SetUICustomization')).toBe(1);
    expect(writeCalls(calls)).toBe(1);
    const got = await customization(poolId);
    expect(got?.ImageUrl).not.toBe(imageBefore);
    expect(got?.CSS).toBe(blue);
    expect(eventsFor(ns.name, 'shop').some((e) => e.reason === 'DriftCorrected')).toBe(false);
  });

  it('applies a changed CSS with one SetUICustomization that keeps the logo', async () => {
    const before = await running().awsCalls();
    applyPool('shop', withDomain({ css: green, logoConfigMapRef: logoRef }));
    await waitForReadyGeneration(ns.name, 'userpool', 'shop');
    expect(callsBetween(before, await running().awsCalls()).get('SetUICustomization')).toBe(1);
    const got = await customization(poolId);
    expect(got?.CSS).toBe(green);
    expect(got?.ImageUrl).toBeDefined();
  });

  it('puts back a CSS changed directly in AWS, logo included (DriftCorrected)', async () => {
    // A CSS-only write replaces the whole customization: the logo goes too.
    await aws.send(new SetUICustomizationCommand({ UserPoolId: poolId, ClientId: 'ALL', CSS: red }));
    const event = await waitForEvent(ns.name, 'shop', 'DriftCorrected');
    expect(event.message).toContain('hostedUi.css');
    const got = await waitFor('the CSS put back', async () => {
      const c = await customization(poolId);
      return c?.CSS === green && c.ImageUrl ? c : undefined;
    });
    expect(got.ImageUrl).toMatch(/^https:\/\//);
  });

  it('waits for a key its ConfigMap lacks, naming it, with no AWS write', async () => {
    applyPool('shop', withDomain({ css: green, logoConfigMapRef: { name: 'brand', key: 'missing.png' } }));
    const obj = await waitForCondition(ns.name, 'userpool', 'shop', 'Ready', 'False', 'ReferenceNotReady');
    expect(condition(obj, 'Ready')?.message).toContain('Waiting for key missing.png in ConfigMap brand');
    const before = await running().awsCalls();
    await new Promise((r) => setTimeout(r, 2 * resyncSeconds * 1000));
    expect(writeCalls(callsBetween(before, await running().awsCalls()))).toBe(0);
    applyPool('shop', withDomain({ css: green, logoConfigMapRef: logoRef }));
    await waitForReadyGeneration(ns.name, 'userpool', 'shop');
  });
});

describe('AppClient hostedUi', () => {
  it('gives the client its own customization, the pool’s kept', async () => {
    const before = await running().awsCalls();
    applyClient({ css: blue });
    const obj = await waitForReadyGeneration(ns.name, 'appclient', 'web');
    console.log(`client create with its own CSS: ${JSON.stringify(Object.fromEntries(callsBetween(before, await running().awsCalls())))}`);
    clientId = String(obj.status?.clientId);
    expect(await customization(poolId, clientId)).toMatchObject({ ClientId: clientId, CSS: blue });
    expect((await customization(poolId))?.CSS).toBe(green);
    expect(applied('appclient', 'web')).toContain('hostedUi');
  });

  it('changes it with one SetUICustomization, and gives it a logo', async () => {
    const before = await running().awsCalls();
    applyClient({ css: red, logoConfigMapRef: logoRef });
    const obj = await waitForReadyGeneration(ns.name, 'appclient', 'web');
    const calls = callsBetween(before, await running().awsCalls());
    console.log(`client CSS change and logo: ${JSON.stringify(Object.fromEntries(calls))}`);
    expect(calls.get('SetUICustomization')).toBe(1);
    const got = await customization(poolId, clientId);
    expect(got).toMatchObject({ ClientId: clientId, CSS: red });
    expect(got?.ImageUrl).toBeDefined();
    expect(obj.status?.hostedUiLogoFingerprint).toBe(fingerprintOf(logoB));
  });

  it('a no-op resync of the pool and the client reads the customizations and writes nothing, in AWS or Kubernetes', async () => {
    const kubeBefore = parseKubeRequests(await running().metrics());
    await expectNoOpResync({ operator: running(), namespace: ns.name, plural: 'userpools', readOperation: 'GetUICustomization', noun: 'pool', resyncSeconds });
    expect(kubeWrites(callsBetween(kubeBefore, parseKubeRequests(await running().metrics())))).toBe(0);
  });

  it('resets the client’s own when the spec drops it, the pool’s kept', async () => {
    const before = await running().awsCalls();
    applyClient();
    await waitForReadyGeneration(ns.name, 'appclient', 'web');
    expect(callsBetween(before, await running().awsCalls()).get('SetUICustomization')).toBe(1);
    const own = await customization(poolId, clientId);
    expect(own?.CSS).toBeUndefined();
    expect(own?.ImageUrl).toBeUndefined();
    const pool = await customization(poolId);
    expect(pool?.CSS).toBe(green);
    expect(pool?.ImageUrl).toBeDefined();
    expect(applied('appclient', 'web')).not.toContain('hostedUi');
  });
});

describe('UserPool hostedUi removal, adoption and refusal', () => {
  it('drops the logo when the spec drops it, with one write of the CSS only', async () => {
    const before = await running().awsCalls();
    applyPool('shop', withDomain({ css: green }));
    await waitForReadyGeneration(ns.name, 'userpool', 'shop');
    expect(callsBetween(before, await running().awsCalls()).get('SetUICustomization')).toBe(1);
    const got = await customization(poolId);
    expect(got?.CSS).toBe(green);
    expect(got?.ImageUrl).toBeUndefined();
    expect(applied()).not.toContain('hostedUi.logoConfigMapRef');
  });

  it('resets the customization when the spec drops hostedUi', async () => {
    applyPool('shop', withDomain());
    await waitForReadyGeneration(ns.name, 'userpool', 'shop');
    expect((await customization(poolId))?.CSS).toBeUndefined();
    expect(applied()).not.toContain('hostedUi');
  });

  it('adopts a pool whose CSS was set outside Kubernetes and makes it the spec’s', async () => {
    const made = await aws.send(new CreateUserPoolCommand({ PoolName: `it-ui-legacy-${run}` }));
    const legacyId = made.UserPool?.Id ?? '';
    await aws.send(new CreateUserPoolDomainCommand({ UserPoolId: legacyId, Domain: `it-ui-legacy-${run}` }));
    await aws.send(new SetUICustomizationCommand({ UserPoolId: legacyId, ClientId: 'ALL', CSS: red }));
    applyPool('legacy', { domain: { prefix: `it-ui-legacy-${run}` }, hostedUi: { css: blue } }, { [externalIdAnnotation]: legacyId });
    const obj = await waitForReady(ns.name, 'userpool', 'legacy');
    expect(condition(obj, 'Ready')?.reason).toBe('Adopted');
    expect((await customization(legacyId))?.CSS).toBe(blue);
  });

  it('stalls with AWS’s message on a logo that is not a PNG or JPEG, with nothing replaced', async () => {
    apply(ns.name, JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'notimage' }, data: { 'logo.png': 'not an image' } }));
    applyPool('badlogo', { domain: { prefix: `it-ui-bad-${run}` }, hostedUi: { css: blue, logoConfigMapRef: { name: 'notimage', key: 'logo.png' } } });
    const obj = await waitForCondition(ns.name, 'userpool', 'badlogo', 'Stalled', 'True', 'InvalidSpec');
    expect(condition(obj, 'Ready')?.message ?? '').toContain('The image file must be a PNG or JPEG image.');
  });

  it('stalls with AWS’s message on a pool without a domain', async () => {
    applyPool('nodomain', { hostedUi: { css: blue } });
    const obj = await waitForCondition(ns.name, 'userpool', 'nodomain', 'Stalled', 'True', 'InvalidSpec');
    expect(condition(obj, 'Ready')?.message ?? '').toContain('There has to be an existing domain associated with this user pool');
  });
});
