// Loads the heavy half of the plugin (src/cli/verbs.ts: the AWS SDK clients, client-node and every
// verb) only when a verb runs, so that --help, version and completion start in a few
// milliseconds.
//
// - From the TypeScript sources (tsx, vitest): a plain dynamic import.
// - From the bundle (scripts/build.mjs defines __SMLOGS_BUNDLED__): dist/verbs.cjs is compiled
//   with vm.Script and the V8 code cache that the build produced by running it
//   (dist/verbs.cache), which saves most of its compile time. A cache that this Node.js rejects
//   (another V8 version or flags) is ignored: the script compiles as usual.
// - Inside the single executable: the same script and cache, read from the executable's SEA
//   assets (`require` there only loads built-in modules; verbs.cjs needs nothing else).
import * as debug from '../core/debug';
import * as errors from '../core/errors';
import { loadScript } from './script-loader';
import type * as VerbsModule from './verbs';

export type Verbs = typeof VerbsModule;

declare const __SMLOGS_BUNDLED__: boolean | undefined;

let pending: Promise<Verbs> | undefined;
let ready: Verbs | undefined;

export function loadVerbs(): Promise<Verbs> {
  pending ??= (async () => {
    // scripts/build.mjs marks './verbs' external in the light bundle, so the import below is
    // never bundled into it; it only runs from the TypeScript sources.
    const v = typeof __SMLOGS_BUNDLED__ !== 'undefined' && __SMLOGS_BUNDLED__ ? (loadScript('verbs', { 'kubectl-smlogs:core/errors': errors, 'kubectl-smlogs:core/debug': debug }) as Verbs) : await import('./verbs');
    ready = v;
    return v;
  })();
  return pending;
}

/** The verbs module if a verb already loaded it (for clean-up), without loading it. */
export function loadedVerbs(): Verbs | undefined {
  return ready;
}
