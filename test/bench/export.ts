/**
 * What `cognito-operator export --all` costs: N user pools (each with two app clients, a
 * resource server and a group) made in the emulator, exported by the CLI as a process. Prints
 * AWS calls (all reads) and seconds, per run and per pool; asserts nothing about time. The
 * emulator answers at once, so the seconds are those of the CLI and of AWS's published quotas,
 * which the CLI's rate limiter keeps to.
 *
 *   npm run bench:export     (N=100; BENCH_POOLS=N to change)
 *
 * With AWS_ENDPOINT_URL set (eval "$(test/env/up)"), it uses that emulator and resets it first
 * (--all exports every pool there); otherwise it starts a ground of its own.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateGroupCommand, CreateResourceServerCommand, CreateUserPoolClientCommand, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { groundEnv, groundRegion, startGround, stopGround } from '../env/ground';
import { resetMoto } from '../env/moto';
import { repoRoot } from '../env/paths';
import { cognito } from '../integration/support/aws';

const pools = Number(process.env.BENCH_POOLS ?? '100');

async function buildPools(): Promise<void> {
  const aws = cognito();
  for (let i = 0; i < pools; i++) {
    const created = await aws.send(new CreateUserPoolCommand({ PoolName: `bench-export-${i}`, Policies: { PasswordPolicy: { MinimumLength: 10 } }, UserPoolTags: { bench: 'export' } }));
    const UserPoolId = created.UserPool?.Id ?? '';
    await aws.send(new CreateResourceServerCommand({ UserPoolId, Identifier: 'https://api.example.com', Name: 'api', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read' }] }));
    await aws.send(new CreateUserPoolClientCommand({ UserPoolId, ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }));
    await aws.send(new CreateUserPoolClientCommand({ UserPoolId, ClientName: 'worker', GenerateSecret: true, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['https://api.example.com/read'] }));
    await aws.send(new CreateGroupCommand({ UserPoolId, GroupName: 'admins', Precedence: 1 }));
  }
  aws.destroy();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cognito-operator-bench-export-'));
  const endpoint = process.env.AWS_ENDPOINT_URL;
  const ground = endpoint ? undefined : await startGround(dir);
  try {
    if (ground) Object.assign(process.env, groundEnv(ground));
    else await resetMoto(endpoint ?? '');
    await buildPools();
    const out = join(dir, 'export');
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli', 'main.js'), 'export', '--all', '--region', groundRegion, '--namespace', 'bench', '--output', out], { encoding: 'utf8', env: process.env });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (run.status !== 0) throw new Error(`export failed: ${run.stderr}`);
    const summary = run.stderr.trim().split('\n').at(-1) ?? '';
    const calls = Number(/(\d+) AWS calls/.exec(summary)?.[1] ?? 'NaN');
    console.log(`export of ${pools} user pools (2 app clients, 1 resource server, 1 group each): ${readdirSync(out).length} files`);
    console.log(`  CLI: ${summary}`);
    console.log(`  ${calls} AWS calls (${(calls / pools).toFixed(1)} per pool), ${seconds.toFixed(1)} s wall clock with process start (${(seconds / pools).toFixed(2)} s per pool)`);
  } finally {
    if (ground) await stopGround(ground);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
