/** Where the test ground keeps what it builds and what it runs. */
import { homedir } from 'node:os';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Builds (binaries, the emulator's venv) survive between runs here. */
export const cacheDir = process.env.COGNITO_OPERATOR_CACHE ?? join(homedir(), '.cache', 'cognito-operator');

/** The checkout this code belongs to, whether it runs from source (jest) or compiled elsewhere. */
function findRepoRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'test', 'env', 'go'))) return dir;
  }
  throw new Error(`cannot find the repository above ${from}`);
}

export const repoRoot = findRepoRoot(__dirname);

/** Versions of the control plane's components, as their Go modules pin them. */
export const versions = {
  kubernetes: 'v1.34.4',
  etcd: 'v3.6.16',
} as const;
