import { Command, Option } from 'commander';
import { checkTimerDuration, parseDurationMs, parseTimeMs } from '../core/duration';
import { UsageError } from '../core/errors';
import type { ConnectionFlags } from '../kube/kubeconfig';
import { parseKind } from '../kube/kinds';
import { JOB_TYPE_NOUN } from '../sagemaker/job';
import { DEFAULT_RATES, parseRates, type Rates } from '../logs/budget';
import { OUTPUT_FORMATS, type OutputFormat } from '../render/log-line';
import { TIMESTAMP_FORMATS, type TimeZoneChoice, type TimestampFormat } from '../render/time-format';
import { BARE_TAIL } from './argv';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** kubectl's connection flags, plus AWS's; every verb that talks to a cluster or AWS has them. */
export function addConnectionOptions(cmd: Command): Command {
  return cmd
    .option('--kubeconfig <path>', 'path to the kubeconfig file (instead of KUBECONFIG or ~/.kube/config)')
    .option('--context <name>', 'the kubeconfig context to use')
    .option('--cluster <name>', 'the kubeconfig cluster to use')
    .option('--user <name>', 'the kubeconfig user to use')
    .option('-n, --namespace <namespace>', "namespace of the resource (default: the context's, then default)")
    .option('-s, --server <url>', 'address of the Kubernetes API server')
    .option('--token <token>', 'bearer token for the API server')
    .option('--certificate-authority <path>', 'CA certificate file for the API server')
    .option('--client-certificate <path>', 'client certificate file for TLS')
    .option('--client-key <path>', 'client key file for TLS')
    .option('--insecure-skip-tls-verify', "don't verify the API server's certificate")
    .option('--tls-server-name <name>', 'server name to verify the API server certificate against')
    .option('--request-timeout <duration>', 'timeout of each Kubernetes request, e.g. 10s (0 = none)', '0')
    .option('--as <user>', 'impersonate this user')
    .option('--as-group <group>', 'impersonate this group (repeatable)', collect)
    .option('--as-uid <uid>', 'impersonate this UID')
    .addOption(new Option('--username <name>', 'basic-auth user name').hideHelp())
    .addOption(new Option('--password <password>', 'basic-auth password').hideHelp())
    .addOption(new Option('--cache-dir <dir>', 'accepted for kubectl compatibility; discovery is kept in memory').hideHelp())
    .option('--region <region>', 'AWS Region when the resource names none (default: AWS_REGION)')
    .option('--profile <profile>', 'AWS profile for credentials (default: the AWS credential chain)')
    .option('-v, --verbose', 'debug trace on stderr (connection, each Kubernetes and AWS call; secrets redacted) and the causes of errors; kubectl\'s -v=N is accepted too');
}

export interface RawConnectionOpts {
  kubeconfig?: string;
  context?: string;
  cluster?: string;
  user?: string;
  namespace?: string;
  server?: string;
  token?: string;
  certificateAuthority?: string;
  clientCertificate?: string;
  clientKey?: string;
  insecureSkipTlsVerify?: boolean;
  tlsServerName?: string;
  requestTimeout?: string;
  as?: string;
  asGroup?: string[];
  asUid?: string;
  username?: string;
  password?: string;
  region?: string;
  profile?: string;
  verbose?: boolean | string;
}

