#!/usr/bin/env node
/**
 * `cognito-operator <command>` (also `kubectl cognito <command>`): export and plan beside the
 * operator. Without a command it runs the operator itself, as `node dist/main.js` does.
 * Exit codes: 0 success (plan: no changes), 2 plan found changes, 1 error.
 */
import { ExportUsage, parseExportArgs, runExport } from './export/command';
import { PlanUsage, parsePlanArgs, runPlan } from './plan/command';
import { MainUsage, UsageError } from './usage';

const Commands = ['export', 'plan', 'help'] as const;
type Command = (typeof Commands)[number];

function isCommand(value: string | undefined): value is Command {
  return (Commands as readonly string[]).includes(value ?? '');
}

/** Progress on stderr: rewritten in place on a terminal, one line each otherwise. */
function progress(text: string, final = false): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${text}${final ? '\n' : ''}`);
  else process.stderr.write(`${text}\n`);
}

async function run(command: Command, argv: string[]): Promise<number> {
  switch (command) {
    case 'help':
      process.stdout.write(MainUsage);
      return 0;
    case 'export': {
      const options = parseExportArgs(argv, process.env);
      if (options === 'help') {
        process.stdout.write(ExportUsage);
        return 0;
      }
      await runExport(options, { stdout: (text) => process.stdout.write(text), progress });
      return 0;
    }
    case 'plan': {
      const options = parsePlanArgs(argv, process.env);
      if (options === 'help') {
        process.stdout.write(PlanUsage);
        return 0;
      }
      return runPlan(options, (text) => process.stdout.write(text));
    }
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

async function main(): Promise<number> {
  const [first, ...rest] = process.argv.slice(2);
  if (first === '--help' || first === '-h') return run('help', []);
  if (first === '--help-operator') {
    process.argv.splice(2, 1, '--help');
    await import('../main');
    return 0;
  }
  if (isCommand(first)) return run(first, rest);
  if (first !== undefined && !first.startsWith('-')) throw new UsageError(`unknown command ${first}`);
  // The operator: flags only, as node dist/main.js takes them. It keeps the process running.
  await import('../main');
  return 0;
}

main().then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (err: unknown) => {
    const usage = err instanceof UsageError || (err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'));
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${usage ? `\n${MainUsage}` : ''}`);
    process.exitCode = 1;
  },
);
