// Errors the stand-in raises to its caller (not HTTP errors: those are Status bodies, see status.ts).

/**
 * A bad scenario, bad option or unusable port. The message is one line that names the file and the
 * field at fault; callers print it as is (the runner exits 2).
 */
export class StandInConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StandInConfigError';
  }
}

export function portInUse(port: number): StandInConfigError {
  return new StandInConfigError(`port ${port} on 127.0.0.1 is already in use`);
}
