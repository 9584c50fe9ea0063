// kubectl's borderless tables: upper-case headers, columns padded to their widest cell plus three
// spaces (cli-runtime's tabwriter settings), the last column unpadded.

/** A cell, optionally painted; widths are measured on the plain text. */
export type Cell = string | { readonly text: string; readonly paint?: (s: string) => string };

const GAP = 3;

function plain(c: Cell): string {
  return typeof c === 'string' ? c : c.text;
}

function painted(c: Cell, padded: string): string {
  return typeof c === 'string' || !c.paint ? padded : c.paint(c.text) + padded.slice(c.text.length);
}

// Names, statuses and times are ASCII; counting code points is enough.
function width(s: string): number {
  return [...s].length;
}

export interface TableOptions {
  /** Cut the last column so that lines fit this many columns (a terminal's width). */
  readonly maxWidth?: number;
}

/** Lines of a table (no trailing newlines). */
export function renderTable(headers: readonly string[], rows: readonly (readonly Cell[])[], o: TableOptions = {}): string[] {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(plain(r[i] ?? '')))));
  const last = headers.length - 1;
  const line = (cells: readonly Cell[]): string => {
    let out = '';
    for (let i = 0; i <= last; i++) {
      const c = cells[i] ?? '';
      let text = plain(c);
      if (i === last) {
        if (o.maxWidth !== undefined) {
          const room = Math.max(8, o.maxWidth - width(out));
          if (width(text) > room) text = [...text].slice(0, room - 1).join('') + '…';
        }
        out += typeof c === 'string' || !c.paint ? text : c.paint(text);
      } else {
        const padded = text + ' '.repeat(widths[i]! - width(text) + GAP);
        out += painted(typeof c === 'string' ? text : { ...c, text }, padded);
      }
    }
    return out.trimEnd();
  };
  return [line(headers), ...rows.map(line)];
}

/**
 * kubectl's AGE (apimachinery duration.HumanDuration): exact seconds under two minutes, then
 * ever coarser units, two at most.
 */
export function humanAge(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    return dy === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}
