/**
 * ManagedLoginBranding end to end: the operator process against the real API server and the
 * Cognito emulator (managed login branding as test/env/moto/branding.py adds it).
 *
 * Operators run one after another:
 * 1. resync 10 min: waiting for the AppClient, creation, updates, a ConfigMap change applied at
 *    once, the removal rule, the reset to Cognito's values, adoption, deletion, NameConflict —
 *    anything that happens within seconds is explained by a watch, never by a resync;
 * 2. one killed right after CreateManagedLoginBranding, then a normal one: no second style;
 * 3. resync 3 s: no-op resyncs make reads only, and no Kubernetes write; drift is corrected.
 */
import {
  CreateManagedLoginBrandingCommand,
  DescribeManagedLoginBrandingCommand,
  UpdateManagedLoginBrandingCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { AssetType, ManagedLoginBrandingType } from '@aws-sdk/client-cognito-identity-provider';
import { cognito } from './support/aws';
import { kubectlOk } from './support/kubectl';
import { useNamespace } from './support/namespace';
import { apply, condition, eventsFor, getObject, releaseAll, waitForCondition, waitForEvent, waitForGone, waitForReady, waitForReadyGeneration, requestReconcile as requestReconcileOf } from './support/objects';
import type { OperatorProcess } from './support/operator';
import { callsBetween, kubeWrites, parseKubeRequests, startOperator, writeCalls } from './support/operator';
import { expectNoOpResync } from './support/resync';
import { waitFor } from './support/wait';

const ns = useNamespace(__filename);
const aws = cognito();
const shortResyncSeconds = 3;
const pool = 'mlb-pool';
let operator: OperatorProcess | undefined;
let poolId = '';

const settings = { categories: { global: { colorSchemeMode: 'LIGHT' } }, components: { primaryButton: { lightMode: { defaults: { backgroundColor: '0972d3ff' } } } } };
const logo = { category: 'PAGE_HEADER_LOGO', colorMode: 'LIGHT', extension: 'SVG', configMapRef: { name: 'web-branding', key: 'logo.svg' } };
const svg = (text: string) => `<svg xmlns="http://www.w3.org/2000/svg"><text>${text}</text></svg>`;

async function start(resyncInterval = '10m'): Promise<OperatorProcess> {
  return startOperator({ namespace: ns.name, resyncInterval });
}

function running(): OperatorProcess {
  if (!operator) throw new Error('no operator is running');
  return operator;
}

beforeAll(async () => {
  operator = await start();
  apply(
    ns.name,
    JSON.stringify({
      apiVersion: 'cognito.operator.dev/v1alpha1',
      kind: 'UserPool',
      metadata: { name: pool },
      spec: { poolName: `it-mlb-${ns.name}`, deletionPolicy: 'Delete', deletionProtection: false },
    }),
  );
  poolId = String((await waitForReady(ns.name, 'userpool', pool)).status?.id);
});

afterAll(async () => {
  operator ??= await start();
  await releaseAll(ns.name, 'managedloginbrandings');
  await releaseAll(ns.name, 'appclients');
  await releaseAll(ns.name, 'userpools');
  await operator.stop();
  aws.destroy();
});

// ------------------------------------------------------------------------------ helpers

function applyClient(name: string): void {
  apply(ns.name, JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'AppClient', metadata: { name }, spec: { userPoolRef: { name: pool } } }));
}

function applyBranding(name: string, spec: Record<string, unknown>): void {
  apply(ns.name, JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'ManagedLoginBranding', metadata: { name }, spec }));
}

function applyConfigMap(name: string, data: Record<string, string>): void {
  apply(ns.name, JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data }));
}

async function describeStyle(id: string): Promise<ManagedLoginBrandingType> {
  const out = await aws.send(new DescribeManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id }));
  if (!out.ManagedLoginBranding) throw new Error(`no style ${id}`);
  return out.ManagedLoginBranding;
}

/** Slot → file text, for comparisons that ignore order. */
function assetsOf(style: ManagedLoginBrandingType): Record<string, string> {
  return Object.fromEntries((style.Assets ?? []).map((a) => [`${a.Category}/${a.ColorMode}`, Buffer.from(a.Bytes ?? new Uint8Array()).toString('utf8')]));
}

const waitForGeneration = (kind: string, name: string) => waitForReadyGeneration(ns.name, kind, name);

const requestReconcile = (kind: string, name: string) => requestReconcileOf(ns.name, kind, name);

const styleId = (name: string): string => String(getObject(ns.name, 'managedloginbranding', name)?.status?.id);
const brandingCalls = (calls: Map<string, number>) => Object.fromEntries([...calls].filter(([op]) => op.includes('ManagedLoginBranding')));

// ------------------------------------------------------------- 1. operator, resync 10 min

