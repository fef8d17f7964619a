/** Errors a person fixes by changing the command line: printed with the usage, exit code 1. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The usage printed with it: the command's, once known. */
    readonly usage?: string,
  ) {
    super(message);
  }
}

export const MainUsage = `Usage: cognito-operator <command> [flags]   (also as: kubectl cognito <command>)

Commands:
  export   print YAML that adopts existing Cognito resources (reads AWS only)
  plan     compare YAML with AWS and say what applying it would change (reads AWS only)
  help     this text; "<command> --help" for a command's flags

Without a command, cognito-operator runs the operator (see "cognito-operator --help-operator").
`;
