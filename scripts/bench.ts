// `npm run bench`: every benchmark in one run, printed side by side, and written to
// .bench/results.md for the README.
//
//   npm run bench [-- --only catchup,follow,idle,million,startup] [--runs N]
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchStartup, formatTable } from './bench-startup';
import { benchLogs, formatRows } from './bench/logs';

async function main(): Promise<void> {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const only = arg('--only')?.split(',');
  const runs = Number(arg('--runs') ?? 20);
  const log = (t: string): void => void process.stderr.write(`${t}\n`);
  const sections: string[] = [];
  const when = new Date().toISOString().slice(0, 10);
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, Node.js ${process.versions.node}`;

  const logParts = ['catchup', 'follow', 'idle', 'million'].filter((p) => !only || only.includes(p));
  if (logParts.length) {
    log('log engine benchmarks (AWS stand-in in its own process; aws logs tail = Debian AWS CLI v2)…');
    const rows = await benchLogs({ only: logParts, log });
    sections.push(`### Log engine\n\n${formatRows(rows)}`);
    process.stdout.write(`${formatRows(rows)}\n\n`);
  }
  if (!only || only.includes('startup')) {
    log('start-up benchmarks…');
    const r = await benchStartup({ runs, log });
    const table = formatTable(r);
    sections.push(`### Start-up\n\n${table}`);
    process.stdout.write(`${table}\n`);
  }
  const dir = path.resolve(__dirname, '..', '.bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'results.md'), `Measured ${when} on ${machine} with \`npm run bench\`.\n\n${sections.join('\n\n')}\n`);
  log(`written to ${path.join(dir, 'results.md')}`);
}

main().catch((e: Error) => {
  process.stderr.write(`bench: ${e.message}\n`);
  process.exit(1);
});
