/** Errors a kind throws to tell the reconciler that retrying cannot help until the user acts. */

/** The object asks for something that cannot be done as it stands; the message says what to change. */
export class TerminalError extends Error {}
