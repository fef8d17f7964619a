/** JSON logs (pino). Secrets never reach a log: errors are logged by message and code only. */
import pino from 'pino';
import type { Logger } from 'pino';
import type { LogLevel } from '../config';

export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { app: 'cognito-operator' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: serializeError },
  });
}

/** Message, name, AWS code and cause chain; never request bodies or headers. */
export function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const out: Record<string, unknown> = { type: err.name, message: err.message };
  const meta = (err as { $metadata?: { httpStatusCode?: number; requestId?: string } }).$metadata;
  if (meta) out.aws = { httpStatusCode: meta.httpStatusCode, requestId: meta.requestId };
  if ('code' in err && (typeof err.code === 'string' || typeof err.code === 'number')) out.code = err.code;
  if (err.cause !== undefined) out.cause = serializeError(err.cause);
  return out;
}

/** A logger that writes nothing, for tests. */
export const silentLogger: Logger = pino({ level: 'silent' });
