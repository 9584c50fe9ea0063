import type { StreamInfo } from '../logs/readers';
import type { TailObserver } from '../logs/tail';
import { createLineFormatter } from '../render/log-line';
import { Palette } from '../render/palette';
import { LineSink } from '../render/sink';
import { streamOpenedLine } from '../render/status';
import type { DisplayOptions } from './options';
import { colourFor, type Stderr, type Terminal } from './runtime';

/**
 * Connects the log engine to the terminal: lines to stdout through the formatter, stream
 * announcements and notices to stderr.
 */
export function logObserver(d: DisplayOptions, term: Terminal, stderr: Stderr, sink: LineSink, opts: { announceStreams: boolean; flushEachBatch: boolean }): TailObserver {
  const palette = new Palette(colourFor(d.color, term.stdoutTTY, term.env));
  // The archived plugin printed local time; keep its shape unless a zone is asked for.
  const timezone = d.format === 'legacy' && !d.timezoneGiven ? 'local' : d.timezone;
  const format = createLineFormatter({
    format: d.format,
    ...(d.timestamps ? { timestamps: d.timestamps } : {}),
    timezone,
    prefix: d.prefix,
    palette,
    neutralize: term.stdoutTTY,
  });
  return {
    async lines(batch) {
      // One string per batch: a write (and an await) per line would cost more than formatting.
      let chunk = '';
      for (const e of batch) chunk += format(e);
      await sink.write(chunk);
      if (opts.flushEachBatch) await sink.flush();
    },
    streamOpened(s: StreamInfo) {
      if (opts.announceStreams) stderr.line(streamOpenedLine(s, stderr.palette));
    },
    notice(text) {
      stderr.line(text);
    },
  };
}
