/**
 * The operator's settings. Each is a flag and an environment variable of the same meaning
 * (`--resync-interval` / `RESYNC_INTERVAL`); a flag wins. Validated once, at start-up, in stages:
 * raw strings → typed values with defaults.
 */
import type { RateLimitOptions } from './aws/rate-limit';
import { rateLimitsFromEnv } from './aws/rate-limit';

export interface Config {
  /** Path of a kubeconfig; in-cluster configuration when undefined. */
  kubeconfig?: string;
  /** Namespaces to watch; all when empty. */
  watchNamespaces: string[];
  resyncIntervalMs: number;
  /** Reconciles of one kind at once; undefined: as many as the AWS rate limits can keep busy. */
  maxConcurrentReconciles?: number;
  /** AWS_RATE_LIMIT_SCALE and AWS_RATE_LIMITS, the client-side token buckets' rates. */
  rateLimits: RateLimitOptions;
  logLevel: LogLevel;
  /** Region for specs that name none; undefined lets the SDK's own chain decide. */
  awsRegion?: string;
  metricsBindAddress: string;
  healthProbeBindAddress: string;
  leaderElect: boolean;
  leaderElectionNamespace: string;
  leaderElectionId: string;
  /** Objects of a namespace no AWSAccountBinding serves stall (NoAccountBinding) instead of using the operator's account. */
  requireAccountBinding: boolean;
  /** Session length of the roles assumed for AWSAccountBindings. */
  assumeRoleDurationMs: number;
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof logLevels)[number];

/** Each setting: its flag, its environment variable, what it means. */
const settings = {
  kubeconfig: { flag: 'kubeconfig', env: 'KUBECONFIG', help: 'path of a kubeconfig (in-cluster configuration when unset)' },
  watchNamespaces: { flag: 'watch-namespaces', env: 'WATCH_NAMESPACES', help: 'comma-separated namespaces to watch (all when unset)' },
  resyncInterval: { flag: 'resync-interval', env: 'RESYNC_INTERVAL', help: 'how often each resource is checked for drift, e.g. 30s, 10m (default 10m)' },
  maxConcurrentReconciles: { flag: 'max-concurrent-reconciles', env: 'MAX_CONCURRENT_RECONCILES', help: 'reconciles of one kind running at once (default: sized to the AWS rate limits, 20 at the default quotas)' },
  logLevel: { flag: 'log-level', env: 'LOG_LEVEL', help: `one of ${logLevels.join(', ')} (default info)` },
  awsRegion: { flag: 'aws-region', env: 'AWS_REGION', help: 'region for specs that name none' },
  metricsBindAddress: { flag: 'metrics-bind-address', env: 'METRICS_BIND_ADDRESS', help: 'host:port of /metrics (default :8080; 0 disables)' },
  healthProbeBindAddress: { flag: 'health-probe-bind-address', env: 'HEALTH_PROBE_BIND_ADDRESS', help: 'host:port of /healthz and /readyz (default :8081; 0 disables)' },
  leaderElect: { flag: 'leader-elect', env: 'LEADER_ELECT', help: 'elect a leader through a Lease so only one replica reconciles (default false)' },
  leaderElectionNamespace: { flag: 'leader-election-namespace', env: 'LEADER_ELECTION_NAMESPACE', help: "namespace of the Lease (default: the pod's namespace, else default)" },
  leaderElectionId: { flag: 'leader-election-id', env: 'LEADER_ELECTION_ID', help: 'name of the Lease (default cognito-operator-leader)' },
  requireAccountBinding: {
    flag: 'require-account-binding',
    env: 'REQUIRE_ACCOUNT_BINDING',
    help: "objects of namespaces no AWSAccountBinding serves stall instead of using the operator's own account (default false)",
  },
  assumeRoleDuration: { flag: 'assume-role-duration', env: 'ASSUME_ROLE_DURATION', help: 'session length of the roles of AWSAccountBindings, renewed before expiry (default 1h)' },
} as const;
type Setting = keyof typeof settings;
type RawConfig = Partial<Record<Setting, string>>;
/** Flags that mean true when given without a value. */
const booleanFlags: ReadonlySet<Setting> = new Set(['leaderElect', 'requireAccountBinding']);

export class ConfigError extends Error {}