export function connectionFlags(o: RawConnectionOpts): ConnectionFlags {
  const timeout = o.requestTimeout !== undefined ? checkTimerDuration(parseDurationMs(o.requestTimeout, '--request-timeout'), o.requestTimeout, '--request-timeout') : 0;
  return {
    ...(o.kubeconfig ? { kubeconfig: o.kubeconfig } : {}),
    ...(o.context ? { context: o.context } : {}),
    ...(o.cluster ? { cluster: o.cluster } : {}),
    ...(o.user ? { user: o.user } : {}),
    ...(o.namespace ? { namespace: o.namespace } : {}),
    ...(o.server ? { server: o.server } : {}),
    ...(o.token ? { token: o.token } : {}),
    ...(o.certificateAuthority ? { certificateAuthority: o.certificateAuthority } : {}),
    ...(o.clientCertificate ? { clientCertificate: o.clientCertificate } : {}),
    ...(o.clientKey ? { clientKey: o.clientKey } : {}),
    ...(o.insecureSkipTlsVerify ? { insecureSkipTlsVerify: true } : {}),
    ...(o.tlsServerName ? { tlsServerName: o.tlsServerName } : {}),
    ...(timeout > 0 ? { requestTimeoutMs: timeout } : {}),
    ...(o.as ? { as: o.as } : {}),
    ...(o.asGroup?.length ? { asGroups: o.asGroup } : {}),
    ...(o.asUid ? { asUid: o.asUid } : {}),
    ...(o.username ? { username: o.username } : {}),
    ...(o.password ? { password: o.password } : {}),
  };
}

/** Options that shape how log lines look; `logs` and `wait --logs` share them. */
export function addLogDisplayOptions(cmd: Command): Command {
  return cmd
    .option('--instance <name>', 'only these hosts, e.g. algo-1 (repeatable)', collect)
    .option('-p, --logSearchPrefix <prefix>', 'only streams whose name after "<job>/" starts with this (the archived plugin\'s flag)', collect)
    .option('-i, --include <regex>', 'only lines matching this regular expression (repeatable)', collect)
    .option('-e, --exclude <regex>', 'drop lines matching this regular expression (repeatable)', collect)
    .option('--filter-pattern <pattern>', 'CloudWatch filter pattern, applied by the service')
    .option('--timestamps [format]', 'prefix lines with the event time: rfc3339 (default), short or epoch')
    .option('--timezone <zone>', 'time zone of timestamps: utc (default) or local')
    .option('-o, --output <format>', 'default, raw, json or legacy', 'default')
    .option('--no-prefix', 'drop the host prefix')
    .option('--hide-log-stream-name', 'same as --no-prefix (the archived plugin\'s flag)')
    .option('--color <when>', 'auto, always or never (NO_COLOR and non-terminals mean never under auto)', 'auto')
    .option('--best', 'tuning jobs: only the best training job')
    .addOption(new Option('--api-rate <rates>', `CloudWatch calls per second: N, or Operation=N,... (default ${Object.entries(DEFAULT_RATES).map(([k, v]) => `${k}=${v}`).join(',')})`));
}

export interface RawDisplayOpts {
  instance?: string[];
  logSearchPrefix?: string[];
  include?: string[];
  exclude?: string[];
  filterPattern?: string;
  timestamps?: string | boolean;
  timezone?: string;
  output?: string;
  prefix?: boolean;
  hideLogStreamName?: boolean;
  color?: string;
  best?: boolean;
  apiRate?: string;
}

export type ColorChoice = 'auto' | 'always' | 'never';

export interface DisplayOptions {
  readonly instances: readonly string[];
  readonly rawPrefixes: readonly string[];
  readonly include: readonly RegExp[];
  readonly exclude: readonly RegExp[];
  readonly pattern?: string;
  readonly timestamps?: TimestampFormat;
  readonly timezone: TimeZoneChoice;
  readonly timezoneGiven: boolean;
  readonly format: OutputFormat;
  readonly prefix: boolean;
  readonly color: ColorChoice;
  readonly best: boolean;
  readonly rates: Rates;
}

function regexes(list: readonly string[] | undefined, flag: string): RegExp[] {
  return (list ?? []).map((r) => {
    try {
      return new RegExp(r);
    } catch (e) {
      throw new UsageError(`invalid regular expression "${r}" for ${flag}: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`);
    }
  });
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`invalid value "${value}" for ${flag}: use one of ${allowed.join(', ')}`);
}

