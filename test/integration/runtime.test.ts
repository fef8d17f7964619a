/**
 * The runtime the tests run the operator on is the one the image ships: the Dockerfile's Node.js
 * major version, the release test/env/with-node pins, and no warning from the AWS SDK that the
 * runtime is unsupported in the log of an operator that created a user pool.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useNamespace } from './support/namespace';
import { apply, releaseAll, waitForReady } from './support/objects';
import type { OperatorProcess } from './support/operator';
import { startOperator } from './support/operator';

const ns = useNamespace(__filename);
const repo = join(__dirname, '..', '..');
let operator: OperatorProcess;

beforeAll(async () => {
  operator = await startOperator({ namespace: ns.name });
});

afterAll(async () => {
  await releaseAll(ns.name, 'userpools');
  await operator.stop();
});

function dockerfileNodeMajor(): string {
  const match = /^ARG NODE_VERSION=(\d+)$/m.exec(readFileSync(join(repo, 'Dockerfile'), 'utf8'));
  if (!match?.[1]) throw new Error('Dockerfile: no ARG NODE_VERSION');
  return match[1];
}

function pinnedNodeVersion(): string {
  const match = /^version=(\S+)$/m.exec(readFileSync(join(repo, 'test', 'env', 'with-node'), 'utf8'));
  if (!match?.[1]) throw new Error('test/env/with-node: no version=');
  return match[1];
}

describe('the Node.js runtime', () => {
  it("is the Dockerfile's major version, which test/env/with-node pins", () => {
    expect(dockerfileNodeMajor()).toBe('26');
    expect(pinnedNodeVersion().split('.')[0]).toBe(dockerfileNodeMajor());
    // The operator runs on the node that runs the tests (support/operator.ts: process.execPath).
    expect(process.versions.node.split('.')[0]).toBe(dockerfileNodeMajor());
  });

  it('is one the AWS SDK supports: the operator log has no NodeVersionSupportWarning', async () => {
    apply(ns.name, JSON.stringify({
      apiVersion: 'cognito.operator.dev/v1alpha1',
      kind: 'UserPool',
      metadata: { name: 'runtime' },
      spec: { deletionPolicy: 'Delete', deletionProtection: false },
    }));
    await waitForReady(ns.name, 'userpool', 'runtime');
    const log = readFileSync(operator.logFile, 'utf8');
    expect(log).toMatch(/"msg"/);
    expect(log).not.toMatch(/NodeVersionSupportWarning/);
  });
});
