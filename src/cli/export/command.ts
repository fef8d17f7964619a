/**
 * `cognito-operator export`: user pools and everything in them, and the identity pools that use
 * them, as YAML that adopts them (external-id annotations, deletionPolicy Retain, references by
 * name, no secret values). Read-only AWS calls.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createAwsClients } from '../../aws/clients';
import { UsageError } from '../usage';
import { assemble } from './assemble';
import { usesPools } from './identitypool';
import { listUserPoolIds, readIdentityPools, readPool } from './read';
import type { PoolContents } from './read';
import { renderManifests } from './render';

export const ExportUsage = `Usage: cognito-operator export --region REGION (--user-pool-id ID ... | --all) [flags]

Prints YAML for each user pool (domain, MFA, triggers, tags, ...), its AppClients,
IdentityProviders, ResourceServers and UserPoolGroups, and the IdentityPools that use it. Each
object adopts its AWS resource (cognito.operator.dev/external-id) and keeps it when deleted
(deletionPolicy: Retain); only settings that differ from AWS's defaults are written. Secret
values never leave AWS: an IdentityProvider's secret becomes a stub Secret to fill in.

Flags:
  --region REGION         AWS region (default: AWS_REGION)
  --user-pool-id ID       a pool to export; repeat for more
  --all                   every user pool of the account in the region
  --namespace NS          namespace of the objects (default: default)
  --output DIR|-          a directory (one file per user pool, identitypools.yaml) or - for stdout (default)
  --concurrency N         pools read at once (default 4); AWS's request quotas still apply
`;

export interface ExportOptions {
  region: string;
  userPoolIds: string[];
  all: boolean;
  namespace: string;
  output: string;
  concurrency: number;
}

export function parseExportArgs(argv: string[], env: NodeJS.ProcessEnv): ExportOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      region: { type: 'string' },
      'user-pool-id': { type: 'string', multiple: true },
      all: { type: 'boolean' },
      namespace: { type: 'string' },
      output: { type: 'string', short: 'o' },
      concurrency: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const region = values.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new UsageError('export needs --region (or AWS_REGION)');
  const ids = values['user-pool-id'] ?? [];
  const all = values.all === true;
  if (all && ids.length > 0) throw new UsageError('export takes --all or --user-pool-id, not both');
  if (!all && ids.length === 0) throw new UsageError('export needs --user-pool-id (one or more) or --all');
  const concurrency = Number(values.concurrency ?? '4');
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError('--concurrency must be a whole number ≥ 1');
  return { region, userPoolIds: ids, all, namespace: values.namespace ?? 'default', output: values.output ?? '-', concurrency };
}

/** Runs `work` over `items`, at most `limit` at once, keeping their order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await work(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export interface ExportIo {
  stdout(text: string): void;
  /** Progress and the summary. */
  progress(text: string, final?: boolean): void;
}

export interface ExportSummary {
  userPools: number;
  identityPools: number;
  objects: number;
  awsCalls: number;
  seconds: number;
}

export async function runExport(options: ExportOptions, io: ExportIo): Promise<ExportSummary> {
  const started = Date.now();
  let calls = 0;
  const aws = createAwsClients({ defaultRegion: options.region, onCall: () => calls++ });
  try {
    const idp = aws.identityProvider(options.region);
    const ids = options.all ? await listUserPoolIds(idp) : options.userPoolIds;
    let done = 0;
    const pools: PoolContents[] = await mapLimited(ids, options.concurrency, async (id) => {
      const contents = await readPool(idp, id);
      io.progress(`exported ${++done}/${ids.length} user pools (${calls} AWS calls)`);
      return contents;
    });
    const exportedIds = pools.map((p) => ({ userPoolId: p.pool.Id ?? '', object: '', clients: new Map<string, string>() }));
    const identityPools = await readIdentityPools(aws.identity(options.region), (pool) => usesPools(pool, exportedIds));
    const result = assemble(pools, identityPools, { namespace: options.namespace, region: options.region });
    const objects = result.pools.reduce((n, p) => n + p.manifests.length, 0) + result.identityPools.length;
    if (options.output === '-') {
      io.stdout(renderManifests([...result.pools.flatMap((p) => p.manifests), ...result.identityPools]));
    } else {
      mkdirSync(options.output, { recursive: true });
      for (const p of result.pools) writeFileSync(join(options.output, `${p.name}.yaml`), renderManifests(p.manifests));
      if (result.identityPools.length > 0) writeFileSync(join(options.output, 'identitypools.yaml'), renderManifests(result.identityPools));
    }
    const summary = { userPools: pools.length, identityPools: identityPools.length, objects, awsCalls: calls, seconds: (Date.now() - started) / 1000 };
    io.progress(`exported ${summary.userPools} user pools and ${summary.identityPools} identity pools as ${objects} objects: ${calls} AWS calls (reads only), ${summary.seconds.toFixed(1)} s`, true);
    return summary;
  } finally {
    aws.destroy();
  }
}
