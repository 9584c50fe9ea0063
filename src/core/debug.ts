// The -v trace: one `debug: ` line per event on stderr (never stdout, which carries log lines
// only), every line redacted; and the run's known secrets, which error lines are redacted with too.
// Both bundles share this module's one instance (scripts/build.mjs, src/cli/load-verbs.ts): the
// entry turns the trace on, the verbs write to it and register secrets.
import { MIN_SECRET_LENGTH, redact } from './redact';

let enabled = false;
const secrets = new Set<string>();

export function setDebug(on: boolean): void {
  enabled = on;
}

/** Callers test this before building a line, so that a run without -v formats nothing. */
export function debugOn(): boolean {
  return enabled;
}

/** One event: one line, whatever newlines the text holds. */
export function debug(text: string): void {
  if (!enabled) return;
  process.stderr.write(`debug: ${scrub(text).replace(/\r?\n/g, '\\n')}\n`);
}

/** A value that must never be printed (a token, a key, a password), once the run has it. */
export function addSecret(value: string | Buffer | undefined): void {
  // Trimmed: a token file ends with a newline that the header it becomes does not have.
  const s = (typeof value === 'string' ? value : value?.toString('utf8'))?.trim();
  if (s !== undefined && s.length >= MIN_SECRET_LENGTH) secrets.add(s);
}

/** `text` without the run's secrets or anything shaped like one (for debug and error lines). */
export function scrub(text: string): string {
  // The environment's AWS secrets are known from the start; read them only when something prints.
  const env = process.env;
  return redact(text, [...secrets, env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN, env.AWS_SECURITY_TOKEN]);
}
