/**
 * The full example stack (deploy/examples) applied at once, dependents first: every object
 * waits for what it references and the whole stack converges without any polling by the user.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { kubectlOk } from './support/kubectl';
import { useNamespace } from './support/namespace';
import { getObject, releaseAll, waitForReady } from './support/objects';
import type { OperatorProcess } from './support/operator';
import { startOperator } from './support/operator';

const ns = useNamespace(__filename);
const examples = join(__dirname, '..', '..', 'deploy', 'examples');
let operator: OperatorProcess;

/** Dependents first: the reverse of the order in which they can become Ready. */
const reverseDependencyOrder = ['ManagedLoginBranding', 'IdentityPool', 'AppClient', 'ResourceServer', 'IdentityProvider', 'UserPoolGroup', 'Secret', 'ConfigMap', 'UserPool'];

beforeAll(async () => {
  operator = await startOperator({ namespace: ns.name });
});

afterAll(async () => {
  for (const plural of ['managedloginbrandings', 'identitypools', 'appclients', 'resourceservers', 'identityproviders', 'userpoolgroups', 'userpools']) await releaseAll(ns.name, plural);
  await operator.stop();
});

it('converges when every kind is applied at once in reverse dependency order', async () => {
  const docs = readdirSync(examples)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => parseAllDocuments(readFileSync(join(examples, f), 'utf8')).map((d) => d.toJSON() as { kind: string; metadata: { name: string } }))
    // An AWSAccountBinding is cluster configuration, not part of a namespace's stack.
    .filter((d) => d !== null && d.kind !== 'AWSAccountBinding');
  docs.sort((a, b) => reverseDependencyOrder.indexOf(a.kind) - reverseDependencyOrder.indexOf(b.kind));
  expect(docs.map((d) => d.kind)).toEqual(['ManagedLoginBranding', 'IdentityPool', 'AppClient', 'AppClient', 'ResourceServer', 'IdentityProvider', 'UserPoolGroup', 'Secret', 'ConfigMap', 'UserPool']);

  const started = Date.now();
  kubectlOk(['apply', '-n', ns.name, '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: docs }));
  for (const doc of docs.filter((d) => d.kind !== 'Secret' && d.kind !== 'ConfigMap')) {
    await waitForReady(ns.name, doc.kind.toLowerCase(), doc.metadata.name);
  }
  console.log(`example stack applied dependents-first: all Ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);

  const pool = getObject(ns.name, 'userpool', 'shop-users');
  const client = getObject(ns.name, 'appclient', 'web');
  const identityPool = getObject(ns.name, 'identitypool', 'shop-identities');
  expect(client?.status?.clientId).toEqual(expect.any(String));
  expect(identityPool?.status?.id).toEqual(expect.stringMatching(/^eu-west-1:/));
  const secret = JSON.parse(kubectlOk(['get', 'secret', 'web-cognito', '-n', ns.name, '-o', 'json'])) as { data: Record<string, string> };
  const decoded = (key: string) => Buffer.from(secret.data[key] ?? '', 'base64').toString('utf8');
  expect(decoded('userPoolId')).toBe(pool?.status?.id);
  expect(decoded('clientId')).toBe(client?.status?.clientId);
});
