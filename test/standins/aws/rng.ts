// Deterministic randomness. `Rng` (seeded, sequential) drives probabilistic faults; the hash functions
// give per-event values (jitter, loss curves, instance ids) that do not depend on call order.

/** mulberry32: small, fast, good enough for fault injection; reproducible from its seed. */
export class Rng {
  private state: number;

  constructor(seed: number = 1) {
    this.state = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** True with probability p. Draws a number only when 0 < p < 1, so p = 0 costs no draw. */
  chance(p: number): boolean {
    if (!(p > 0)) return false;
    if (p >= 1) return true;
    return this.next() < p;
  }

  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
}

/** 32-bit FNV-1a of a string. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes two 32-bit values into one (murmur3 finaliser). */
export function mix(a: number, b: number): number {
  let h = (a ^ Math.imul(b + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Deterministic uniform [0, 1) from a seed and an index. */
export function unit(seed: number, i: number): number {
  return mix(seed, i) / 4294967296;
}

/** `n` lower-case hex digits derived from a string. */
export function hexOf(s: string, n: number): string {
  let out = '';
  let h = hashString(s);
  let k = 0;
  while (out.length < n) {
    h = mix(h, k++);
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, n);
}
