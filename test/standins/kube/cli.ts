// Standalone runner:
//   npx tsx test/standins/kube/cli.ts --scenario FILE [--port N] --kubeconfig-out PATH
//       [--user NAME] [--auth token|cert|cert-files|none] [--namespace NS] [--context NAME]
//       [--minor N] [--discovery aggregated|legacy] [--groups legacy,ack]
// Prints one line "Kubernetes stand-in listening on https://127.0.0.1:PORT" and serves until
// SIGINT/SIGTERM. A bad scenario or a busy port prints one line on stderr and exits 2.

import { parseArgs } from 'node:util';
import { StandInConfigError } from './errors';
import { startKubeStandIn } from './standin';
import type { Family } from './types';

const USAGE =
  'usage: cli.ts --scenario FILE [--port N] --kubeconfig-out PATH [--user NAME] [--auth token|cert|cert-files|none] [--namespace NS] [--context NAME] [--minor N] [--discovery aggregated|legacy] [--groups legacy,ack]';

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        scenario: { type: 'string' },
        port: { type: 'string' },
        'kubeconfig-out': { type: 'string' },
        user: { type: 'string' },
        auth: { type: 'string' },
        namespace: { type: 'string' },
        context: { type: 'string' },
        minor: { type: 'string' },
        discovery: { type: 'string' },
        groups: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const out = values['kubeconfig-out'] as string | undefined;
  if (!out) fail(`--kubeconfig-out is required\n${USAGE}`);
  const int = (name: string): number | undefined => {
    const v = values[name] as string | undefined;
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v)) fail(`--${name}: expected a whole number, got ${JSON.stringify(v)}`);
    return Number(v);
  };
  const auth = (values.auth as string | undefined) ?? 'token';
  if (!['token', 'cert', 'cert-files', 'none'].includes(auth)) fail(`--auth: expected token, cert, cert-files or none, got ${JSON.stringify(auth)}`);
  const discovery = values.discovery as string | undefined;
  if (discovery !== undefined && discovery !== 'aggregated' && discovery !== 'legacy') {
    fail(`--discovery: expected aggregated or legacy, got ${JSON.stringify(discovery)}`);
  }

  try {
    const opts: Parameters<typeof startKubeStandIn>[0] = {};
    if (values.scenario) opts.scenario = values.scenario as string;
    const port = int('port');
    if (port !== undefined) opts.port = port;
    const minor = int('minor');
    if (minor !== undefined) opts.minor = minor;
    if (discovery) opts.discovery = discovery as 'aggregated' | 'legacy';
    if (values.groups !== undefined) {
      opts.groups = String(values.groups)
        .split(',')
        .map((g) => g.trim())
        .filter((g) => g !== '') as Family[];
    }
    const standIn = await startKubeStandIn(opts);
    const user = (values.user as string | undefined) ?? 'kube-admin';
    if (values.user === undefined) standIn.addTokenUser(user, `kube-admin-${process.pid}-${Date.now()}`, ['system:masters']);
    const kc: Parameters<typeof standIn.writeKubeconfig>[1] = { user, auth: auth as 'token' | 'cert' | 'cert-files' | 'none' };
    if (values.namespace) kc.namespace = values.namespace as string;
    if (values.context) kc.context = values.context as string;
    standIn.writeKubeconfig(out, kc);
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      void standIn.close().then(() => process.exit(0));
    };
    // Handlers first: whoever reads the line below may signal at once.
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    process.stdout.write(`Kubernetes stand-in listening on ${standIn.url}\n`);
  } catch (e) {
    if (e instanceof StandInConfigError) fail(e.message);
    throw e;
  }
}

void main().catch((e: unknown) => fail(`kube stand-in: ${e instanceof Error ? e.message : String(e)}`, 1));
