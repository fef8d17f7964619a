/** Stops the test ground the global set-up started (not one started by `test/env/up`). */
import { rmSync } from 'node:fs';
import { stopGround } from './ground';

export default async function globalTeardown(): Promise<void> {
  const ground = globalThis.__cognitoOperatorGround;
  if (!ground) return;
  await stopGround(ground);
  if (!process.env.KEEP_TEST_GROUND_LOGS) rmSync(ground.dir, { recursive: true, force: true });
}
