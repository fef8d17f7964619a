import { ConfigError, loadConfig, parseDuration } from './config';

describe('loadConfig', () => {
  const cases: { name: string; argv: string[]; env: NodeJS.ProcessEnv; want: Record<string, unknown> }[] = [
    {
      name: 'defaults',
      argv: [],
      env: {},
      want: { resyncIntervalMs: 600_000, rateLimits: {}, logLevel: 'info', watchNamespaces: [], leaderElect: false, metricsBindAddress: ':8080' },
    },
    {
      name: 'the AWS rate limits from their environment variables',
      argv: [],
      env: { AWS_RATE_LIMIT_SCALE: '0.5', AWS_RATE_LIMITS: 'UserPoolRead=4' },
      want: { rateLimits: { scale: 0.5, rates: { UserPoolRead: 4 } } },
    },
    {
      name: 'environment variables',
      argv: [],
      env: { RESYNC_INTERVAL: '30s', WATCH_NAMESPACES: 'shop, billing', MAX_CONCURRENT_RECONCILES: '4', LOG_LEVEL: 'DEBUG', AWS_REGION: 'eu-west-1', LEADER_ELECT: 'true' },
      want: { resyncIntervalMs: 30_000, watchNamespaces: ['shop', 'billing'], maxConcurrentReconciles: 4, logLevel: 'debug', awsRegion: 'eu-west-1', leaderElect: true },
    },
    {
      name: 'a flag wins over its environment variable; both flag forms',
      argv: ['--resync-interval=1m', '--watch-namespaces', 'a', '--leader-elect'],
      env: { RESYNC_INTERVAL: '30s', WATCH_NAMESPACES: 'b' },
      want: { resyncIntervalMs: 60_000, watchNamespaces: ['a'], leaderElect: true },
    },
    {
      name: 'account bindings: required by a bare flag, session length from the environment',
      argv: ['--require-account-binding'],
      env: { ASSUME_ROLE_DURATION: '15m' },
      want: { requireAccountBinding: true, assumeRoleDurationMs: 900_000 },
    },
    {
      name: 'account bindings: defaults',
      argv: [],
      env: { REQUIRE_ACCOUNT_BINDING: 'false' },
      want: { requireAccountBinding: false, assumeRoleDurationMs: 3_600_000 },
    },
  ];
  it.each(cases)('$name', ({ argv, env, want }) => {
    expect(loadConfig(argv, env)).toMatchObject(want);
  });

  it('leaves the workers unset when no flag names them: the operator sizes them to the rate limits', () => {
    expect(loadConfig([], {}).maxConcurrentReconciles).toBeUndefined();
  });

  it('rejects a bad rate limit as a configuration error', () => {
    expect(() => loadConfig([], { AWS_RATE_LIMITS: 'UserRead=3' })).toThrow(ConfigError);
  });

  it.each([
    [['--resync'], 'unknown argument --resync'],
    [['--resync-interval=10'], 'invalid duration "10"'],
    [['--max-concurrent-reconciles=0'], 'must be a positive integer'],
    [['--log-level=loud'], 'log level must be one of'],
    [['--resync-interval=500ms'], 'at least 1s'],
  ])('rejects %j with a usable message', (argv, message) => {
    expect(() => loadConfig(argv, {})).toThrow(ConfigError);
    expect(() => loadConfig(argv, {})).toThrow(message);
  });
});

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['10m', 600_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
  ])('%s → %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
});
