// `npm run soak`: a 16-instance training job writing 1,000,000 events over a compressed clock,
// followed to completion by the real plugin through the Kubernetes stand-in while CloudWatch
// throttles, fails, drops connections, serves empty pages, jitters and ingests late and out of
// order (test/soak/soak-scenario.ts). Every event must be printed exactly once and the exit
// code must be the job's. The figures go to stdout and .soak/results.md.
//
//   npm run soak [-- --events N] [--instances N] [--training-min M] [--speed X] [--failed] [--seed N] [--aws-clock-behind-s S]
//
// Exits 1 when any event is missing or duplicated, or the exit code is wrong.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runSoak, soakTable } from '../test/soak/soak-run';

const root = path.resolve(__dirname, '..');

async function main(): Promise<number> {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const num = (name: string, dflt: number): number => {
    const v = arg(name);
    const n = v === undefined ? dflt : Number(v.replace(/_/g, ''));
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} needs a positive number, got ${v}`);
    return n;
  };
  if (!existsSync(path.join(root, 'dist', 'kubectl-smlogs.cjs'))) throw new Error('run npm run build first');
  const log = (t: string): void => void process.stderr.write(`${t}\n`);
  const events = num('--events', 1_000_000);
  const instances = num('--instances', 16);
  // 40 min of training at 8x: ~6 min of wall time, 26 events/s per instance in emulator time.
  const trainingMs = num('--training-min', 40) * 60_000;
  const speed = num('--speed', 8);
  const outcome = process.argv.includes('--failed') ? 'Failed' : 'Completed';
  const seed = num('--seed', 7);
  // AWS's clock this many emulator seconds behind the plugin's at the start (a local clock ahead).
  const behind = arg('--aws-clock-behind-s');
  const awsClockBehindMs = behind === undefined ? 0 : num('--aws-clock-behind-s', 0) * 1000;

  log(`soak: ${events.toLocaleString('en')} events, ${instances} instances, ${outcome}, all faults on…`);
  const r = await runSoak({ events, instances, trainingMs, speed, outcome, seed, awsClockBehindMs }, { log });
  const table = soakTable(r);
  process.stdout.write(`${table}\n`);
  if (r.missingSample.length) log(`missing, e.g.:\n${r.missingSample.map((e) => `  ${JSON.stringify(e)}`).join('\n')}`);
  if (r.duplicatedSample.length) log(`duplicated, e.g.:\n${r.duplicatedSample.map((l) => `  ${l}`).join('\n')}`);
  if (r.problems.length) log(`plugin stderr (last lines):\n${r.stderrTail.map((l) => `  ${l}`).join('\n')}`);

  const dir = path.join(root, '.soak');
  mkdirSync(dir, { recursive: true });
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, Node.js ${process.versions.node}`;
  const cmd = `npm run soak -- --events ${events} --instances ${instances} --training-min ${trainingMs / 60_000} --speed ${speed}${outcome === 'Failed' ? ' --failed' : ''} --seed ${seed}${awsClockBehindMs ? ` --aws-clock-behind-s ${awsClockBehindMs / 1000}` : ''}`;
  writeFileSync(path.join(dir, 'results.md'), `Measured ${new Date().toISOString().slice(0, 10)} on ${machine} with \`${cmd}\`.\n\n${table}\n`);
  log(`written to ${path.join(dir, 'results.md')}`);
  return r.problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    process.stderr.write(`soak: ${e.message}\n`);
    process.exit(1);
  },
);
