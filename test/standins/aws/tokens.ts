// Pagination tokens. Tokens are opaque strings that map to server-side state (position, direction,
// what they belong to, when they were issued), so they can be bound to one stream or group, expire after
// 24 h of emulator time, and be re-issued at the same position as a different string (empty pages).
// Generation is deterministic (a counter run through a hash), independent of the fault RNG.

import { mix } from './rng';

export const TOKEN_TTL_MS = 24 * 3600 * 1000;
/** Beyond this many live tokens the oldest are forgotten (answered like expired ones). */
const MAX_TOKENS = 300_000;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

interface Entry {
  kind: string;
  binding: string;
  issuedAt: number;
  state: unknown;
}

export type TokenFormat = 'forward' | 'backward' | 'opaque';

export class TokenRegistry {
  private readonly map = new Map<string, Entry>();
  private counter = 0;

  private digits(n: number): string {
    let out = '';
    const c = ++this.counter;
    let k = 0;
    while (out.length < n) {
      const h = mix(mix(c, k++), 0x5bd1e995);
      out += String(h % 1_000_000_000).padStart(9, '0');
    }
    // Keep the counter in the tail so two tokens never collide.
    const tail = String(c).padStart(12, '0');
    return (out.slice(0, n - tail.length) + tail).slice(0, n);
  }

  private alnum(n: number): string {
    let out = '';
    const c = ++this.counter;
    for (let k = 0; out.length < n; k++) {
      let h = mix(mix(c, k), 0x27d4eb2f);
      for (let j = 0; j < 5 && out.length < n; j++) {
        out += ALNUM[h % ALNUM.length];
        h = Math.floor(h / ALNUM.length);
      }
    }
    return out + c.toString(36);
  }

  issue<T>(kind: string, binding: string, state: T, now: number, format: TokenFormat = 'opaque'): string {
    const token =
      format === 'forward' ? `f/${this.digits(56)}/s` : format === 'backward' ? `b/${this.digits(56)}/s` : this.alnum(88);
    this.map.set(token, { kind, binding, issuedAt: now, state });
    // Forget expired tokens (insertion order is issue order while the clock moves forward) and cap the size.
    for (const [k, e] of this.map) {
      if (this.map.size > MAX_TOKENS || now - e.issuedAt > TOKEN_TTL_MS) this.map.delete(k);
      else break;
    }
    return token;
  }

  /** The state of a token, or undefined when it is unknown, of another kind or binding, or expired. */
  resolve<T>(kind: string, binding: string, token: string, now: number): T | undefined {
    const e = this.map.get(token);
    if (!e || e.kind !== kind || e.binding !== binding) return undefined;
    if (now - e.issuedAt > TOKEN_TTL_MS) return undefined;
    return e.state as T;
  }

  clear(): void {
    this.map.clear();
  }

  get size(): number {
    return this.map.size;
  }
}
