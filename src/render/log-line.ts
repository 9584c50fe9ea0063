import type { LabeledEvent } from '../logs/event';
import type { Palette } from './palette';
import { neutralizeControls, terminalSafeJson, trimTrailingNewline } from './sanitize';
import { formatEventTime, formatGoTime, formatRfc3339, type TimeZoneChoice, type TimestampFormat } from './time-format';

export const OUTPUT_FORMATS = ['default', 'raw', 'json', 'legacy'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface LineOptions {
  readonly format: OutputFormat;
  /** Prefix each line with the event time; undefined = no time (json always carries it). */
  readonly timestamps?: TimestampFormat;
  readonly timezone: TimeZoneChoice;
  /** Show the host (default) or stream (legacy) before the message. */
  readonly prefix: boolean;
  readonly palette: Palette;
  /** Escape control characters: true when stdout is a terminal. */
  readonly neutralize: boolean;
}

export type LineFormatter = (e: LabeledEvent) => string;

/**
 * Builds the function that turns one event into one output line (with its newline). Kept apart
 * from event generation, as the AWS CLI's `logs tail` keeps its formatters apart.
 */
export function createLineFormatter(o: LineOptions): LineFormatter {
  const text = (m: string): string => {
    const t = trimTrailingNewline(m);
    return o.neutralize ? neutralizeControls(t) : t;
  };
  // Stream names come from the log group too; on a terminal they are shown as safely as messages.
  const name = (n: string): string => (o.neutralize ? neutralizeControls(n) : n);
  const time = (ms: number): string => (o.timestamps ? `${formatEventTime(ms, o.timestamps, o.timezone)} ` : '');

  switch (o.format) {
    case 'raw':
      return (e) => `${time(e.timestamp)}${text(e.message)}\n`;
    case 'json':
      return (e) =>
        terminalSafeJson({
          time: formatRfc3339(e.timestamp),
          ingestionTime: formatRfc3339(e.ingestionTime),
          job: e.source.job,
          stream: e.stream,
          instance: e.source.instance,
          message: e.message,
          eventId: e.eventId ?? null,
        }) + '\n';
    case 'legacy':
      // The archived plugin: `<stream> <Go time> <message>`, local time unless told otherwise.
      return o.prefix
        ? (e) => `${name(e.stream)} ${formatGoTime(e.timestamp, o.timezone)} ${text(e.message)}\n`
        : (e) => `${formatGoTime(e.timestamp, o.timezone)} ${text(e.message)}\n`;
    case 'default':
      return o.prefix
        ? (e) => `${o.palette.label(name(e.source.label), e.source.instance)} ${time(e.timestamp)}${text(e.message)}\n`
        : (e) => `${time(e.timestamp)}${text(e.message)}\n`;
  }
}
