// Produces V8 code caches for the bundled scripts (dist/kubectl-smlogs.cache, dist/verbs.cache):
// a fresh Node.js process (scripts/code-cache-worker.cjs) loads the scripts exactly as the plugin
// does, runs representative commands in-process (help, version, completion, and describe/logs/
// list against a tiny in-process fake API server), then serialises what V8 compiled. At run time
// the loaders hand the cache to vm.Script; functions compiled here need no compiling there.
//
// The cache is only valid for this Node.js version and V8 flags; another Node.js rejects it
// (vm.Script#cachedDataRejected) and compiles as usual, so a stale-version cache costs nothing but
// the time it would have saved.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Runs the worker; returns the written cache files. Failures leave no cache, never a failed build. */
export async function produceCodeCaches(dist, { buildId, node = process.execPath, quiet = false } = {}) {
  const env = { ...process.env };
  // The flags a cache was made with must be the flags it is used with.
  delete env.NODE_OPTIONS;
  const r = spawnSync(node, [path.join(here, 'code-cache-worker.cjs'), dist, buildId], { env, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) {
    const why = r.error?.message ?? ((r.stderr ?? '').split('\n').find((l) => l.trim()) || `exit ${r.status}`);
    process.stderr.write(`code cache: not produced (${why}); the plugin works without it, only slower to start\n`);
    return [];
  }
  const files = ['kubectl-smlogs.cache', 'verbs.cache'].map((f) => path.join(dist, f)).filter((f) => existsSync(f));
  if (!quiet && process.env.SMLOGS_BUILD_VERBOSE) for (const f of files) process.stderr.write(`code cache: ${path.basename(f)} ${(statSync(f).size / 1024).toFixed(0)} KB\n`);
  return files;
}
