import { stringify } from 'yaml';
import { terminalSafeJson } from '../render/sanitize';
import { UsageError } from '../core/errors';
import type { ColorChoice } from './options';

export const DOCUMENT_FORMATS = ['json', 'yaml'] as const;

export function outputFormat<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  return outputFlag(value ?? fallback, allowed, '--output');
}

/** A document for machines: JSON indented like kubectl's, or YAML without folded lines. */
export function serialize(doc: unknown, format: (typeof DOCUMENT_FORMATS)[number]): string {
  return format === 'json' ? `${terminalSafeJson(doc, 2)}\n` : stringify(doc, { lineWidth: 0 });
}

/** --color for the verbs without log display options (those get it from displayOptions). */
export function colorChoice(value: string | undefined): ColorChoice {
  return outputFlag(value ?? 'auto', ['auto', 'always', 'never'] as const, '--color');
}

function outputFlag<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`invalid value "${value}" for ${flag}: use one of ${allowed.join(', ')}`);
}
