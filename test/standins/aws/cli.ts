// Standalone runner for the AWS stand-in (used by the benchmark as a separate process):
//
//   npx tsx test/standins/aws/cli.ts --scenario FILE [--port N] [--latency-ms N] [--quota Op=N ...]
//        [--speed X] [--seed N] [--start RFC3339] [--manual-clock]
//
// Prints exactly one line `AWS stand-in listening on http://127.0.0.1:PORT` on stdout, then serves until
// SIGINT/SIGTERM (exit 0). A bad scenario, flag or busy port prints one line on stderr and exits 2.

import { ManualClock, RealClock, type Clock } from './clock';
import { StandInConfigError } from './errors';
import { startAwsStandIn, type AwsStandIn } from './server';
import { parseRfc3339 } from './time';

const USAGE =
  'usage: cli.ts [--scenario FILE] [--port N] [--latency-ms N] [--latency-jitter-ms N] [--quota Op=N ...] [--speed X] [--seed N] [--start RFC3339] [--manual-clock]';

class UsageError extends Error {}

interface Args {
  scenario?: string;
  port: number;
  latencyMs?: number;
  latencyJitterMs?: number;
  quotas: Record<string, number | undefined>;
  speed: number;
  seed: number;
  start?: number;
  manual: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { port: 0, quotas: {}, speed: 1, seed: 1, manual: false };
  const num = (flag: string, v: string | undefined, check: (n: number) => boolean, what: string): number => {
    if (v === undefined) throw new UsageError(`${flag} needs a value`);
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || !check(n)) throw new UsageError(`${flag}: expected ${what}, got ${JSON.stringify(v)}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    let flag = argv[i]!;
    let value: string | undefined;
    const eq = flag.indexOf('=');
    if (flag.startsWith('--') && eq > 0) {
      value = flag.slice(eq + 1);
      flag = flag.slice(0, eq);
    }
    const next = () => value ?? argv[++i];
    switch (flag) {
      case '--scenario': {
        const v = next();
        if (!v) throw new UsageError('--scenario needs a file');
        a.scenario = v;
        break;
      }
      case '--port':
        a.port = num(flag, next(), (n) => Number.isInteger(n) && n >= 0 && n <= 65535, 'a port 0..65535');
        break;
      case '--latency-ms':
        a.latencyMs = num(flag, next(), (n) => n >= 0, 'milliseconds >= 0');
        break;
      case '--latency-jitter-ms':
        a.latencyJitterMs = num(flag, next(), (n) => n >= 0, 'milliseconds >= 0');
        break;
      case '--quota': {
        const v = next();
        const m = v ? /^([A-Za-z]+)=(.+)$/.exec(v) : null;
        if (!m) throw new UsageError(`--quota: expected Operation=RATE (e.g. FilterLogEvents=10, or =off), got ${JSON.stringify(v ?? '')}`);
        const op = m[1]!;
        const rate = m[2]!;
        a.quotas[op] = rate === 'off' || rate === '0' ? undefined : num('--quota', rate, (n) => n > 0, 'a rate > 0, 0 or off');
        break;
      }
      case '--speed':
        a.speed = num(flag, next(), (n) => n > 0, 'a factor > 0');
        break;
      case '--seed':
        a.seed = num(flag, next(), (n) => Number.isInteger(n), 'an integer');
        break;
      case '--start': {
        const v = next();
        const t = v === undefined ? undefined : parseRfc3339(v);
        if (t === undefined) throw new UsageError(`--start: expected an RFC 3339 time, got ${JSON.stringify(v ?? '')}`);
        a.start = t;
        break;
      }
      case '--manual-clock':
        a.manual = true;
        break;
      case '-h':
      case '--help':
        process.stdout.write(USAGE + '\n');
        process.exit(0);
        break;
      default:
        throw new UsageError(`unknown argument ${JSON.stringify(argv[i])}`);
    }
  }
  return a;
}

async function main(): Promise<void> {
  let standIn: AwsStandIn;
  try {
    const args = parseArgs(process.argv.slice(2));
    let clock: Clock;
    if (args.manual) clock = new ManualClock(args.start ?? Date.now());
    else clock = new RealClock({ offsetMs: args.start !== undefined ? args.start - Date.now() : 0, speed: args.speed });
    standIn = await startAwsStandIn({ scenario: args.scenario, port: args.port, clock, seed: args.seed });
    const f: Record<string, unknown> = { quotas: args.quotas };
    if (args.latencyMs !== undefined) f.latencyMs = args.latencyMs;
    if (args.latencyJitterMs !== undefined) f.latencyJitterMs = args.latencyJitterMs;
    standIn.setFaults(f);
    standIn.logs.prebuild(); // pay the index build now, not on the first request
  } catch (e) {
    if (e instanceof StandInConfigError) process.stderr.write(`${e.message}\n`);
    else if (e instanceof UsageError) process.stderr.write(`${e.message}\n${USAGE}\n`);
    else process.stderr.write(`aws stand-in failed to start: ${(e as Error)?.message ?? e}\n`);
    process.exit(2);
  }
  process.stdout.write(`AWS stand-in listening on ${standIn.url}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    standIn.close().then(
      () => process.exit(0),
      () => process.exit(0),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
