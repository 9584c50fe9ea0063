import { Chalk, type ChalkInstance } from 'chalk';

type Paint = (text: string) => string;

// Twelve distinguishable foregrounds; more instances than colours share some, as in stern.
const COLOURS = ['cyan', 'green', 'magenta', 'yellow', 'blue', 'red', 'cyanBright', 'greenBright', 'magentaBright', 'yellowBright', 'blueBright', 'redBright'] as const;

/** FNV-1a, 32 bit: the same label gets the same colour in every run and on every machine. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function colourIndex(label: string): number {
  return fnv1a32(label) % COLOURS.length;
}

/** Colours labels stably, or not at all. */
export class Palette {
  private readonly chalk: ChalkInstance;
  private readonly cache = new Map<string, Paint>();

  constructor(readonly enabled: boolean) {
    this.chalk = new Chalk({ level: enabled ? 1 : 0 });
  }

  label(text: string, key: string = text): string {
    if (!this.enabled) return text;
    let paint = this.cache.get(key);
    if (!paint) {
      paint = this.chalk[COLOURS[colourIndex(key)]!];
      this.cache.set(key, paint);
    }
    return paint(text);
  }

  get c(): ChalkInstance {
    return this.chalk;
  }
}