describe('create and update', () => {
  it('waits for its AppClient (ReferenceNotReady), then creates the style with settings and a ConfigMap asset', async () => {
    applyConfigMap('web-branding', { 'logo.svg': svg('Shop') });
    applyBranding('web-style', { appClientRef: { name: 'web' }, settings, assets: [logo] });
    const waiting = await waitForCondition(ns.name, 'managedloginbranding', 'web-style', 'Ready', 'False', 'ReferenceNotReady');
    expect(condition(waiting, 'Ready')?.message).toBe(`Waiting for AppClient web: it does not exist in namespace ${ns.name}`);

    const before = await running().awsCalls();
    applyClient('web');
    const client = await waitForReady(ns.name, 'appclient', 'web');
    // The client's becoming Ready wakes the style through the dependents index.
    const obj = await waitForReady(ns.name, 'managedloginbranding', 'web-style', 30_000);
    const calls = brandingCalls(callsBetween(before, await running().awsCalls()));
    console.log(`ManagedLoginBranding create: AWS calls ${JSON.stringify(calls)}`);
    // Look for the client's style once, create once; then observe.
    expect(calls).toMatchObject({ DescribeManagedLoginBrandingByClient: 1, CreateManagedLoginBranding: 1 });
    // The create carries the whole spec: nothing is left for an update.
    expect(calls.UpdateManagedLoginBranding).toBeUndefined();

    const id = String(obj.status?.id);
    expect(obj.metadata.annotations?.['cognito.operator.dev/external-id']).toBe(id);
    expect(obj.status).toMatchObject({ clientId: client.status?.clientId, userPoolId: poolId, observedGeneration: obj.metadata.generation });
    await waitForEvent(ns.name, 'web-style', 'Created');
    const style = await describeStyle(id);
    expect(style).toMatchObject({ UseCognitoProvidedValues: false, Settings: settings });
    expect(assetsOf(style)).toEqual({ 'PAGE_HEADER_LOGO/LIGHT': svg('Shop') });
  });

  it('shows READY and CLIENT in kubectl get, and is listed with the cognito category', () => {
    const out = kubectlOk(['get', 'cmlb', 'web-style', '-n', ns.name]);
    expect(out).toMatch(/NAME\s+READY\s+CLIENT\s+AGE/);
    expect(out).toMatch(/web-style\s+True\s+web\s/);
    expect(kubectlOk(['get', 'cognito', '-n', ns.name, '-o', 'name'])).toContain('managedloginbranding.cognito.operator.dev/web-style');
  });

  it('applies changed settings with one UpdateManagedLoginBranding, without sending the assets again', async () => {
    const before = await running().awsCalls();
    const dark = { ...settings, categories: { global: { colorSchemeMode: 'DARK' } } };
    applyBranding('web-style', { appClientRef: { name: 'web' }, settings: dark, assets: [logo] });
    await waitForGeneration('managedloginbranding', 'web-style');
    expect((await describeStyle(styleId('web-style'))).Settings).toEqual(dark);
    expect(callsBetween(before, await running().awsCalls()).get('UpdateManagedLoginBranding')).toBe(1);
    const event = await waitFor('an Updated Event', () => eventsFor(ns.name, 'web-style').find((e) => e.reason === 'Updated'));
    expect(event.message).toContain('settings');
    expect(event.message).not.toContain('assets');
  });

  it('applies a new file in the ConfigMap at once, without a spec change', async () => {
    const generation = getObject(ns.name, 'managedloginbranding', 'web-style')?.metadata.generation;
    applyConfigMap('web-branding', { 'logo.svg': svg('Shop, new logo') });
    await waitFor('the new logo in AWS', async () => assetsOf(await describeStyle(styleId('web-style')))['PAGE_HEADER_LOGO/LIGHT'] === svg('Shop, new logo') || undefined);
    expect(getObject(ns.name, 'managedloginbranding', 'web-style')?.metadata.generation).toBe(generation);
    // A ConfigMap change is an update the spec asked for, not drift made outside Kubernetes.
    const event = await waitFor('an Updated Event naming the asset', () => eventsFor(ns.name, 'web-style').find((e) => e.reason === 'Updated' && e.message.includes('assets[PAGE_HEADER_LOGO/LIGHT]')));
    console.log(`ConfigMap change: ${event.message}`);
    expect(eventsFor(ns.name, 'web-style').some((e) => e.reason === 'DriftCorrected')).toBe(false);
  });

  it('waits for a key its ConfigMap lacks, naming it', async () => {
    applyBranding('web-style', {
      appClientRef: { name: 'web' },
      settings,
      assets: [logo, { category: 'FAVICON_ICO', colorMode: 'DYNAMIC', extension: 'ICO', configMapRef: { name: 'web-branding', key: 'favicon.ico' } }],
    });
    const waiting = await waitFor('a condition naming the missing key', () =>
      (getObject(ns.name, 'managedloginbranding', 'web-style')?.status?.conditions as { reason: string; message?: string }[] | undefined)?.find((c) => c.reason === 'ReferenceNotReady'),
    );
    expect(waiting.message).toContain('Waiting for key favicon.ico in ConfigMap web-branding (asset FAVICON_ICO/DYNAMIC)');
    apply(ns.name, JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-branding' }, data: { 'logo.svg': svg('Shop, new logo') }, binaryData: { 'favicon.ico': Buffer.from('ICO').toString('base64') } }));
    await waitForGeneration('managedloginbranding', 'web-style');
    expect(assetsOf(await describeStyle(styleId('web-style')))).toEqual({ 'PAGE_HEADER_LOGO/LIGHT': svg('Shop, new logo'), 'FAVICON_ICO/DYNAMIC': 'ICO' });
  });
});

describe('the removal rule', () => {
  const editorAsset: AssetType = { Category: 'FORM_LOGO', ColorMode: 'DARK', Extension: 'PNG', Bytes: Buffer.from('PNG from the editor') };

  it('keeps an asset the spec never named, added in the branding editor', async () => {
    const current = await describeStyle(styleId('web-style'));
    await aws.send(new UpdateManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: styleId('web-style'), Assets: [...(current.Assets ?? []), editorAsset] }));
    const before = await running().awsCalls();
    requestReconcile('managedloginbranding', 'web-style');
    await waitFor('the requested reconcile to have read AWS', async () => (callsBetween(before, await running().awsCalls()).get('DescribeManagedLoginBranding') ?? 0) >= 1 || undefined);
    await new Promise((r) => setTimeout(r, 1000));
    expect(writeCalls(callsBetween(before, await running().awsCalls()))).toBe(0);
    expect(assetsOf(await describeStyle(styleId('web-style')))['FORM_LOGO/DARK']).toBe('PNG from the editor');
  });

  it('removes the assets the spec no longer lists, and only those', async () => {
    applyBranding('web-style', { appClientRef: { name: 'web' }, settings, assets: [logo] });
    await waitForGeneration('managedloginbranding', 'web-style');
    expect(assetsOf(await describeStyle(styleId('web-style')))).toEqual({ 'PAGE_HEADER_LOGO/LIGHT': svg('Shop, new logo'), 'FORM_LOGO/DARK': 'PNG from the editor' });
    const event = await waitFor('an Updated Event naming the removed asset', () => eventsFor(ns.name, 'web-style').find((e) => e.reason === 'Updated' && e.message.includes('removed assets[FAVICON_ICO/DYNAMIC]')));
    console.log(`asset removed: ${event.message}`);
  });

  it('resets the style when the spec drops settings for useCognitoProvidedValues', async () => {
    applyBranding('web-style', { appClientRef: { name: 'web' }, useCognitoProvidedValues: true });
    await waitForGeneration('managedloginbranding', 'web-style');
    const style = await describeStyle(styleId('web-style'));
    expect(style.UseCognitoProvidedValues).toBe(true);
    expect(style.Settings).toBeUndefined();
    expect(style.Assets ?? []).toEqual([]);
  });
});

