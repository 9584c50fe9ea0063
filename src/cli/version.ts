// `kubectl smlogs version`: what was built from what, and what it runs on.
import { buildInfo } from '../core/build-info';
import { UsageError } from '../core/errors';
import { sea } from './script-loader';

export interface VersionReport {
  readonly version: string;
  readonly commit: string;
  readonly builtAt: string;
  readonly node: string;
  readonly platform: string;
  readonly singleExecutable: boolean;
  readonly sdk: Readonly<Record<string, string>>;
}

export function versionReport(): VersionReport {
  const info = buildInfo();
  return {
    version: info.version,
    commit: info.commit,
    builtAt: info.builtAt,
    node: process.versions.node,
    platform: `${process.platform}-${process.arch}`,
    singleExecutable: sea() !== undefined,
    sdk: info.sdk,
  };
}

/** Text (default) or `json`, like `kubectl version -o json`. */
export function versionText(format: string | undefined = 'text'): string {
  const r = versionReport();
  if (format === 'json') return JSON.stringify(r, null, 2) + '\n';
  if (format !== 'text') throw new UsageError(`invalid value "${format}" for --output: use text or json`);
  const lines = [
    `kubectl-smlogs ${r.version} (commit ${r.commit}${r.builtAt ? `, built ${r.builtAt}` : ''})`,
    `Node.js ${r.node} (${r.platform}${r.singleExecutable ? ', single executable' : ''})`,
    ...Object.entries(r.sdk).map(([k, v]) => `${k} ${v}`),
  ];
  return lines.join('\n') + '\n';
}
