/**
 * AppClient client secret rotation end to end: by annotation, by a short `every`, across a crash
 * right after AddUserPoolClientSecret, and with no writes when nothing is due. While a rotation
 * runs, the output Secret is sampled again and again: at every sample Cognito must accept its
 * clientSecret (the emulator checks SECRET_HASH against the client's current secrets).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { InitiateAuthCommand, ListUserPoolClientSecretsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { cognito } from './support/aws';
import { kubectl, kubectlOk } from './support/kubectl';
import { useNamespace } from './support/namespace';
import { apply, eventsFor, getObject, releaseAll, waitForReady, waitForReadyGeneration } from './support/objects';
import type { StoredObject } from './support/objects';
import type { OperatorProcess } from './support/operator';
import { callsBetween, startOperator, writeCalls } from './support/operator';
import { waitFor } from './support/wait';

const ns = useNamespace(__filename);
const aws = cognito();
const resyncSeconds = 4;
const run = randomBytes(3).toString('hex');
const requestAnnotation = 'cognito.operator.dev/rotate-secret-requested-at';
let operator: OperatorProcess;

beforeAll(async () => {
  operator = await startOperator({ namespace: ns.name, resyncInterval: `${resyncSeconds}s` });
  apply(ns.name, JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'UserPool', metadata: { name: 'shop' }, spec: { poolName: `rotation-it-${run}` } }));
});

afterAll(async () => {
  await releaseAll(ns.name, 'appclients');
  await releaseAll(ns.name, 'userpools');
  await operator.stop();
  aws.destroy();
});

// ---------------------------------------------------------------------------- helpers

function applyClient(name: string, secretRotation?: Record<string, string>): void {
  const spec = { userPoolRef: { name: 'shop' }, generateSecret: true, ...(secretRotation ? { secretRotation } : {}) };
  apply(ns.name, JSON.stringify({ apiVersion: 'cognito.operator.dev/v1alpha1', kind: 'AppClient', metadata: { name }, spec }));
}

function readSecret(name: string): Record<string, string> {
  const out = JSON.parse(kubectlOk(['get', 'secret', name, '-n', ns.name, '-o', 'json'])) as { data?: Record<string, string> };
  return Object.fromEntries(Object.entries(out.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
}

function rotationStatus(obj: StoredObject | undefined): Record<string, string> {
  const value = obj?.status?.secretRotation;
  return typeof value === 'object' && value !== null ? (value as Record<string, string>) : {};
}

interface Client {
  poolId: string;
  clientId: string;
}

async function readyClient(name: string): Promise<Client> {
  const pool = await waitForReady(ns.name, 'userpool', 'shop');
  const obj = await waitForReady(ns.name, 'appclient', name);
  return { poolId: String(pool.status?.id), clientId: String(obj.status?.clientId) };
}

async function secretIds({ poolId, clientId }: Client): Promise<string[]> {
  const out = await aws.send(new ListUserPoolClientSecretsCommand({ UserPoolId: poolId, ClientId: clientId }));
  return (out.ClientSecrets ?? []).map((s) => s.ClientSecretId ?? '');
}

/** Whether Cognito accepts `secret` for the client: USER_SRP_AUTH checks SECRET_HASH before anything else. */
async function accepts(clientId: string, secret: string): Promise<boolean> {
  const hash = createHmac('sha256', secret).update(`nobody${clientId}`).digest('base64');
  try {
    await aws.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'nobody', SRP_A: '123456', SECRET_HASH: hash } }));
    return true;
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'NotAuthorizedException') return false;
    if (name === 'UserNotFoundException') return true;
    throw err;
  }
}

