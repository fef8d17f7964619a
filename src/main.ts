/** Entry point: `node dist/main.js [flags]`. Stops cleanly on SIGTERM and SIGINT. */
import { ConfigError, loadConfig, usage } from './config';
import { createLogger } from './observability/logger';
import { startOperator } from './operator';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(usage());
    return;
  }
  const config = loadConfig(argv, process.env);
  const logger = createLogger(config.logLevel);
  const operator = await startOperator(config, logger, {
    onLeadershipLost: () => {
      logger.error('exiting after losing leadership');
      process.exit(1);
    },
  });
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down: finishing reconciles in progress');
    operator.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'cannot shut down cleanly');
        process.exit(1);
      },
    );
  };
  // A stray rejection (an SDK credential lookup, say) is logged; one bad call must not stop
  // every reconcile. Failures inside reconciles are handled where they happen.
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