describe('adoption', () => {
  it('adopts the style its client already has (one per client) and applies the spec to it', async () => {
    applyClient('legacy');
    const client = await waitForReady(ns.name, 'appclient', 'legacy');
    const created = await aws.send(new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: String(client.status?.clientId), UseCognitoProvidedValues: true }));
    const existing = String(created.ManagedLoginBranding?.ManagedLoginBrandingId);
    const before = await running().awsCalls();
    applyBranding('legacy-style', { appClientRef: { name: 'legacy' }, deletionPolicy: 'Retain', settings });
    const obj = await waitForReady(ns.name, 'managedloginbranding', 'legacy-style');
    expect(obj.status?.id).toBe(existing);
    expect(callsBetween(before, await running().awsCalls()).get('CreateManagedLoginBranding')).toBeUndefined();
    expect(await describeStyle(existing)).toMatchObject({ UseCognitoProvidedValues: false, Settings: settings });
  });
});

describe('deletion', () => {
  it('stays in AWS with deletionPolicy Retain', async () => {
    const id = styleId('legacy-style');
    kubectlOk(['delete', 'managedloginbranding', 'legacy-style', '-n', ns.name]);
    await waitForGone(ns.name, 'managedloginbranding', 'legacy-style');
    expect((await describeStyle(id)).ManagedLoginBrandingId).toBe(id);
    await waitForEvent(ns.name, 'legacy-style', 'Retained');
  });

  it('is deleted from AWS with deletionPolicy Delete (the default)', async () => {
    applyBranding('gone-style', { appClientRef: { name: 'legacy' }, settings });
    const obj = await waitForReady(ns.name, 'managedloginbranding', 'gone-style');
    expect(obj.spec.deletionPolicy).toBe('Delete');
    const id = String(obj.status?.id);
    kubectlOk(['delete', 'managedloginbranding', 'gone-style', '-n', ns.name, '--wait=false']);
    await waitForGone(ns.name, 'managedloginbranding', 'gone-style');
    await expect(describeStyle(id)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await waitForEvent(ns.name, 'gone-style', 'Deleted');
  });
});

describe('one style per client', () => {
  it('does not take over the style another object manages (NameConflict), and writes nothing', async () => {
    const before = await running().awsCalls();
    applyBranding('web-copy', { appClientRef: { name: 'web' }, useCognitoProvidedValues: true });
    const obj = await waitForCondition(ns.name, 'managedloginbranding', 'web-copy', 'Stalled', 'True', 'NameConflict');
    expect(condition(obj, 'Ready')?.message).toContain(`ManagedLoginBranding ${ns.name}/web-style`);
    expect(writeCalls(callsBetween(before, await running().awsCalls()))).toBe(0);
    kubectlOk(['delete', 'managedloginbranding', 'web-copy', '-n', ns.name]);
    // Its deletion released nothing in AWS: it never recorded the style.
    expect((await describeStyle(styleId('web-style'))).UseCognitoProvidedValues).toBe(true);
  });
});

// ------------------------------------- 2. operator killed right after CreateManagedLoginBranding

describe('crash safety', () => {
  it('creates exactly one style when killed right after CreateManagedLoginBranding', async () => {
    await running().stop();
    operator = undefined;
    const crashing = await startOperator({ namespace: ns.name, env: { COGNITO_OPERATOR_TEST_CRASH_AFTER: 'CreateManagedLoginBranding' } });
    applyBranding('crashy-style', { appClientRef: { name: 'legacy' }, settings });
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([crashing.exited, new Promise((r) => (timer = setTimeout(() => r('still running'), 30_000)))]);
    clearTimeout(timer);
    expect(code).not.toBe('still running');
    expect(getObject(ns.name, 'managedloginbranding', 'crashy-style')?.metadata.annotations?.['cognito.operator.dev/external-id']).toBeUndefined();
    // The next operator finds the client's style instead of creating another (which AWS would refuse).
    operator = await start();
    const before = await running().awsCalls();
    const obj = await waitForReady(ns.name, 'managedloginbranding', 'crashy-style');
    expect(callsBetween(before, await running().awsCalls()).get('CreateManagedLoginBranding')).toBeUndefined();
    expect((await describeStyle(String(obj.status?.id))).Settings).toEqual(settings);
    kubectlOk(['delete', 'managedloginbranding', 'crashy-style', '-n', ns.name]);
  });
});

// ------------------------------------------------------------------ 3. operator, resync 3 s

describe('resync', () => {
  beforeAll(async () => {
    await running().stop();
    operator = await start(`${shortResyncSeconds}s`);
    applyBranding('web-style', { appClientRef: { name: 'web' }, settings, assets: [logo] });
    await waitForGeneration('managedloginbranding', 'web-style');
    // The passes the re-apply and the restart queued may still be writing: start from an object
    // whose resourceVersion stays the same for three reads in a row.
    let seen: string[] = [];
    await waitFor(
      'web-style to settle',
      () => {
        seen = [...seen, String(getObject(ns.name, 'managedloginbranding', 'web-style')?.metadata.resourceVersion)].slice(-3);
        return (seen.length === 3 && new Set(seen).size === 1) || undefined;
      },
      { intervalMs: 1000 },
    );
  });

  it('makes reads only on a no-op resync, and no Kubernetes write', async () => {
    const kubeBefore = parseKubeRequests(await running().metrics());
    await expectNoOpResync({ operator: running(), namespace: ns.name, plural: 'managedloginbrandings', readOperation: 'DescribeManagedLoginBranding', noun: 'style', resyncSeconds: shortResyncSeconds });
    const kube = callsBetween(kubeBefore, parseKubeRequests(await running().metrics()));
    console.log(`no-op resync Kubernetes requests: ${JSON.stringify(Object.fromEntries(kube))}`);
    expect(kubeWrites(kube)).toBe(0);
  });

  it('corrects settings changed in the branding editor at the next resync, with a DriftCorrected Event', async () => {
    const id = styleId('web-style');
    await aws.send(new UpdateManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id, Settings: { categories: { global: { colorSchemeMode: 'DARK' } } } }));
    const event = await waitForEvent(ns.name, 'web-style', 'DriftCorrected');
    expect(event.message).toContain('settings');
    expect((await describeStyle(id)).Settings).toEqual(settings);
  });
});
