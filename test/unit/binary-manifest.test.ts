// The committed krew manifest (plugins/smlogs.yaml, written by `npm run release`) is a valid krew
// Plugin: one entry per platform with a download address, a sha256, the files to link and the
// executable, and it matches the package version.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string>; files: string[]; dependencies?: object };

interface Platform {
  selector: { matchLabels: { os: string; arch: string } };
  uri: string;
  sha256: string;
  bin: string;
  files: Array<{ from: string; to: string }>;
}

describe('plugins/smlogs.yaml', () => {
  const manifest = parse(readFileSync(path.join(root, 'plugins', 'smlogs.yaml'), 'utf8')) as {
    apiVersion: string;
    kind: string;
    metadata: { name: string };
    spec: { version: string; homepage: string; shortDescription: string; description: string; platforms: Platform[] };
  };

  it('is a krew Plugin named smlogs at the package version', () => {
    expect(manifest.apiVersion).toBe('krew.googlecontainertools.github.com/v1alpha2');
    expect(manifest.kind).toBe('Plugin');
    expect(manifest.metadata.name).toBe('smlogs');
    expect(manifest.spec.version).toBe(`v${pkg.version}`);
    expect(manifest.spec.shortDescription.length).toBeLessThanOrEqual(60);
    expect(manifest.spec.description).toMatch(/SageMaker/);
  });

  it('has a complete entry per platform', () => {
    expect(manifest.spec.platforms.length).toBeGreaterThan(0);
    const seen = new Set<string>();
    for (const p of manifest.spec.platforms) {
      const { os, arch } = p.selector.matchLabels;
      expect(['linux', 'darwin', 'windows']).toContain(os);
      expect(['amd64', 'arm64']).toContain(arch);
      expect(seen.has(`${os}/${arch}`)).toBe(false);
      seen.add(`${os}/${arch}`);
      const target = `${os}-${arch === 'amd64' ? 'x64' : arch}`;
      expect(p.uri).toMatch(new RegExp(`^https://\\S+/kubectl-smlogs-v${pkg.version.replace(/\./g, '\\.')}-${target}\\.tar\\.gz$`));
      expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
      const exe = os === 'windows' ? 'kubectl-smlogs.exe' : 'kubectl-smlogs';
      expect(p.bin).toBe(exe);
      expect(p.files.map((f) => f.from)).toContain(exe);
      expect(p.files.every((f) => f.to === '.')).toBe(true);
    }
  });
});

describe('package.json install paths', () => {
  it('installs both executables and ships the bundles, with no runtime dependencies', () => {
    expect(pkg.bin).toEqual({ 'kubectl-smlogs': 'bin/kubectl-smlogs', 'kubectl_complete-smlogs': 'bin/kubectl_complete-smlogs' });
    expect(pkg.files).toEqual(expect.arrayContaining(['bin/', 'dist/boot.cjs', 'dist/kubectl-smlogs.cjs', 'dist/verbs.cjs', 'dist/*.cache']));
    // Everything the plugin runs is bundled into dist/ at build time: a package it imports belongs
    // in devDependencies, or `npm install -g` would download it for nothing.
    expect(pkg.dependencies ?? {}, 'package.json "dependencies" must stay empty: put build-time packages in devDependencies').toEqual({});
  });
});