export function usage(): string {
  const lines = Object.values(settings).map((s) => `  --${s.flag.padEnd(28)} ${s.env.padEnd(28)} ${s.help}`);
  return `Usage: cognito-operator [flags]\n\nFlag / environment variable / meaning:\n${lines.join('\n')}\n`;
}

/** Flags as `--name=value` or `--name value`; a bare boolean flag means true. */
function parseFlags(argv: readonly string[]): RawConfig {
  const byFlag = new Map<string, Setting>(Object.entries(settings).map(([key, s]) => [s.flag, key as Setting]));
  const raw: RawConfig = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const key = match ? byFlag.get(match[1] ?? '') : undefined;
    if (!match || !key) throw new ConfigError(`unknown argument ${arg}\n\n${usage()}`);
    let value = match[2];
    if (value === undefined) {
      const next = argv[i + 1];
      value = booleanFlags.has(key) && (next === undefined || next.startsWith('--')) ? 'true' : next;
      if (value === undefined) throw new ConfigError(`--${settings[key].flag} needs a value`);
      if (value === next) i++;
    }
    raw[key] = value;
  }
  return raw;
}

function fromEnv(env: NodeJS.ProcessEnv): RawConfig {
  const raw: RawConfig = {};
  for (const [key, s] of Object.entries(settings)) {
    const value = env[s.env];
    if (value !== undefined && value !== '') raw[key as Setting] = value;
  }
  return raw;
}

const durationUnits: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A duration such as `500ms`, `30s`, `10m`, `1h30m` in milliseconds. */
export function parseDuration(text: string): number {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) {
    throw new ConfigError(`invalid duration "${text}": use a number with a unit, such as 30s, 10m or 1h`);
  }
  return parts.reduce((ms, p) => ms + Number(p[1]) * (durationUnits[p[2] ?? ''] ?? 0), 0);
}

function positiveInteger(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new ConfigError(`${name} must be a positive integer, not "${text}"`);
  return n;
}

function booleanValue(name: string, text: string): boolean {
  if (/^(true|1|yes)$/i.test(text)) return true;
  if (/^(false|0|no)$/i.test(text)) return false;
  throw new ConfigError(`${name} must be true or false, not "${text}"`);
}

function logLevel(text: string): LogLevel {
  const level = logLevels.find((l) => l === text.toLowerCase());
  if (!level) throw new ConfigError(`log level must be one of ${logLevels.join(', ')}, not "${text}"`);
  return level;
}

/** The rate limits' environment variables; a bad value stops the start with its message. */
function rateLimits(env: NodeJS.ProcessEnv): RateLimitOptions {
  try {
    return rateLimitsFromEnv(env);
  } catch (err) {
    throw new ConfigError(err instanceof Error ? err.message : String(err));
  }
}

/** Reads flags over environment variables and applies defaults. Throws ConfigError with a usable message. */
export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv): Config {
  const raw = { ...fromEnv(env), ...parseFlags(argv) };
  const resyncIntervalMs = parseDuration(raw.resyncInterval ?? '10m');
  if (resyncIntervalMs < 1000) throw new ConfigError('resync interval must be at least 1s');
  return {
    kubeconfig: raw.kubeconfig,
    watchNamespaces: (raw.watchNamespaces ?? '').split(',').map((n) => n.trim()).filter((n) => n !== ''),
    resyncIntervalMs,
    ...(raw.maxConcurrentReconciles !== undefined ? { maxConcurrentReconciles: positiveInteger('max concurrent reconciles', raw.maxConcurrentReconciles) } : {}),
    rateLimits: rateLimits(env),
    logLevel: logLevel(raw.logLevel ?? 'info'),
    awsRegion: raw.awsRegion,
    metricsBindAddress: raw.metricsBindAddress ?? ':8080',
    healthProbeBindAddress: raw.healthProbeBindAddress ?? ':8081',
    leaderElect: booleanValue('leader-elect', raw.leaderElect ?? 'false'),
    leaderElectionNamespace: raw.leaderElectionNamespace ?? env.POD_NAMESPACE ?? 'default',
    leaderElectionId: raw.leaderElectionId ?? 'cognito-operator-leader',
    requireAccountBinding: booleanValue('require-account-binding', raw.requireAccountBinding ?? 'false'),
    assumeRoleDurationMs: parseDuration(raw.assumeRoleDuration ?? '1h'),
  };
}