/** Samples the output Secret and AWS's secrets until stopped; reports every sample whose secret AWS refused. */
function sampler(client: Client, secretName: string) {
  const refused: string[] = [];
  let samples = 0;
  let mostSecrets = 0;
  let running = true;
  const done = (async () => {
    while (running) {
      const result = kubectl(['get', 'secret', secretName, '-n', ns.name, '-o', 'jsonpath={.data.clientSecret}']);
      const value = result.code === 0 ? Buffer.from(result.stdout, 'base64').toString('utf8') : '';
      if (!value || !(await accepts(client.clientId, value))) refused.push(`sample ${samples}: ${value ? 'refused by AWS' : 'no clientSecret'}`);
      mostSecrets = Math.max(mostSecrets, (await secretIds(client)).length);
      samples++;
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return { refused, samples, mostSecrets };
    },
  };
}

/** Waits until AWS has exactly one secret again and status no longer names a previous one. */
async function waitForOverlapEnd(client: Client, name: string, timeoutMs = 40_000): Promise<void> {
  await waitFor('the previous secret deleted', async () => (await secretIds(client)).length === 1 && !rotationStatus(getObject(ns.name, 'appclient', name)).previousSecretId, { timeoutMs });
}

// ---------------------------------------------------------------------------- tests

describe('rotation by annotation', () => {
  it('adds a secret, publishes it at once, deletes the old one after the overlap, and never leaves the Secret with a refused secret', async () => {
    applyClient('by-annotation', { overlap: '5s' });
    const client = await readyClient('by-annotation');
    const before = readSecret('by-annotation-cognito').clientSecret ?? '';
    expect(await accepts(client.clientId, before)).toBe(true);
    const watch = sampler(client, 'by-annotation-cognito');

    kubectlOk(['annotate', 'appclient', 'by-annotation', '-n', ns.name, `${requestAnnotation}=first`]);
    await waitFor('SecretRotated', () => eventsFor(ns.name, 'by-annotation').some((e) => e.reason === 'SecretRotated'), { timeoutMs: 30_000 });
    const during = readSecret('by-annotation-cognito').clientSecret ?? '';
    expect(during).not.toBe(before);
    const status = rotationStatus(getObject(ns.name, 'appclient', 'by-annotation'));
    expect(status).toMatchObject({ handledRequest: 'first', currentSecretId: expect.any(String), previousSecretId: expect.any(String) });
    expect(Date.parse(status.previousSecretDeleteAfter ?? '')).toBeGreaterThan(Date.now() - 6000);

    await waitForOverlapEnd(client, 'by-annotation');
    const result = await watch.stop();
    expect(result.refused).toEqual([]);
    expect(result.samples).toBeGreaterThan(3);
    expect(result.mostSecrets).toBe(2);
    expect(await secretIds(client)).toEqual([status.currentSecretId]);
    expect(await accepts(client.clientId, before)).toBe(false);
    expect(await accepts(client.clientId, during)).toBe(true);
    expect(readSecret('by-annotation-cognito').clientSecret).toBe(during);

    // The same value again asks for nothing: one rotation per value.
    await new Promise((r) => setTimeout(r, 2 * resyncSeconds * 1000));
    expect(eventsFor(ns.name, 'by-annotation').filter((e) => e.reason === 'SecretRotated')).toHaveLength(1);
    expect(await secretIds(client)).toHaveLength(1);
  });
});

describe('rotation by age', () => {
  it('rotates when the secret is `every` old, and again after that', async () => {
    applyClient('by-age', { every: '20s', overlap: '5s' });
    const client = await readyClient('by-age');
    const first = readSecret('by-age-cognito').clientSecret ?? '';
    const watch = sampler(client, 'by-age-cognito');
    await waitFor('two rotations', () => eventsFor(ns.name, 'by-age').filter((e) => e.reason === 'SecretRotated').length >= 2, { timeoutMs: 90_000 });
    await waitForOverlapEnd(client, 'by-age');
    const result = await watch.stop();
    expect(result.refused).toEqual([]);
    expect(result.mostSecrets).toBe(2);
    const last = readSecret('by-age-cognito').clientSecret ?? '';
    expect(last).not.toBe(first);
    expect(await accepts(client.clientId, first)).toBe(false);
    expect(await accepts(client.clientId, last)).toBe(true);
    // Rotating every 20 s, it would rotate again inside the next tests' windows (the no-op
    // resync's, the crashing operator's): stopped here, once any overlap has ended.
    applyClient('by-age');
    await waitForReadyGeneration(ns.name, 'appclient', 'by-age');
    await waitFor('no rotation of by-age in progress', () => rotationStatus(getObject(ns.name, 'appclient', 'by-age')).rotationStartedAt === undefined || undefined, { timeoutMs: 30_000 });
  }, 150_000);
});

describe('no-op resync', () => {
  it('makes no write and no secret-listing call when no rotation is due', async () => {
    applyClient('quiet', { every: '90d' });
    const client = await readyClient('quiet');
    await waitFor('rotation state recorded', () => rotationStatus(getObject(ns.name, 'appclient', 'quiet')).currentSecretCreatedAt);
    const before = await operator.awsCalls();
    const window = 3 * resyncSeconds + 1;
    await new Promise((r) => setTimeout(r, window * 1000));
    const during = callsBetween(before, await operator.awsCalls());
    expect(writeCalls(during)).toBe(0);
    expect(during.get('ListUserPoolClientSecrets')).toBeUndefined();
    expect(await secretIds(client)).toHaveLength(1);
    console.log(`no-op resync over ${window}s (resync ${resyncSeconds}s) with rotation configured: ${JSON.stringify(Object.fromEntries(during))}`);
  });
});

describe('crash safety', () => {
  it('recovers from a crash right after AddUserPoolClientSecret: two secrets, then one, and the Secret always accepted', async () => {
    applyClient('crashy', { overlap: '5s' });
    const client = await readyClient('crashy');
    const before = readSecret('crashy-cognito').clientSecret ?? '';
    await operator.stop();
    const crashing = await startOperator({ namespace: ns.name, resyncInterval: `${resyncSeconds}s`, env: { COGNITO_OPERATOR_TEST_CRASH_AFTER: 'AddUserPoolClientSecret' } });
    kubectlOk(['annotate', 'appclient', 'crashy', '-n', ns.name, `${requestAnnotation}=after-crash`]);
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([crashing.exited, new Promise((r) => (timer = setTimeout(() => r('still running'), 30_000)))]);
    clearTimeout(timer);
    expect(code).not.toBe('still running');

    // AWS has the new secret; its value died with the process, and the Secret still holds the old one.
    expect(await secretIds(client)).toHaveLength(2);
    expect(readSecret('crashy-cognito').clientSecret).toBe(before);
    expect(rotationStatus(getObject(ns.name, 'appclient', 'crashy')).rotationStartedAt).toEqual(expect.any(String));

    const watch = sampler(client, 'crashy-cognito');
    operator = await startOperator({ namespace: ns.name, resyncInterval: `${resyncSeconds}s` });
    await waitFor('the request handled', () => rotationStatus(getObject(ns.name, 'appclient', 'crashy')).handledRequest === 'after-crash', { timeoutMs: 30_000 });
    await waitForOverlapEnd(client, 'crashy');
    const result = await watch.stop();
    expect(result.refused).toEqual([]);
    expect(result.mostSecrets).toBe(2);
    const status = rotationStatus(getObject(ns.name, 'appclient', 'crashy'));
    expect(status.rotationStartedAt).toBeUndefined();
    expect(await secretIds(client)).toEqual([status.currentSecretId]);
    const after = readSecret('crashy-cognito').clientSecret ?? '';
    expect(after).not.toBe(before);
    expect(await accepts(client.clientId, after)).toBe(true);
    expect(await accepts(client.clientId, before)).toBe(false);
    expect(eventsFor(ns.name, 'crashy').map((e) => e.reason)).toEqual(expect.arrayContaining(['SecretRotationRecovered', 'SecretRotated']));
  }, 90_000);
});

describe('the client secret', () => {
  it('appears in no status or Event', () => {
    const objects = kubectlOk(['get', 'appclients', '-n', ns.name, '-o', 'json']);
    const events = kubectlOk(['get', 'events', '-n', ns.name, '-o', 'json']);
    for (const name of ['by-annotation', 'by-age', 'quiet', 'crashy']) {
      const secret = readSecret(`${name}-cognito`).clientSecret ?? '';
      expect(secret).not.toBe('');
      expect(objects).not.toContain(secret);
      expect(events).not.toContain(secret);
    }
  });
});
