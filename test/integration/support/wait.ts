/** Polling for integration tests: real components change state in their own time. */
export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** A reason to stop waiting at once (a process died). */
  failFast?: () => string | undefined;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, opts: WaitOptions = {}): Promise<T> {
  const { timeoutMs = 60_000, intervalMs = 250 } = opts;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    const fatal = opts.failFast?.();
    if (fatal) throw new Error(`${what}: ${fatal}`);
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
