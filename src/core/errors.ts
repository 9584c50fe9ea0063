import { ExitCode } from './exit-codes';

/**
 * An error meant for the user: its message is the one line printed on stderr, so it names what
 * failed, the object, and what to do. Anything that is not a SmlogsError is a bug and is
 * reported as such.
 */
export class SmlogsError extends Error {
  readonly exitCode: ExitCode;

  constructor(message: string, exitCode: ExitCode = ExitCode.Error, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SmlogsError';
    this.exitCode = exitCode;
  }
}

/** Bad command line: unknown kind, bad flag or value (exit 2). */
export class UsageError extends SmlogsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.Usage, options);
    this.name = 'UsageError';
  }
}

/** The operation was cut short by --timeout (exit 5). */
export class TimeoutError extends SmlogsError {
  constructor(message: string) {
    super(message, ExitCode.Timeout);
    this.name = 'TimeoutError';
  }
}

export function isSmlogsError(e: unknown): e is SmlogsError {
  return e instanceof SmlogsError;
}
