import type { LogEvent } from './event';

/** `-i/--include` and `-e/--exclude`: client-side regular expressions on the message. */
export interface MessageFilter {
  readonly include: readonly RegExp[];
  readonly exclude: readonly RegExp[];
}

/** A line is shown when it matches any include (or there are none) and no exclude, as in stern. */
export function passesFilter(f: MessageFilter, e: LogEvent): boolean {
  if (f.include.length > 0 && !f.include.some((r) => r.test(e.message))) return false;
  return !f.exclude.some((r) => r.test(e.message));
}

export const NO_FILTER: MessageFilter = { include: [], exclude: [] };
