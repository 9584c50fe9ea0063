// Runs one of the plugin's bundled CommonJS scripts (dist/NAME.cjs) with the V8 code cache the
// build made for it (dist/NAME.cache), from the files next to the running bundle or, inside the
// single executable, from its SEA assets. Only meaningful in the bundle (see load-verbs.ts).
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

interface SeaApi {
  isSea(): boolean;
  getAsset(key: string): ArrayBuffer;
  getAsset(key: string, encoding: string): string;
}

/** Set by scripts/code-cache.mjs while it runs representative commands to produce the caches. */
interface CacheProducer {
  readonly scripts: Map<string, vm.Script>;
}

export type CacheState = 'accepted' | 'rejected' | 'absent';

let seaApi: SeaApi | null | undefined;

/** node:sea when running as a single executable (Node ≥ 20.12), else undefined. */
export function sea(): SeaApi | undefined {
  if (seaApi === undefined) {
    try {
      const api = require('node:sea') as SeaApi;
      seaApi = api.isSea() ? api : null;
    } catch {
      seaApi = null;
    }
  }
  return seaApi ?? undefined;
}

function producer(): CacheProducer | undefined {
  return (globalThis as { __SMLOGS_CODE_CACHE__?: CacheProducer }).__SMLOGS_CODE_CACHE__;
}

// scripts/build.mjs starts every bundle with `/*smlogs:ID*/` and every cache file with the same
// ID (16 hex characters): a cache is used only with the very build it was made from. (V8 itself
// checks little more than the source's length, and a rebuild with the same length is common.)
const BUILD_ID = /^\/\*smlogs:([0-9a-f]{16})\*\//;
const ID_LENGTH = 16;

function matching(source: string, cache: Buffer | undefined): Buffer | undefined {
  const id = BUILD_ID.exec(source)?.[1];
  if (!id || !cache || cache.length <= ID_LENGTH || cache.toString('latin1', 0, ID_LENGTH) !== id) return undefined;
  return cache.subarray(ID_LENGTH);
}

function read(name: string): { file: string; source: string; cache?: Buffer } {
  const s = sea();
  if (s) {
    const file = path.join(path.dirname(process.execPath), `${name}.cjs`);
    const source = s.getAsset(`${name}.cjs`, 'utf8');
    let cache: Buffer | undefined;
    try {
      cache = Buffer.from(s.getAsset(`${name}.cache`));
    } catch {
      cache = undefined;
    }
    return { file, source, ...(cache ? { cache } : {}) };
  }
  const file = path.join(__dirname, `${name}.cjs`);
  const source = readFileSync(file, 'utf8');
  let cache: Buffer | undefined;
  if (!producer()) {
    try {
      cache = readFileSync(path.join(__dirname, `${name}.cache`));
    } catch {
      cache = undefined;
    }
  }
  return { file, source, ...(cache ? { cache } : {}) };
}

/**
 * Compiles and runs dist/NAME.cjs once; returns its exports. `shared`: modules the script imports
 * from the running bundle instead of carrying its own copy (scripts/build.mjs marks them external).
 */
export function loadScript(name: string, shared: Readonly<Record<string, unknown>> = {}): unknown {
  const { file, source, cache: stored } = read(name);
  const cache = matching(source, stored);
  // Module.wrap: the same wrapper text the cache was produced with (V8 checks the source). The
  // cache producer runs many commands in one process: they all share one Script per file.
  const script = producer()?.scripts.get(name) ?? new vm.Script(Module.wrap(source), { filename: file, ...(cache ? { cachedData: cache } : {}) });
  const state: CacheState = !cache ? (stored ? 'rejected' : 'absent') : script.cachedDataRejected ? 'rejected' : 'accepted';
  if (process.env.SMLOGS_DEBUG_STARTUP) process.stderr.write(`kubectl-smlogs: ${name}.cjs code cache ${state}${sea() ? ' (single executable)' : ''}\n`);
  producer()?.scripts.set(name, script);
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;
  const mod: { exports: unknown } = { exports: {} };
  // The bundle's own require: inside the single executable it loads only built-in modules, which
  // is all the bundled scripts need besides the shared modules.
  const requireShared = Object.assign((id: string): unknown => (Object.hasOwn(shared, id) ? shared[id] : require(id)), require);
  wrapper.call(mod.exports, mod.exports, requireShared as NodeJS.Require, mod, file, path.dirname(file));
  return mod.exports;
}
