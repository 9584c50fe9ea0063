// Filled in by scripts/build.mjs; tests and tsx runs see the fallback.
declare const __SMLOGS_META__: BuildInfo | undefined;

export interface BuildInfo {
  version: string;
  commit: string;
  builtAt: string;
  sdk: Record<string, string>;
}

export function buildInfo(): BuildInfo {
  if (typeof __SMLOGS_META__ !== 'undefined') return __SMLOGS_META__;
  return { version: '0.0.0-dev', commit: 'dev', builtAt: '', sdk: {} };
}
