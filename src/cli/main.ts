#!/usr/bin/env node
/**
 * `cognito-operator <command>` (also `kubectl cognito <command>`): export and plan beside the
 * operator. Without a command it runs the operator itself, as `node dist/main.js` does.
 * Exit codes: 0 success (plan: no changes), 2 plan found changes, 1 error.
 */
import { ExportUsage, parseExportArgs, runExport } from './export/command';
import { PlanUsage, parsePlanArgs, runPlan } from './plan/command';
import { MainUsage, UsageError } from './usage';

/** A wrong command line: ours, or node:util parseArgs' (an unknown flag, a missing value). */
function isUsageError(err: unknown): err is Error {
  return err instanceof UsageError || (err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'));
}

/** A command: its usage text, and a run that returns the exit code. */
interface Command {
  usage: string;
  run(argv: string[]): Promise<number>;
}

/** Parses first; `--help` prints the command's usage instead of running it. */
function command<O>(usage: string, parse: (argv: string[], env: NodeJS.ProcessEnv) => O | 'help', run: (options: O) => Promise<number>): Command {
  return {
    usage,
    async run(argv) {
      const options = parse(argv, process.env);
      if (options === 'help') {
        process.stdout.write(usage);
        return 0;
      }
      return run(options);
    },
  };
}

/** Progress on stderr: rewritten in place on a terminal, one line each otherwise. */
function progress(text: string, final = false): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${text}${final ? '\n' : ''}`);
  else process.stderr.write(`${text}\n`);
}

const stdout = (text: string) => void process.stdout.write(text);

const Commands: Readonly<Record<string, Command>> = {
  export: command(ExportUsage, parseExportArgs, async (options) => {
    await runExport(options, { stdout, progress });
    return 0;
  }),
  plan: command(PlanUsage, parsePlanArgs, (options) => runPlan(options, stdout)),
  help: command(MainUsage, () => 'help', () => Promise.resolve(0)),
};

async function main(): Promise<number> {
  const [first, ...rest] = process.argv.slice(2);
  if (first === '--help' || first === '-h') return Commands.help?.run(['--help']) ?? 0;
  if (first === '--help-operator') {
    process.argv.splice(2, 1, '--help');
    await import('../main');
    return 0;
  }
  const chosen = first !== undefined && Object.hasOwn(Commands, first) ? Commands[first] : undefined;
  if (chosen) return chosen.run(rest).catch((err: unknown) => Promise.reject(isUsageError(err) ? new UsageError(err.message, chosen.usage) : err));
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
    const usage = err instanceof UsageError ? (err.usage ?? MainUsage) : isUsageError(err) ? MainUsage : undefined;
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${usage ? `\n${usage}` : ''}`);
    process.exitCode = 1;
  },
);