export function displayOptions(o: RawDisplayOpts): DisplayOptions {
  const ts = o.timestamps === undefined || o.timestamps === false ? undefined : o.timestamps === true ? 'rfc3339' : oneOf(o.timestamps, TIMESTAMP_FORMATS, '--timestamps');
  const rates = o.apiRate !== undefined ? parseRates(o.apiRate) : DEFAULT_RATES;
  if (typeof rates === 'string') throw new UsageError(`invalid value "${o.apiRate}" for --api-rate: ${rates}`);
  if (o.filterPattern !== undefined && o.filterPattern.length > 1024) throw new UsageError('--filter-pattern is longer than the 1024 characters CloudWatch accepts');
  return {
    instances: o.instance ?? [],
    rawPrefixes: o.logSearchPrefix ?? [],
    include: regexes(o.include, '--include'),
    exclude: regexes(o.exclude, '--exclude'),
    ...(o.filterPattern !== undefined && o.filterPattern !== '' ? { pattern: o.filterPattern } : {}),
    ...(ts ? { timestamps: ts } : {}),
    timezone: o.timezone !== undefined ? oneOf(o.timezone, ['utc', 'local'] as const, '--timezone') : 'utc',
    timezoneGiven: o.timezone !== undefined,
    format: oneOf(o.output ?? 'default', OUTPUT_FORMATS, '--output'),
    prefix: o.prefix !== false && !o.hideLogStreamName,
    color: oneOf(o.color ?? 'auto', ['auto', 'always', 'never'] as const, '--color'),
    best: o.best === true,
    rates,
  };
}

export interface TailChoice {
  /** Last N per stream; undefined = all. */
  readonly lines?: number;
  /** Bare --tail: follow too. */
  readonly follow: boolean;
}

export function parseTail(value: string | undefined): TailChoice {
  if (value === undefined) return { follow: false };
  if (value === BARE_TAIL) return { lines: 10, follow: true };
  if (!/^-?\d+$/.test(value)) throw new UsageError(`invalid value "${value}" for --tail: expected a number of lines (-1 for all)`);
  const n = Number(value);
  if (n < -1) throw new UsageError(`invalid value "${value}" for --tail: expected -1 (all) or a number of lines ≥ 0`);
  return n === -1 ? { follow: false } : { lines: n, follow: false };
}

export function optionalDuration(value: string | undefined, flag: string): number | undefined {
  return value === undefined ? undefined : parseDurationMs(value, flag);
}

export function optionalTime(value: string | undefined, flag: string): number | undefined {
  return value === undefined ? undefined : parseTimeMs(value, flag);
}

/**
 * A window that ends before it starts matches nothing: that is a typo (swapped times, a --since
 * too short), not an empty result, so it is refused instead of printing nothing with exit 0.
 */
export function checkTimeWindow(o: { since?: string; sinceTime?: string; untilTime?: string }, w: { sinceMs: number | undefined; sinceTime: number | undefined; untilTime: number | undefined }, now: number): void {
  if (w.untilTime === undefined) return;
  if (w.sinceTime !== undefined && w.untilTime < w.sinceTime) {
    throw new UsageError(`empty time window: --until-time ${o.untilTime} is before --since-time ${o.sinceTime}; give an --until-time after the --since-time`);
  }
  if (w.sinceMs !== undefined && w.untilTime < now - w.sinceMs) {
    throw new UsageError(`empty time window: --until-time ${o.untilTime} is more than ${o.since} ago, before --since ${o.since} begins; give a later --until-time or a longer --since`);
  }
}

/** --best picks among a tuning job's training jobs; on any other kind it would be silently ignored. */
export function checkBest(kind: string): void {
  const { jobType } = parseKind(kind);
  if (jobType !== 'tuning') throw new UsageError(`--best only applies to tuning jobs (${kind} names ${JOB_TYPE_NOUN[jobType]}s): drop it, or name a tuning job, e.g. hpo NAME`);
}
