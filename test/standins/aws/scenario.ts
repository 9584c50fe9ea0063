// Loading a scenario: parse (YAML/JSON file or object), validate with field paths, normalise into job
// definitions and log-stream registrations, then apply. Nothing is applied unless the whole scenario is
// valid, so a bad file never leaves a half-loaded stand-in.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { StandInConfigError } from './errors';
import { explicitSegment, type Segment } from './event-store';
import { FAULT_KEYS, mergeFaults, type FaultSettings } from './faults';
import { GeneratorSegment } from './generators';
import type { LogsModel, StreamOwner } from './logs-model';
import { Reader } from './reader';
import { hexOf, unit } from './rng';
import {
  applyStop, BATCH_STATUSES, DEFAULT_STATUS_MESSAGES, effectiveTimeline, ENDPOINT_STATUSES, logCutoff, SECONDARY_STATUSES,
  statusAt, TRAINING_STATUSES, TUNING_STATUSES, type EndpointDef, type JobDef, type JobKind, type ProcessingDef,
  type SageMakerModel, type TimelinePoint, type TrainingDef, type TransformDef, type TuningDef,
} from './sagemaker-model';
import type { AwsScenario } from './scenario-types';
import { compileMessages, PRESETS, seedFor } from './templates';

const HOUR = 3_600_000;
const MAX_EVENTS = 50_000_000;

export const DEFAULT_FAILURE_REASONS = {
  Starting: 'CapacityError: Unable to provision requested ML compute capacity. Please retry using a different ML instance type.',
  Downloading: 'ClientError: Data download failed:Could not download s3://sagemaker-data/train/part-00000.csv: insufficient disk space',
  Training:
    'AlgorithmError: ExecuteUserScriptError:\nExitCode 1\nErrorMessage "RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB"\nCommand "/opt/conda/bin/python3.10 train.py --epochs 10", exit code: 1',
  Uploading: 'InternalServerError: We encountered an internal error. Please try again.',
  transform: 'ClientError: See job logs for more information',
  processing: 'AlgorithmError: See job logs for more information',
  endpoint:
    'The primary container for production variant AllTraffic did not pass the ping health check. Please check CloudWatch logs for this endpoint.',
  tuning: 'All training jobs failed. Please check the failure reasons of the training jobs.',
} as const;

export interface StandInDefaults {
  region: string;
  accountId: string;
  ingestionDelayMs: number;
  stopDelayMs: number;
}

/** Everything a valid scenario adds, ready to apply. */
export interface ScenarioPlan {
  source: string;
  anchor: number;
  region?: string;
  accountId?: string;
  ingestionDelayMs?: number;
  stopDelayMs?: number;
  faults?: FaultSettings;
  /** Access key id → account (STS GetCallerIdentity, AccessDenied messages). */
  callerAccounts?: Record<string, string>;
  groups: { name: string; createdAt?: number }[];
  jobs: JobDef[];
  /** Log registrations, run in order after the jobs are added. */
  logs: ((logs: LogsModel) => void)[];
  eventCount: number;
}

/** Reads a scenario file (YAML or JSON). Errors name the file and, for syntax errors, line and column. */
export function readScenarioFile(file: string): { data: unknown; source: string } {
  const source = path.basename(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new StandInConfigError(
      `${file}: cannot read scenario file${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}`,
      { source: file },
    );
  }
  return { data: parseScenarioText(text, source), source };
}

export function parseScenarioText(text: string, source: string): unknown {
  if (/\.json$/i.test(source)) {
    try {
      const data: unknown = JSON.parse(text);
      if (data === null || data === undefined) throw new StandInConfigError(`${source}: the scenario is empty`, { source });
      return data;
    } catch (e) {
      if (e instanceof StandInConfigError) throw e;
      const msg = (e as Error).message;
      const pos = /position (\d+)/.exec(msg);
      let where = '';
      if (pos) {
        const before = text.slice(0, Number(pos[1]));
        const line = before.split('\n').length;
        const col = Number(pos[1]) - before.lastIndexOf('\n');
        where = ` at line ${line}, column ${col}`;
      }
      throw new StandInConfigError(`${source}: invalid JSON${where}: ${msg.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '')}`, { source });
    }
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = e.linePos?.[0];
    const msg = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new StandInConfigError(`${source}: invalid YAML${pos ? ` at line ${pos.line}, column ${pos.col}` : ''}: ${msg}`, { source });
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) throw new StandInConfigError(`${source}: the scenario is empty`, { source });
  return data;
}

const TOP_KEYS = ['start', 'region', 'accountId', 'callerAccounts', 'ingestionDelay', 'stopDelay', 'faults', 'logGroups', 'jobs', 'streams'] as const;

/** Validates and normalises a scenario. Throws one StandInConfigError naming the source and field path. */
export function planScenario(
  input: unknown,
  opts: { source: string; now: number; defaults: StandInDefaults; baseFaults: FaultSettings; exists: (kind: JobKind, name: string) => boolean },
): ScenarioPlan {
  const r = new Reader(opts.source, opts.now);
  const top = r.obj(input, '', TOP_KEYS);
  if (top.start !== undefined) {
    const s = top.start;
    const t = s instanceof Date ? s.getTime() : typeof s === 'string' ? Date.parse(s) : NaN;
    if (!Number.isFinite(t) || (typeof s === 'string' && !/^\d{4}-\d{2}-\d{2}/.test(s))) {
      r.fail('start', `must be an RFC 3339 time such as "2026-08-20T10:00:00Z", ${r.got(s)}`);
    }
    r.anchor = t;
  }
  const plan: ScenarioPlan = { source: opts.source, anchor: r.anchor, groups: [], jobs: [], logs: [], eventCount: 0 };
  if (top.region !== undefined) plan.region = r.str(top.region, 'region');
  if (top.accountId !== undefined) {
    plan.accountId = typeof top.accountId === 'number' ? String(top.accountId).padStart(12, '0') : r.str(top.accountId, 'accountId');
    if (!/^\d{12}$/.test(plan.accountId)) r.fail('accountId', `must be 12 digits, ${r.got(top.accountId)}`);
  }
  if (top.callerAccounts !== undefined) {
    const map = r.strMap(top.callerAccounts, 'callerAccounts');
    for (const [key, account] of Object.entries(map)) {
      if (!/^[A-Z0-9]{16,128}$/.test(key)) r.fail(`callerAccounts.${key}`, 'keys are access key ids (16-128 upper-case letters and digits)');
      if (!/^\d{12}$/.test(account)) r.fail(`callerAccounts.${key}`, `must be a 12-digit account, ${r.got(account)}`);
    }
    plan.callerAccounts = map;
  }
  plan.ingestionDelayMs = r.optDur(top.ingestionDelay, 'ingestionDelay');
  plan.stopDelayMs = r.optDur(top.stopDelay, 'stopDelay');
  if (top.faults !== undefined) {
    plan.faults = mergeFaults(opts.baseFaults, top.faults, (p, problem) => r.fail(p, problem));
  }
  const ctx: Ctx = {
    r,
    region: plan.region ?? opts.defaults.region,
    accountId: plan.accountId ?? opts.defaults.accountId,
    ingestionDelayMs: plan.ingestionDelayMs ?? opts.defaults.ingestionDelayMs,
    stopDelayMs: plan.stopDelayMs ?? opts.defaults.stopDelayMs,
    plan,
    names: new Map(),
    exists: opts.exists,
  };
  if (top.logGroups !== undefined) {
    r.list(top.logGroups, 'logGroups').forEach((g, i) => {
      const p = `logGroups[${i}]`;
      const o = r.obj(g, p, ['name', 'createdAt']);
      const name = logGroupName(r, o.name, `${p}.name`);
      plan.groups.push({ name, createdAt: o.createdAt === undefined ? r.anchor - 30 * 24 * HOUR : r.time(o.createdAt, `${p}.createdAt`) });
    });
  }
  if (top.jobs !== undefined) {
    r.list(top.jobs, 'jobs').forEach((j, i) => addJob(ctx, j, `jobs[${i}]`));
  }
  if (top.streams !== undefined) {
    r.list(top.streams, 'streams').forEach((s, i) => rawStream(ctx, s, `streams[${i}]`));
  }
  if (plan.eventCount > MAX_EVENTS) r.fail('', `the scenario generates ${plan.eventCount} events; the stand-in holds at most ${MAX_EVENTS}`);
  return plan;
}

/** Applies a plan (after planScenario validated it). */
export function applyPlan(plan: ScenarioPlan, sm: SageMakerModel, logs: LogsModel): void {
  if (plan.region) sm.region = logs.region = plan.region;
  if (plan.accountId) sm.accountId = logs.accountId = plan.accountId;
  for (const g of plan.groups) logs.createLogGroup(g.name, { createdAt: g.createdAt });
  for (const j of plan.jobs) sm.add(j);
  for (const f of plan.logs) f(logs);
}

// ---- internals -------------------------------------------------------------------------------------

interface Ctx {
  r: Reader;
  region: string;
  accountId: string;
  ingestionDelayMs: number;
  stopDelayMs: number;
  plan: ScenarioPlan;
  /** kind → name → path, for duplicate detection. */
  names: Map<string, string>;
  exists: (kind: JobKind, name: string) => boolean;
}

const KINDS: readonly JobKind[] = ['training', 'tuning', 'transform', 'processing', 'endpoint'];
const COMMON_KEYS = ['kind', 'name', 'stopDelay', 'stopAt', 'logs', 'tags'] as const;

function logGroupName(r: Reader, v: unknown, p: string): string {
  const s = r.str(v, p, { max: 512 });
  if (!/^[.\-_/#A-Za-z0-9]+$/.test(s)) r.fail(p, `log group names match [.\\-_/#A-Za-z0-9]+, ${r.got(s)}`);
  return s;
}

function arn(ctx: Ctx, type: string, name: string): string {
  return `arn:aws:sagemaker:${ctx.region}:${ctx.accountId}:${type}/${name.toLowerCase()}`;
}

function claimName(ctx: Ctx, kind: JobKind, name: string, p: string): void {
  const key = `${kind}/${name}`;
  const prev = ctx.names.get(key);
  if (prev) ctx.r.fail(p, `duplicate ${kind} job name "${name}" (also at ${prev})`);
  if (ctx.exists(kind, name)) ctx.r.fail(p, `a ${kind} job named "${name}" is already loaded`);
  ctx.names.set(key, p);
}

function addJob(ctx: Ctx, spec: unknown, p: string): void {
  const r: Reader = ctx.r;
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) r.fail(p, `must be a mapping with a kind, ${r.got(spec)}`);
  const kind = r.oneOf((spec as Record<string, unknown>).kind, `${p}.kind`, KINDS);
  switch (kind) {
    case 'training':
      return trainingJob(ctx, spec, p);
    case 'tuning':
      return tuningJob(ctx, spec, p);
    case 'transform':
    case 'processing':
      return batchJob(ctx, kind, spec, p);
    case 'endpoint':
      return endpointJob(ctx, spec, p);
  }
}

function owner(def: JobDef): StreamOwner {
  return { logCutoff: () => logCutoff(def) };
}

// ---- timelines -------------------------------------------------------------------------------------

function readTimeline(
  ctx: Ctx,
  v: unknown,
  p: string,
  kind: JobKind,
): TimelinePoint[] {
  const r: Reader = ctx.r;
  const list = r.list(v, p);
  if (list.length === 0) r.fail(p, 'must have at least one entry (the creation)');
  const statuses: readonly string[] =
    kind === 'training' ? TRAINING_STATUSES : kind === 'tuning' ? TUNING_STATUSES : kind === 'endpoint' ? ENDPOINT_STATUSES : BATCH_STATUSES;
  const out: TimelinePoint[] = [];
  list.forEach((e, i) => {
    const ep = `${p}[${i}]`;
    const keys = kind === 'training' ? ['at', 'status', 'secondary', 'message', 'failureReason'] : kind === 'processing' ? ['at', 'status', 'failureReason', 'exitMessage'] : ['at', 'status', 'failureReason'];
    const o = r.obj(e, ep, keys);
    const at = r.time(o.at, `${ep}.at`);
    const status = r.oneOf(o.status, `${ep}.status`, statuses);
    const point: TimelinePoint = { at, status };
    if (kind === 'training') {
      const implied: Record<string, string> = { Completed: 'Completed', Failed: 'Failed', Stopped: 'Stopped', Stopping: 'Stopping' };
      const sec = o.secondary === undefined ? implied[status] : r.oneOf(o.secondary, `${ep}.secondary`, SECONDARY_STATUSES);
      if (!sec) r.fail(`${ep}.secondary`, `is required for status ${status} (one of ${SECONDARY_STATUSES.join(', ')})`);
      const allowed: Record<string, string[]> = {
        Completed: ['Completed'],
        Failed: ['Failed'],
        Stopped: ['Stopped', 'MaxRuntimeExceeded', 'MaxWaitTimeExceeded'],
        Stopping: ['Stopping'],
      };
      if (allowed[status] && !allowed[status]!.includes(sec)) {
        r.fail(`${ep}.secondary`, `status ${status} goes with secondary ${allowed[status]!.join(' or ')}, got ${JSON.stringify(sec)}`);
      }
      if (!allowed[status] && ['Completed', 'Failed', 'Stopped', 'MaxRuntimeExceeded', 'MaxWaitTimeExceeded', 'Stopping'].includes(sec)) {
        r.fail(`${ep}.secondary`, `secondary ${sec} needs a matching status, got status ${status}`);
      }
      point.secondary = sec;
      point.message = o.message === undefined ? DEFAULT_STATUS_MESSAGES[sec] : r.str(o.message, `${ep}.message`);
    }
    if (o.failureReason !== undefined) point.failureReason = r.str(o.failureReason, `${ep}.failureReason`);
    if (o.exitMessage !== undefined) point.exitMessage = r.str(o.exitMessage, `${ep}.exitMessage`);
    if (out.length && at < out[out.length - 1]!.at) r.fail(`${ep}.at`, 'timeline entries must be in time order');
    out.push(point);
  });
  return out;
}

const LIFECYCLE_KEYS = ['at', 'starting', 'downloading', 'training', 'uploading', 'outcome', 'failIn', 'failureReason', 'restarts'] as const;
const TRAINING_OUTCOMES = ['Completed', 'Failed', 'Stopped', 'MaxRuntimeExceeded', 'InProgress'] as const;

/** Builds a training timeline from phase durations. Returns the points and a scripted stop time, if any. */
function trainingLifecycle(
  ctx: Ctx,
  v: unknown,
  p: string,
  opts: { at?: number; outcome?: (typeof TRAINING_OUTCOMES)[number]; maxRuntimeMs?: number; stopDelayMs: number },
): { points: TimelinePoint[]; stopAt?: number } {
  const r: Reader = ctx.r;
  const o = v === undefined ? {} : r.obj(v, p, LIFECYCLE_KEYS);
  const at0 = opts.at ?? (o.at === undefined ? r.anchor : r.time(o.at, `${p}.at`));
  const starting = o.starting === undefined ? 60_000 : r.dur(o.starting, `${p}.starting`);
  const downloading = o.downloading === undefined ? 30_000 : r.dur(o.downloading, `${p}.downloading`);
  const training = o.training === undefined ? 300_000 : r.dur(o.training, `${p}.training`);
  const uploading = o.uploading === undefined ? 15_000 : r.dur(o.uploading, `${p}.uploading`);
  const outcome = opts.outcome ?? (o.outcome === undefined ? 'Completed' : r.oneOf(o.outcome, `${p}.outcome`, TRAINING_OUTCOMES));
  const failIn = o.failIn === undefined ? 'Training' : r.oneOf(o.failIn, `${p}.failIn`, ['Starting', 'Downloading', 'Training', 'Uploading'] as const);
  const failureReason = o.failureReason === undefined ? undefined : r.str(o.failureReason, `${p}.failureReason`);
  if (failureReason !== undefined && outcome !== 'Failed') r.fail(`${p}.failureReason`, `only applies when outcome is Failed (outcome is ${outcome})`);
  const restarts = (o.restarts === undefined ? [] : r.list(o.restarts, `${p}.restarts`)).map((x, i) => {
    const rp = `${p}.restarts[${i}]`;
    const ro = r.obj(x, rp, ['after', 'downtime', 'reason']);
    return {
      after: r.dur(ro.after, `${rp}.after`),
      downtime: ro.downtime === undefined ? 90_000 : r.dur(ro.downtime, `${rp}.downtime`),
      reason: ro.reason === undefined ? 'Interrupted' : r.oneOf(ro.reason, `${rp}.reason`, ['Interrupted', 'Restarting'] as const),
    };
  });
  restarts.sort((a, b) => a.after - b.after);
  for (const [i, x] of restarts.entries()) {
    if (x.after >= training) r.fail(`${p}.restarts[${i}].after`, `must be less than the training duration (${training / 1000}s)`);
  }

  const pts: TimelinePoint[] = [];
  const push = (at: number, status: string, secondary: string, message?: string, failureReason?: string) =>
    pts.push({ at, status, secondary, message: message ?? DEFAULT_STATUS_MESSAGES[secondary], failureReason });
  const fail = (at: number, phase: keyof typeof DEFAULT_FAILURE_REASONS) =>
    push(at, 'Failed', 'Failed', undefined, failureReason ?? DEFAULT_FAILURE_REASONS[phase]);

  let t = at0;
  push(t, 'InProgress', 'Starting', 'Launching requested ML instances');
  if (starting >= 2) push(t + Math.floor(starting / 2), 'InProgress', 'Starting', 'Preparing the instances for training');
  t += starting;
  if (outcome === 'Failed' && failIn === 'Starting') {
    fail(t, 'Starting');
    return { points: pts };
  }
  const trainingStart = t;
  push(t, 'InProgress', 'Downloading');
  t += downloading;
  if (outcome === 'Failed' && failIn === 'Downloading') {
    fail(t, 'Downloading');
    return { points: pts };
  }
  push(t, 'InProgress', 'Training');
  let elapsed = 0;
  for (const x of restarts) {
    t += x.after - elapsed;
    elapsed = x.after;
    push(t, 'InProgress', x.reason);
    push(t + Math.floor(x.downtime / 2), 'InProgress', 'Starting', 'Preparing the instances for training');
    t += x.downtime;
    push(t, 'InProgress', 'Training');
  }
  t += training - elapsed;
  switch (outcome) {
    case 'InProgress':
      return { points: pts };
    case 'Failed':
      if (failIn === 'Training') {
        fail(t, 'Training');
        return { points: pts };
      }
      push(t, 'InProgress', 'Uploading');
      fail(t + uploading, 'Uploading');
      return { points: pts };
    case 'Completed':
      push(t, 'InProgress', 'Uploading');
      push(t + uploading, 'Completed', 'Completed');
      return { points: pts };
    case 'Stopped':
      return { points: pts, stopAt: t };
    case 'MaxRuntimeExceeded': {
      const limit = opts.maxRuntimeMs !== undefined ? Math.min(trainingStart + opts.maxRuntimeMs, t) : t;
      const kept = pts.filter((x) => x.at <= limit);
      kept.push({ at: limit, status: 'Stopping', secondary: 'Stopping', message: 'Stopping the training job because it exceeded its maximum runtime' });
      kept.push({ at: limit + opts.stopDelayMs, status: 'Stopped', secondary: 'MaxRuntimeExceeded', message: DEFAULT_STATUS_MESSAGES.MaxRuntimeExceeded });
      return { points: kept };
    }
  }
}

// ---- training --------------------------------------------------------------------------------------

const TRAINING_KEYS = [
  ...COMMON_KEYS, 'instanceType', 'instanceCount', 'instanceGroups', 'volumeSizeInGB', 'maxRuntime', 'spot', 'keepAlive',
  'hyperParameters', 'image', 'roleArn', 'outputPath', 'inputs', 'metrics', 'metricDefinitions', 'debugRules', 'maxRetryAttempts',
  'lifecycle', 'timeline',
] as const;

function trainingJob(ctx: Ctx, spec: unknown, p: string): void {
  const r: Reader = ctx.r;
  const o = r.obj(spec, p, TRAINING_KEYS);
  const name = r.jobName(o.name, `${p}.name`, 63, 'training job');
  claimName(ctx, 'training', name, `${p}.name`);
  const def = trainingDefBase(ctx, o, p, name);
  if (o.lifecycle !== undefined && o.timeline !== undefined) r.fail(`${p}.timeline`, 'give either lifecycle or timeline, not both');
  let stopAt: number | undefined;
  if (o.timeline !== undefined) def.timeline = readTimeline(ctx, o.timeline, `${p}.timeline`, 'training');
  else {
    const lc = trainingLifecycle(ctx, o.lifecycle, `${p}.lifecycle`, { maxRuntimeMs: def.maxRuntimeSeconds * 1000, stopDelayMs: def.stopDelayMs });
    def.timeline = lc.points;
    stopAt = lc.stopAt;
  }
  def.creationTime = def.timeline[0]!.at;
  scriptedStop(ctx, def, o.stopAt, stopAt, p);
  ctx.plan.jobs.push(def);
  planJobLogs(ctx, def, o.logs, `${p}.logs`);
}

function scriptedStop(ctx: Ctx, def: JobDef, v: unknown, implied: number | undefined, p: string): void {
  const r: Reader = ctx.r;
  if (v !== undefined && implied !== undefined) r.fail(`${p}.stopAt`, 'conflicts with lifecycle.outcome Stopped (which stops at the end of training)');
  const at = v !== undefined ? r.time(v, `${p}.stopAt`) : implied;
  if (at === undefined) return;
  const status = statusAt(def, at);
  if (status !== 'InProgress') r.fail(`${p}.stopAt`, `the job must be InProgress at the stop time, but it is ${status ?? 'not created yet'}`);
  applyStop(def, at);
}

function trainingDefBase(ctx: Ctx, o: Record<string, unknown>, p: string, name: string): TrainingDef {
  const r: Reader = ctx.r;
  let instanceGroups: TrainingDef['instanceGroups'];
  let instanceCount = o.instanceCount === undefined ? 1 : r.num(o.instanceCount, `${p}.instanceCount`, { int: true, min: 1, max: 1000 });
  if (o.instanceGroups !== undefined) {
    if (o.instanceCount !== undefined) r.fail(`${p}.instanceGroups`, 'give either instanceCount or instanceGroups, not both');
    instanceGroups = r.list(o.instanceGroups, `${p}.instanceGroups`).map((g, i) => {
      const gp = `${p}.instanceGroups[${i}]`;
      const go = r.obj(g, gp, ['name', 'instanceType', 'instanceCount']);
      return {
        InstanceGroupName: r.str(go.name, `${gp}.name`),
        InstanceType: r.str(go.instanceType, `${gp}.instanceType`),
        InstanceCount: r.num(go.instanceCount, `${gp}.instanceCount`, { int: true, min: 1 }),
      };
    });
    if (instanceGroups.length === 0) r.fail(`${p}.instanceGroups`, 'must not be empty');
    instanceCount = instanceGroups.reduce((a, g) => a + g.InstanceCount, 0);
  }
  let spotSavings: number | undefined;
  let maxWaitSeconds: number | undefined;
  const maxRuntimeSeconds = o.maxRuntime === undefined ? 86400 : Math.floor(r.dur(o.maxRuntime, `${p}.maxRuntime`, { min: 1000 }) / 1000);
  if (o.spot !== undefined && o.spot !== false) {
    if (o.spot === true) spotSavings = 0.6;
    else {
      const so = r.obj(o.spot, `${p}.spot`, ['savings', 'maxWait']);
      spotSavings = so.savings === undefined ? 0.6 : r.num(so.savings, `${p}.spot.savings`, { min: 0, max: 0.99 });
      if (so.maxWait !== undefined) maxWaitSeconds = Math.floor(r.dur(so.maxWait, `${p}.spot.maxWait`) / 1000);
    }
    maxWaitSeconds ??= maxRuntimeSeconds * 2;
    if (maxWaitSeconds < maxRuntimeSeconds) r.fail(`${p}.spot.maxWait`, 'must be at least maxRuntime');
  }
  const metrics: TrainingDef['metrics'] = [];
  if (o.metrics !== undefined) {
    if (Array.isArray(o.metrics)) {
      o.metrics.forEach((m, i) => {
        const mp = `${p}.metrics[${i}]`;
        const mo = r.obj(m, mp, ['name', 'value', 'at']);
        metrics.push({ name: r.str(mo.name, `${mp}.name`), value: r.num(mo.value, `${mp}.value`), at: r.optTime(mo.at, `${mp}.at`) });
      });
    } else {
      if (typeof o.metrics !== 'object' || o.metrics === null) r.fail(`${p}.metrics`, `must be a list of {name, value, at} or a name → value mapping, ${r.got(o.metrics)}`);
      for (const [k, v] of Object.entries(o.metrics as Record<string, unknown>)) metrics.push({ name: k, value: r.num(v, `${p}.metrics.${k}`) });
    }
  }
  const inputs = o.inputs === undefined ? { train: `s3://sagemaker-${ctx.region}-${ctx.accountId}/data/train` } : r.strMap(o.inputs, `${p}.inputs`);
  return {
    kind: 'training',
    name,
    arn: arn(ctx, 'training-job', name),
    creationTime: 0,
    timeline: [],
    stopDelayMs: o.stopDelay === undefined ? ctx.stopDelayMs : r.dur(o.stopDelay, `${p}.stopDelay`),
    tags: o.tags === undefined ? undefined : r.strMap(o.tags, `${p}.tags`),
    instanceType: o.instanceType === undefined ? 'ml.m5.xlarge' : r.str(o.instanceType, `${p}.instanceType`),
    instanceCount,
    instanceGroups,
    volumeSizeInGB: o.volumeSizeInGB === undefined ? 30 : r.num(o.volumeSizeInGB, `${p}.volumeSizeInGB`, { int: true, min: 1 }),
    maxRuntimeSeconds,
    maxWaitSeconds,
    spotSavings,
    keepAliveSeconds: o.keepAlive === undefined ? undefined : Math.floor(r.dur(o.keepAlive, `${p}.keepAlive`) / 1000),
    hyperParameters: o.hyperParameters === undefined ? { epochs: '10', batch_size: '64' } : r.strMap(o.hyperParameters, `${p}.hyperParameters`),
    image:
      o.image === undefined
        ? `763104351884.dkr.ecr.${ctx.region}.amazonaws.com/pytorch-training:2.3.0-gpu-py311-cu121-ubuntu20.04-sagemaker`
        : r.str(o.image, `${p}.image`),
    roleArn: o.roleArn === undefined ? `arn:aws:iam::${ctx.accountId}:role/SageMakerExecutionRole` : r.str(o.roleArn, `${p}.roleArn`),
    inputs: Object.entries(inputs).map(([channel, uri]) => ({ channel, uri })),
    outputPath: o.outputPath === undefined ? `s3://sagemaker-${ctx.region}-${ctx.accountId}/output` : r.str(o.outputPath, `${p}.outputPath`),
    metrics,
    metricDefinitions:
      o.metricDefinitions === undefined
        ? []
        : r.list(o.metricDefinitions, `${p}.metricDefinitions`).map((m, i) => {
            const mp = `${p}.metricDefinitions[${i}]`;
            const mo = r.obj(m, mp, ['name', 'regex']);
            return { Name: r.str(mo.name, `${mp}.name`), Regex: r.str(mo.regex, `${mp}.regex`) };
          }),
    debugRules:
      o.debugRules === undefined
        ? []
        : r.list(o.debugRules, `${p}.debugRules`).map((x, i) => {
            const dp = `${p}.debugRules[${i}]`;
            const d = r.obj(x, dp, ['name', 'status', 'at', 'processingJob']);
            return {
              name: r.str(d.name, `${dp}.name`),
              status: d.status === undefined ? 'NoIssuesFound' : r.oneOf(d.status, `${dp}.status`, ['InProgress', 'NoIssuesFound', 'IssuesFound', 'Error', 'Stopping', 'Stopped'] as const),
              at: r.optTime(d.at, `${dp}.at`),
              processingJob: d.processingJob === undefined ? undefined : r.jobName(d.processingJob, `${dp}.processingJob`, 63, 'processing job'),
            };
          }),
    retryStrategy:
      o.maxRetryAttempts === undefined ? undefined : { MaximumRetryAttempts: r.num(o.maxRetryAttempts, `${p}.maxRetryAttempts`, { int: true, min: 1, max: 30 }) },
  };
}

// ---- tuning ----------------------------------------------------------------------------------------

const TUNING_KEYS = [
  ...COMMON_KEYS, 'at', 'strategy', 'objective', 'maxJobs', 'maxParallel', 'ranges', 'children', 'outcome', 'failureReason', 'finalize', 'timeline',
] as const;
const CHILD_KEYS = ['count', 'lifecycle', 'outcomes', 'objectiveValues', 'retryable', 'gap', 'instanceType', 'instanceCount', 'image', 'logs'] as const;

function tuningJob(ctx: Ctx, spec: unknown, p: string): void {
  const r: Reader = ctx.r;
  const o = r.obj(spec, p, TUNING_KEYS);
  const name = r.jobName(o.name, `${p}.name`, 32, 'tuning job');
  claimName(ctx, 'tuning', name, `${p}.name`);
  if (o.logs !== undefined) r.fail(`${p}.logs`, 'a tuning job has no logs of its own; give children.logs for its training jobs');
  const at0 = o.at === undefined ? r.anchor : r.time(o.at, `${p}.at`);
  const obj = o.objective === undefined ? {} : r.obj(o.objective, `${p}.objective`, ['type', 'metric']);
  const objectiveType = obj.type === undefined ? 'Minimize' : r.oneOf(obj.type, `${p}.objective.type`, ['Maximize', 'Minimize'] as const);
  const objectiveMetric = obj.metric === undefined ? 'validation:rmse' : r.str(obj.metric, `${p}.objective.metric`);
  const co = o.children === undefined ? {} : r.obj(o.children, `${p}.children`, CHILD_KEYS);
  const maxJobs0 = r.optNum(o.maxJobs, `${p}.maxJobs`, { int: true, min: 1, max: 10000 });
  const count = co.count === undefined ? (maxJobs0 ?? 4) : r.num(co.count, `${p}.children.count`, { int: true, min: 0, max: 10000 });
  const maxJobs = maxJobs0 ?? Math.max(1, count);
  if (count > maxJobs) r.fail(`${p}.children.count`, `must not exceed maxJobs (${maxJobs})`);
  const maxParallel = o.maxParallel === undefined ? Math.min(2, Math.max(1, count)) : r.num(o.maxParallel, `${p}.maxParallel`, { int: true, min: 1, max: 100 });
  const ranges: Record<string, [number, number]> = {};
  if (o.ranges === undefined) {
    ranges.eta = [0.1, 0.5];
    ranges.max_depth = [3, 10];
  } else {
    if (typeof o.ranges !== 'object' || o.ranges === null || Array.isArray(o.ranges)) r.fail(`${p}.ranges`, 'must map parameter names to [min, max]');
    for (const [k, v] of Object.entries(o.ranges as Record<string, unknown>)) {
      const l = r.list(v, `${p}.ranges.${k}`);
      if (l.length !== 2) r.fail(`${p}.ranges.${k}`, 'must be [min, max]');
      const lo = r.num(l[0], `${p}.ranges.${k}[0]`);
      const hi = r.num(l[1], `${p}.ranges.${k}[1]`);
      if (hi < lo) r.fail(`${p}.ranges.${k}`, 'max must be >= min');
      ranges[k] = [lo, hi];
    }
  }
  const outcomes = co.outcomes === undefined ? [] : r.list(co.outcomes, `${p}.children.outcomes`).map((x, i) => r.oneOf(x, `${p}.children.outcomes[${i}]`, TRAINING_OUTCOMES));
  if (outcomes.length > count) r.fail(`${p}.children.outcomes`, `has ${outcomes.length} entries for ${count} children`);
  const values = co.objectiveValues === undefined ? [] : r.list(co.objectiveValues, `${p}.children.objectiveValues`).map((x, i) => r.num(x, `${p}.children.objectiveValues[${i}]`));
  if (values.length > count) r.fail(`${p}.children.objectiveValues`, `has ${values.length} entries for ${count} children`);
  const retryable = new Set(co.retryable === undefined ? [] : r.list(co.retryable, `${p}.children.retryable`).map((x, i) => r.num(x, `${p}.children.retryable[${i}]`, { int: true, min: 0, max: count - 1 })));
  const gap = co.gap === undefined ? 10_000 : r.dur(co.gap, `${p}.children.gap`);
  const stopDelayMs = o.stopDelay === undefined ? ctx.stopDelayMs : r.dur(o.stopDelay, `${p}.stopDelay`);
  const staticHp: Record<string, string> = { objective: 'reg:squarederror', num_round: '100', _tuning_objective_metric: objectiveMetric };
  const tpl = {
    instanceType: co.instanceType === undefined ? 'ml.m5.xlarge' : r.str(co.instanceType, `${p}.children.instanceType`),
    instanceCount: co.instanceCount === undefined ? 1 : r.num(co.instanceCount, `${p}.children.instanceCount`, { int: true, min: 1, max: 1000 }),
    volumeSizeInGB: 30,
    maxRuntimeSeconds: 86400,
    image: co.image === undefined ? `246618743249.dkr.ecr.${ctx.region}.amazonaws.com/sagemaker-xgboost:1.7-1` : r.str(co.image, `${p}.children.image`),
    roleArn: `arn:aws:iam::${ctx.accountId}:role/SageMakerExecutionRole`,
    outputPath: `s3://sagemaker-${ctx.region}-${ctx.accountId}/tuning/${name}`,
    staticHyperParameters: staticHp,
  };
  const def: TuningDef = {
    kind: 'tuning',
    name,
    arn: arn(ctx, 'hyper-parameter-tuning-job', name),
    creationTime: at0,
    timeline: [],
    stopDelayMs,
    tags: o.tags === undefined ? undefined : r.strMap(o.tags, `${p}.tags`),
    strategy: o.strategy === undefined ? 'Bayesian' : r.oneOf(o.strategy, `${p}.strategy`, ['Bayesian', 'Random', 'Hyperband', 'Grid'] as const),
    objectiveType,
    objectiveMetric,
    maxJobs,
    maxParallel,
    ranges,
    children: [],
    outcome: o.outcome === undefined ? 'Completed' : r.oneOf(o.outcome, `${p}.outcome`, ['Completed', 'Failed'] as const),
    failureReason: o.failureReason === undefined ? undefined : r.str(o.failureReason, `${p}.failureReason`),
    finalizeMs: o.finalize === undefined ? 5_000 : r.dur(o.finalize, `${p}.finalize`),
    explicitTimeline: o.timeline !== undefined,
    template: tpl,
  };
  if (def.outcome === 'Failed') def.failureReason ??= DEFAULT_FAILURE_REASONS.tuning;
  if (o.timeline !== undefined) {
    def.timeline = readTimeline(ctx, o.timeline, `${p}.timeline`, 'tuning');
    def.creationTime = def.timeline[0]!.at;
  }

  // Children: slots of maxParallel; a child starts `gap` after a slot frees.
  const slots: number[] = Array.from({ length: maxParallel }, () => def.creationTime + 5_000);
  for (let k = 0; k < count; k++) {
    let si = 0;
    for (let i = 1; i < slots.length; i++) if (slots[i]! < slots[si]!) si = i;
    const start = slots[si]!;
    const childName = `${name}-${String(k + 1).padStart(3, '0')}-${hexOf(`${name}/${k}`, 8)}`;
    const cp = `${p}.children`;
    const outcome = outcomes[k] ?? 'Completed';
    const child: TrainingDef = {
      ...trainingDefBase(ctx, { instanceType: tpl.instanceType, instanceCount: tpl.instanceCount, image: tpl.image }, cp, childName),
      hyperParameters: { ...staticHp },
      outputPath: tpl.outputPath,
      tuningJobName: name,
      tuningJobArn: def.arn,
      objectiveMetric,
      retryable: retryable.has(k),
      stopDelayMs,
    };
    const tuned: Record<string, string> = {};
    for (const [pn, [lo, hi]] of Object.entries(ranges)) {
      const u = unit(seedFor(childName, pn), k);
      tuned[pn] = Number.isInteger(lo) && Number.isInteger(hi) ? String(lo + Math.floor(u * (hi - lo + 1))) : String(Number((lo + u * (hi - lo)).toPrecision(6)));
    }
    child.tuned = tuned;
    if (Number.isFinite(start)) {
      const lc = trainingLifecycle(ctx, co.lifecycle, `${cp}.lifecycle`, { at: start, outcome, maxRuntimeMs: child.maxRuntimeSeconds * 1000, stopDelayMs });
      child.timeline = lc.points;
      child.creationTime = start;
      if (lc.stopAt !== undefined) applyStop(child, lc.stopAt);
    } else {
      child.timeline = [{ at: Infinity, status: 'InProgress', secondary: 'Starting' }];
      child.creationTime = Infinity;
    }
    if (outcome === 'Completed' || outcome === 'Stopped' || outcome === 'MaxRuntimeExceeded') {
      const value =
        values[k] ??
        Number((objectiveType === 'Minimize' ? 0.1 + 0.4 * unit(seedFor(childName), 7) : 0.6 + 0.35 * unit(seedFor(childName), 7)).toFixed(5));
      if (outcome === 'Completed') child.metrics = [{ name: objectiveMetric, value }, { name: 'train:rmse', value: Number((value * 0.9).toFixed(5)) }];
    }
    claimName(ctx, 'training', childName, `${cp} (child ${k + 1})`);
    def.children.push(child);
    const tl = effectiveTimeline(child);
    const last = tl[tl.length - 1]!;
    const ended = ['Completed', 'Failed', 'Stopped'].includes(last.status);
    slots[si] = ended ? last.at + gap : Infinity;
  }
  scriptedStop(ctx, def, o.stopAt, undefined, p);
  ctx.plan.jobs.push(def);
  for (const c of def.children) if (Number.isFinite(c.creationTime)) planJobLogs(ctx, c, co.logs, `${p}.children.logs`);
}

// ---- transform / processing ------------------------------------------------------------------------

const BATCH_COMMON = [...COMMON_KEYS, 'lifecycle', 'timeline', 'startedAt', 'instanceType', 'instanceCount'] as const;
const TRANSFORM_KEYS = [...BATCH_COMMON, 'modelName', 'input', 'output', 'contentType', 'splitType', 'batchStrategy', 'maxPayloadInMB', 'maxConcurrentTransforms'] as const;
const PROCESSING_KEYS = [...BATCH_COMMON, 'volumeSizeInGB', 'maxRuntime', 'image', 'entrypoint', 'arguments', 'roleArn', 'trainingJob', 'inputs', 'outputs'] as const;

function batchJob(ctx: Ctx, kind: 'transform' | 'processing', spec: unknown, p: string): void {
  const r: Reader = ctx.r;
  const o = r.obj(spec, p, kind === 'transform' ? TRANSFORM_KEYS : PROCESSING_KEYS);
  const name = r.jobName(o.name, `${p}.name`, 63, `${kind} job`);
  claimName(ctx, kind, name, `${p}.name`);
  if (o.lifecycle !== undefined && o.timeline !== undefined) r.fail(`${p}.timeline`, 'give either lifecycle or timeline, not both');
  let timeline: TimelinePoint[];
  let startedAt: number | undefined;
  let stopAt: number | undefined;
  if (o.timeline !== undefined) {
    timeline = readTimeline(ctx, o.timeline, `${p}.timeline`, kind);
    startedAt = o.startedAt === undefined ? timeline[0]!.at : r.time(o.startedAt, `${p}.startedAt`);
  } else {
    if (o.startedAt !== undefined) r.fail(`${p}.startedAt`, 'only with an explicit timeline (the lifecycle computes it)');
    const lp = `${p}.lifecycle`;
    const lo = o.lifecycle === undefined ? {} : r.obj(o.lifecycle, lp, ['at', 'starting', 'running', 'outcome', 'failureReason', 'exitMessage']);
    const at0 = lo.at === undefined ? r.anchor : r.time(lo.at, `${lp}.at`);
    const starting = lo.starting === undefined ? (kind === 'transform' ? 180_000 : 120_000) : r.dur(lo.starting, `${lp}.starting`);
    const running = lo.running === undefined ? 300_000 : r.dur(lo.running, `${lp}.running`);
    const outcome = lo.outcome === undefined ? 'Completed' : r.oneOf(lo.outcome, `${lp}.outcome`, ['Completed', 'Failed', 'Stopped', 'InProgress'] as const);
    if (lo.failureReason !== undefined && outcome !== 'Failed') r.fail(`${lp}.failureReason`, `only applies when outcome is Failed (outcome is ${outcome})`);
    if (lo.exitMessage !== undefined && kind !== 'processing') r.fail(`${lp}.exitMessage`, 'only processing jobs have an exit message');
    timeline = [{ at: at0, status: 'InProgress' }];
    startedAt = at0 + starting;
    const end = startedAt + running;
    if (outcome === 'Completed') timeline.push({ at: end, status: 'Completed', exitMessage: lo.exitMessage === undefined ? undefined : r.str(lo.exitMessage, `${lp}.exitMessage`) });
    else if (outcome === 'Failed') {
      timeline.push({
        at: end,
        status: 'Failed',
        failureReason: lo.failureReason === undefined ? DEFAULT_FAILURE_REASONS[kind] : r.str(lo.failureReason, `${lp}.failureReason`),
        exitMessage:
          kind === 'processing'
            ? lo.exitMessage === undefined
              ? 'Traceback (most recent call last):\n  File "/opt/ml/processing/input/code/preprocess.py", line 42, in <module>\n    main()\nValueError: could not convert string to float: \'n/a\''
              : r.str(lo.exitMessage, `${lp}.exitMessage`)
            : undefined,
      });
    } else if (outcome === 'Stopped') stopAt = end;
  }
  const common = {
    name,
    arn: arn(ctx, kind === 'transform' ? 'transform-job' : 'processing-job', name),
    creationTime: timeline[0]!.at,
    timeline,
    startedAt,
    stopDelayMs: o.stopDelay === undefined ? ctx.stopDelayMs : r.dur(o.stopDelay, `${p}.stopDelay`),
    tags: o.tags === undefined ? undefined : r.strMap(o.tags, `${p}.tags`),
    instanceType: o.instanceType === undefined ? (kind === 'transform' ? 'ml.m5.large' : 'ml.m5.xlarge') : r.str(o.instanceType, `${p}.instanceType`),
    instanceCount: o.instanceCount === undefined ? 1 : r.num(o.instanceCount, `${p}.instanceCount`, { int: true, min: 1, max: 1000 }),
  };
  const bucket = `s3://sagemaker-${ctx.region}-${ctx.accountId}`;
  let def: TransformDef | ProcessingDef;
  if (kind === 'transform') {
    def = {
      kind,
      ...common,
      modelName: o.modelName === undefined ? `${name.slice(0, 50)}-model` : r.str(o.modelName, `${p}.modelName`),
      inputUri: o.input === undefined ? `${bucket}/batch-input/${name}` : r.str(o.input, `${p}.input`),
      outputPath: o.output === undefined ? `${bucket}/batch-output/${name}` : r.str(o.output, `${p}.output`),
      contentType: o.contentType === undefined ? 'text/csv' : r.str(o.contentType, `${p}.contentType`),
      splitType: o.splitType === undefined ? 'Line' : r.oneOf(o.splitType, `${p}.splitType`, ['None', 'Line', 'RecordIO', 'TFRecord'] as const),
      batchStrategy: o.batchStrategy === undefined ? 'MultiRecord' : r.oneOf(o.batchStrategy, `${p}.batchStrategy`, ['MultiRecord', 'SingleRecord'] as const),
      maxPayloadInMB: o.maxPayloadInMB === undefined ? 6 : r.num(o.maxPayloadInMB, `${p}.maxPayloadInMB`, { int: true, min: 0, max: 100 }),
      maxConcurrentTransforms: o.maxConcurrentTransforms === undefined ? 1 : r.num(o.maxConcurrentTransforms, `${p}.maxConcurrentTransforms`, { int: true, min: 0 }),
    };
  } else {
    const inputs = o.inputs === undefined ? { input: `${bucket}/processing/input` } : r.strMap(o.inputs, `${p}.inputs`);
    const outputs = o.outputs === undefined ? { output: `${bucket}/processing/output/${name}` } : r.strMap(o.outputs, `${p}.outputs`);
    const trainingJob = o.trainingJob === undefined ? undefined : r.jobName(o.trainingJob, `${p}.trainingJob`, 63, 'training job');
    def = {
      kind,
      ...common,
      volumeSizeInGB: o.volumeSizeInGB === undefined ? 30 : r.num(o.volumeSizeInGB, `${p}.volumeSizeInGB`, { int: true, min: 1 }),
      maxRuntimeSeconds: o.maxRuntime === undefined ? 86400 : Math.floor(r.dur(o.maxRuntime, `${p}.maxRuntime`, { min: 1000 }) / 1000),
      image: o.image === undefined ? `683313688378.dkr.ecr.${ctx.region}.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3` : r.str(o.image, `${p}.image`),
      entrypoint: o.entrypoint === undefined ? ['python3', '/opt/ml/processing/input/code/preprocess.py'] : r.strList(o.entrypoint, `${p}.entrypoint`),
      arguments: o.arguments === undefined ? undefined : r.strList(o.arguments, `${p}.arguments`),
      roleArn: o.roleArn === undefined ? `arn:aws:iam::${ctx.accountId}:role/SageMakerExecutionRole` : r.str(o.roleArn, `${p}.roleArn`),
      trainingJobArn: trainingJob ? arn(ctx, 'training-job', trainingJob) : undefined,
      inputs: Object.entries(inputs).map(([n, uri]) => ({ name: n, uri })),
      outputs: Object.entries(outputs).map(([n, uri]) => ({ name: n, uri })),
    };
  }
  scriptedStop(ctx, def, o.stopAt, stopAt, p);
  ctx.plan.jobs.push(def);
  planJobLogs(ctx, def, o.logs, `${p}.logs`);
}

// ---- endpoint --------------------------------------------------------------------------------------

const ENDPOINT_KEYS = ['kind', 'name', 'stopDelay', 'logs', 'tags', 'configName', 'variants', 'lifecycle', 'timeline'] as const;

function endpointJob(ctx: Ctx, spec: unknown, p: string): void {
  const r: Reader = ctx.r;
  const o = r.obj(spec, p, ENDPOINT_KEYS);
  const name = r.jobName(o.name, `${p}.name`, 63, 'endpoint');
  claimName(ctx, 'endpoint', name, `${p}.name`);
  if (o.lifecycle !== undefined && o.timeline !== undefined) r.fail(`${p}.timeline`, 'give either lifecycle or timeline, not both');
  let timeline: TimelinePoint[];
  if (o.timeline !== undefined) timeline = readTimeline(ctx, o.timeline, `${p}.timeline`, 'endpoint');
  else {
    const lp = `${p}.lifecycle`;
    const lo = o.lifecycle === undefined ? {} : r.obj(o.lifecycle, lp, ['at', 'creating', 'outcome', 'failureReason']);
    const at0 = lo.at === undefined ? r.anchor : r.time(lo.at, `${lp}.at`);
    const creating = lo.creating === undefined ? 480_000 : r.dur(lo.creating, `${lp}.creating`);
    const outcome = lo.outcome === undefined ? 'InService' : r.oneOf(lo.outcome, `${lp}.outcome`, ['InService', 'Failed'] as const);
    if (lo.failureReason !== undefined && outcome !== 'Failed') r.fail(`${lp}.failureReason`, 'only applies when outcome is Failed');
    timeline = [
      { at: at0, status: 'Creating' },
      outcome === 'InService'
        ? { at: at0 + creating, status: 'InService' }
        : { at: at0 + creating, status: 'Failed', failureReason: lo.failureReason === undefined ? DEFAULT_FAILURE_REASONS.endpoint : r.str(lo.failureReason, `${lp}.failureReason`) },
    ];
  }
  const variants =
    o.variants === undefined
      ? [{}]
      : r.list(o.variants, `${p}.variants`).map((v, i) => r.obj(v, `${p}.variants[${i}]`, ['name', 'instanceType', 'instanceCount', 'image', 'weight']));
  if (variants.length === 0) r.fail(`${p}.variants`, 'must not be empty');
  const def: EndpointDef = {
    kind: 'endpoint',
    name,
    arn: arn(ctx, 'endpoint', name),
    creationTime: timeline[0]!.at,
    timeline,
    stopDelayMs: 0,
    tags: o.tags === undefined ? undefined : r.strMap(o.tags, `${p}.tags`),
    configName: o.configName === undefined ? `${name.slice(0, 56)}-config` : r.str(o.configName, `${p}.configName`),
    variants: variants.map((v, i) => {
      const vp = `${p}.variants[${i}]`;
      return {
        name: v.name === undefined ? (i === 0 ? 'AllTraffic' : `Variant${i + 1}`) : r.str(v.name, `${vp}.name`),
        instanceType: v.instanceType === undefined ? 'ml.m5.large' : r.str(v.instanceType, `${vp}.instanceType`),
        instanceCount: v.instanceCount === undefined ? 1 : r.num(v.instanceCount, `${vp}.instanceCount`, { int: true, min: 1, max: 1000 }),
        image: v.image === undefined ? `763104351884.dkr.ecr.${ctx.region}.amazonaws.com/pytorch-inference:2.3.0-cpu-py311` : r.str(v.image, `${vp}.image`),
        weight: v.weight === undefined ? 1 : r.num(v.weight, `${vp}.weight`, { min: 0 }),
      };
    }),
  };
  if (new Set(def.variants.map((v) => v.name)).size !== def.variants.length) r.fail(`${p}.variants`, 'variant names must be unique');
  ctx.plan.jobs.push(def);
  planJobLogs(ctx, def, o.logs, `${p}.logs`);
}

// ---- logs ------------------------------------------------------------------------------------------

interface Window {
  from: number;
  to: number;
  run: number;
}

const GROUP_OF: Record<Exclude<JobKind, 'tuning' | 'endpoint'>, string> = {
  training: '/aws/sagemaker/TrainingJobs',
  transform: '/aws/sagemaker/TransformJobs',
  processing: '/aws/sagemaker/ProcessingJobs',
};

export function logGroupOf(def: JobDef): string {
  if (def.kind === 'endpoint') return `/aws/sagemaker/Endpoints/${def.name}`;
  if (def.kind === 'tuning') return GROUP_OF.training;
  return GROUP_OF[def.kind];
}

export function instanceId(job: string, variant: string, index: number, run: number): string {
  return `i-0${hexOf(`${job}/${variant}/${index}/${run}`, 16)}`;
}

/** The run (restart) index of a training job at time t: Interrupted/Restarting transitions so far. */
function runAt(def: JobDef, t: number): number {
  if (def.kind !== 'training') return 0;
  let run = 0;
  let prev: string | undefined;
  for (const p of effectiveTimeline(def)) {
    if (p.at > t) break;
    const sec = p.secondary ?? p.status;
    if (sec !== prev && (sec === 'Interrupted' || sec === 'Restarting')) run++;
    prev = sec;
  }
  return run;
}

/** Windows of a job phase, from its scripted timeline (with any scripted stop). */
function phaseWindows(def: JobDef, phase: string): Window[] | undefined {
  const tl = effectiveTimeline(def);
  const end = tl[tl.length - 1]!;
  const terminal = ['Completed', 'Failed', 'Stopped'].includes(end.status);
  const close = (from: number, next: number | undefined) => next ?? (terminal ? from : from + HOUR);
  if (def.kind === 'training') {
    // Group consecutive points by secondary status; a run ends at Interrupted/Restarting.
    const groups: { sec: string; start: number; end?: number; run: number }[] = [];
    let run = 0;
    for (const p of tl) {
      const sec = p.secondary ?? p.status;
      const cur = groups[groups.length - 1];
      if (cur && cur.sec === sec) continue;
      if (cur) cur.end = p.at;
      if (sec === 'Interrupted' || sec === 'Restarting') run++;
      groups.push({ sec, start: p.at, run });
    }
    if (phase === 'all') {
      const byRun = new Map<number, Window>();
      for (const g of groups) {
        if (g.sec === 'Interrupted' || g.sec === 'Restarting') continue;
        const w = byRun.get(g.run);
        const to = close(g.start, g.end);
        if (w) w.to = Math.max(w.to, to);
        else byRun.set(g.run, { from: g.start, to, run: g.run });
      }
      return [...byRun.values()];
    }
    if (!(SECONDARY_STATUSES as readonly string[]).includes(phase)) return undefined;
    return groups.filter((g) => g.sec === phase).map((g) => ({ from: g.start, to: close(g.start, g.end), run: g.run }));
  }
  if (def.kind === 'transform' || def.kind === 'processing') {
    const last = terminal ? end.at : undefined;
    if (phase === 'Running') {
      if (def.startedAt === undefined || (last !== undefined && def.startedAt > last)) return [];
      return [{ from: def.startedAt, to: last ?? def.startedAt + HOUR, run: 0 }];
    }
    if (phase === 'all') return [{ from: def.creationTime, to: last ?? def.creationTime + HOUR, run: 0 }];
    return undefined;
  }
  if (def.kind === 'endpoint') {
    if (!(ENDPOINT_STATUSES as readonly string[]).includes(phase) && phase !== 'all') return undefined;
    if (phase === 'all') return [{ from: def.creationTime, to: def.creationTime + HOUR, run: 0 }];
    const out: Window[] = [];
    tl.forEach((p, i) => {
      if (p.status !== phase) return;
      const next = tl[i + 1]?.at;
      out.push({ from: p.at, to: next ?? (p.status === 'Failed' ? p.at : p.at + HOUR), run: 0 });
    });
    return out;
  }
  return undefined;
}

const GENERATOR_KEYS = [
  'from', 'to', 'phase', 'count', 'perSecond', 'template', 'messages', 'preset', 'steps', 'delay', 'jitter', 'batch', 'ingestAt',
  'instances', 'runs', 'stagger', 'suffix', 'variant',
] as const;
const RAW_GENERATOR_KEYS = ['from', 'to', 'count', 'perSecond', 'template', 'messages', 'preset', 'steps', 'delay', 'jitter', 'batch', 'ingestAt'] as const;

interface GenCommon {
  count?: number;
  perSecond?: number;
  templates: string[];
  steps: number;
  delay: number;
  jitter: number;
  batch: number;
  ingestAt?: number;
}

function readGenCommon(ctx: Ctx, o: Record<string, unknown>, p: string, defaultDelay: number, defaultPreset: string): GenCommon {
  const r: Reader = ctx.r;
  if ((o.count === undefined) === (o.perSecond === undefined)) r.fail(p, 'give exactly one of count or perSecond');
  const n = [o.template, o.messages, o.preset].filter((x) => x !== undefined).length;
  if (n > 1) r.fail(p, 'give at most one of template, messages or preset');
  let templates: string[];
  if (o.template !== undefined) templates = [r.str(o.template, `${p}.template`, { nonEmpty: false })];
  else if (o.messages !== undefined) {
    templates = r.strList(o.messages, `${p}.messages`);
    if (templates.length === 0) r.fail(`${p}.messages`, 'must not be empty');
  } else {
    const preset = o.preset === undefined ? defaultPreset : r.oneOf(o.preset, `${p}.preset`, Object.keys(PRESETS));
    templates = [...PRESETS[preset]!];
  }
  return {
    count: r.optNum(o.count, `${p}.count`, { int: true, min: 0 }),
    perSecond: r.optNum(o.perSecond, `${p}.perSecond`, { gt: 0 }),
    templates,
    steps: o.steps === undefined ? 500 : r.num(o.steps, `${p}.steps`, { int: true, min: 1 }),
    delay: o.delay === undefined ? defaultDelay : r.dur(o.delay, `${p}.delay`, {}),
    jitter: o.jitter === undefined ? 0 : r.dur(o.jitter, `${p}.jitter`),
    batch: o.batch === undefined ? 0 : r.dur(o.batch, `${p}.batch`),
    ingestAt: r.optTime(o.ingestAt, `${p}.ingestAt`),
  };
}

function genCount(g: GenCommon, from: number, to: number): number {
  if (g.count !== undefined) return g.count;
  return Math.max(0, Math.floor(((to - from) * g.perSecond!) / 1000));
}

interface PlannedItem {
  variant: string;
  index: number;
  run: number;
  suffix: string;
  count: number;
  minTs: number;
  make: (seqBase: number) => Segment;
}

interface RegisteredStream {
  group: string;
  name: string;
  createdAt?: number;
  items: { count: number; make: (seqBase: number) => Segment }[];
  owner?: StreamOwner;
}

function compile(ctx: Ctx, templates: string[], p: string, tctx: Parameters<typeof compileMessages>[1]) {
  try {
    return compileMessages(templates, tctx);
  } catch (e) {
    return ctx.r.fail(p, (e as Error).message);
  }
}

function readEvent(ctx: Ctx, o: Record<string, unknown>, ep: string, defaultDelay: number): { ts: number; ing: number; message: string } {
  const r: Reader = ctx.r;
  const ts = r.time(o.at, `${ep}.at`);
  if (ts < 0) r.fail(`${ep}.at`, 'must not be before 1970');
  if (o.ingestAt !== undefined && o.delay !== undefined) r.fail(ep, 'give at most one of ingestAt or delay');
  const ing = o.ingestAt !== undefined ? r.time(o.ingestAt, `${ep}.ingestAt`) : ts + (o.delay === undefined ? defaultDelay : r.dur(o.delay, `${ep}.delay`, {}));
  return { ts, ing, message: r.str(o.message, `${ep}.message`, { nonEmpty: false }) };
}

function eventList(ctx: Ctx, v: unknown, p: string, defaultDelay: number): { ts: number; ing: number; message: string }[] {
  const r: Reader = ctx.r;
  return r.list(v, p).map((e, i) => readEvent(ctx, r.obj(e, `${p}[${i}]`, ['at', 'message', 'ingestAt', 'delay']), `${p}[${i}]`, defaultDelay));
}

function planJobLogs(ctx: Ctx, def: JobDef, v: unknown, p: string): void {
  if (v === undefined) return;
  const r: Reader = ctx.r;
  const o = r.obj(v, p, ['ingestionDelay', 'generate', 'events', 'streams']);
  const delay = o.ingestionDelay === undefined ? ctx.ingestionDelayMs : r.dur(o.ingestionDelay, `${p}.ingestionDelay`, {});
  const group = logGroupOf(def);
  const own = owner(def);
  const kind = def.kind;
  // Instances as (variant, index): endpoints have per-variant instances.
  const instances: { variant: string; index: number }[] = [];
  if (def.kind === 'endpoint') for (const vr of def.variants) for (let i = 1; i <= vr.instanceCount; i++) instances.push({ variant: vr.name, index: i });
  else if (def.kind !== 'tuning') for (let i = 1; i <= def.instanceCount; i++) instances.push({ variant: '', index: i });
  const count = instances.length;
  const defaultPhase = kind === 'training' ? 'Training' : kind === 'endpoint' ? 'InService' : 'Running';
  const defaultPreset = kind === 'training' ? 'training' : kind === 'endpoint' ? 'endpoint' : kind;
  const host = (variant: string, index: number, run: number) =>
    kind === 'training' || kind === 'processing' ? `algo-${index}` : instanceId(def.name, variant, index, run);
  const items: PlannedItem[] = [];

  if (o.generate !== undefined) {
    r.list(o.generate, `${p}.generate`).forEach((g, gi) => {
      const gp = `${p}.generate[${gi}]`;
      const go = r.obj(g, gp, GENERATOR_KEYS);
      const gen = readGenCommon(ctx, go, gp, delay, go.suffix === 'data-log' ? 'data-log' : defaultPreset);
      let windows: Window[];
      if (go.from !== undefined || go.to !== undefined) {
        if (go.phase !== undefined) r.fail(gp, 'give either phase or from/to, not both');
        if (go.from === undefined) r.fail(`${gp}.from`, 'is required with to');
        const from = r.time(go.from, `${gp}.from`);
        const to = go.to === undefined ? (gen.count !== undefined ? from : r.fail(`${gp}.to`, 'is required with perSecond')) : r.time(go.to, `${gp}.to`);
        if (to < from) r.fail(`${gp}.to`, 'must not be before from');
        windows = [{ from, to, run: runAt(def, from) }];
      } else {
        const phase = go.phase === undefined ? defaultPhase : r.str(go.phase, `${gp}.phase`);
        const w = phaseWindows(def, phase);
        if (!w) {
          const known = kind === 'training' ? [...SECONDARY_STATUSES, 'all'] : kind === 'endpoint' ? [...ENDPOINT_STATUSES, 'all'] : ['Running', 'all'];
          r.fail(`${gp}.phase`, `unknown phase for a ${kind} job ${r.got(phase)} (known: ${known.join(', ')})`);
        }
        windows = w;
      }
      const only = go.instances === undefined ? undefined : new Set(r.list(go.instances, `${gp}.instances`).map((x, i) => r.num(x, `${gp}.instances[${i}]`, { int: true, min: 1, max: Math.max(1, count) })));
      const runs = go.runs === undefined ? undefined : new Set(r.list(go.runs, `${gp}.runs`).map((x, i) => r.num(x, `${gp}.runs[${i}]`, { int: true, min: 0 })));
      const stagger = go.stagger === undefined ? 0 : r.dur(go.stagger, `${gp}.stagger`);
      const suffix = go.suffix === undefined ? '' : r.str(go.suffix, `${gp}.suffix`);
      if (suffix && !/^[^:*]+$/.test(suffix)) r.fail(`${gp}.suffix`, 'must not contain : or *');
      if (suffix && kind === 'training') r.fail(`${gp}.suffix`, 'training streams have no suffix streams');
      const variant = go.variant === undefined ? undefined : r.str(go.variant, `${gp}.variant`);
      if (variant !== undefined) {
        if (def.kind !== 'endpoint') r.fail(`${gp}.variant`, 'only endpoints have variants');
        if (!def.variants.some((x) => x.name === variant)) r.fail(`${gp}.variant`, `no variant named ${JSON.stringify(variant)}`);
      }
      for (const inst of instances) {
        if (only && !only.has(inst.index)) continue;
        if (variant !== undefined && inst.variant !== variant) continue;
        for (const w of windows) {
          if (runs && !runs.has(w.run)) continue;
          const from = w.from + (inst.index - 1) * stagger;
          const to = w.to;
          if (to < from) continue;
          const n = genCount(gen, from, to);
          if (n <= 0) continue;
          const seed = seedFor(def.name, inst.variant, inst.index, w.run, gi, suffix);
          const render = compile(ctx, gen.templates, gp, {
            job: def.name,
            host: host(inst.variant, inst.index, w.run),
            instance: inst.index,
            count: n,
            steps: gen.steps,
            seed,
          });
          ctx.plan.eventCount += n;
          if (ctx.plan.eventCount > MAX_EVENTS) r.fail(gp, `generates more than ${MAX_EVENTS} events in total`);
          items.push({
            variant: inst.variant,
            index: inst.index,
            run: w.run,
            suffix,
            count: n,
            minTs: from,
            make: (seqBase) =>
              new GeneratorSegment({ from, to, count: n, delay: gen.delay, jitter: gen.jitter, batch: gen.batch, ingestAt: gen.ingestAt, seed, render, seqBase }),
          });
        }
      }
    });
  }

  if (o.events !== undefined) {
    const buckets = new Map<string, { variant: string; index: number; run: number; suffix: string; list: { ts: number; ing: number; message: string }[] }>();
    r.list(o.events, `${p}.events`).forEach((e, i) => {
      const ep = `${p}.events[${i}]`;
      const eo = r.obj(e, ep, ['at', 'message', 'ingestAt', 'delay', 'instance', 'run', 'suffix', 'variant']);
      const index = eo.instance === undefined ? 1 : r.num(eo.instance, `${ep}.instance`, { int: true, min: 1, max: Math.max(1, count) });
      const evAt = r.time(eo.at, `${ep}.at`);
      const run = eo.run === undefined ? runAt(def, evAt) : r.num(eo.run, `${ep}.run`, { int: true, min: 0 });
      const suffix = eo.suffix === undefined ? '' : r.str(eo.suffix, `${ep}.suffix`);
      let variant = '';
      if (def.kind === 'endpoint') {
        variant = eo.variant === undefined ? def.variants[0]!.name : r.str(eo.variant, `${ep}.variant`);
        const vr = def.variants.find((x) => x.name === variant);
        if (!vr) r.fail(`${ep}.variant`, `no variant named ${JSON.stringify(variant)}`);
        if (index > vr.instanceCount) r.fail(`${ep}.instance`, `variant ${variant} has ${vr.instanceCount} instance(s)`);
      } else if (eo.variant !== undefined) r.fail(`${ep}.variant`, 'only endpoints have variants');
      const ev = readEvent(ctx, eo, ep, delay);
      const key = `${variant}|${index}|${run}|${suffix}`;
      const b = buckets.get(key) ?? { variant, index, run, suffix, list: [] };
      b.list.push(ev);
      buckets.set(key, b);
    });
    for (const b of buckets.values()) {
      const list = b.list;
      ctx.plan.eventCount += list.length;
      items.push({
        variant: b.variant,
        index: b.index,
        run: b.run,
        suffix: b.suffix,
        count: list.length,
        minTs: Math.min(...list.map((x) => x.ts)),
        make: (seqBase) => explicitSegment(list, seqBase),
      });
    }
  }

  // Stream names: the epoch of an instance's run is the second of its first event.
  const epochs = new Map<string, number>();
  for (const it of items) {
    const k = `${it.variant}|${it.index}|${it.run}`;
    epochs.set(k, Math.min(epochs.get(k) ?? Infinity, it.minTs));
  }
  const streams = new Map<string, RegisteredStream>();
  for (const it of items) {
    const epoch = Math.floor(epochs.get(`${it.variant}|${it.index}|${it.run}`)! / 1000);
    let base: string;
    if (kind === 'training' || kind === 'processing') base = `${def.name}/algo-${it.index}-${epoch}`;
    else if (kind === 'transform') base = `${def.name}/${instanceId(def.name, '', it.index, it.run)}-${epoch}`;
    else base = `${it.variant}/${instanceId(def.name, it.variant, it.index, it.run)}`;
    const name = it.suffix ? `${base}/${it.suffix}` : base;
    const s = streams.get(name) ?? { group, name, items: [], owner: own };
    s.items.push({ count: it.count, make: it.make });
    streams.set(name, s);
  }

  if (o.streams !== undefined) {
    r.list(o.streams, `${p}.streams`).forEach((sv, i) => {
      const s = readStream(ctx, sv, `${p}.streams[${i}]`, group, delay, def);
      s.owner = own;
      const prev = streams.get(s.name);
      if (prev) prev.items.push(...s.items);
      else streams.set(s.name, s);
    });
  }
  for (const s of streams.values()) registerStream(ctx, s);
}

function readStream(ctx: Ctx, v: unknown, p: string, group: string, delay: number, def?: JobDef): RegisteredStream {
  const r: Reader = ctx.r;
  const o = r.obj(v, p, def ? ['name', 'createdAt', 'ingestionDelay', 'events', 'generate'] : ['group', 'name', 'createdAt', 'ingestionDelay', 'events', 'generate']);
  if (o.ingestionDelay !== undefined) delay = r.dur(o.ingestionDelay, `${p}.ingestionDelay`, {});
  const name = r.str(o.name, `${p}.name`, { max: 512 });
  if (!/^[^:*]*$/.test(name)) r.fail(`${p}.name`, `log stream names must not contain : or *, ${r.got(name)}`);
  const s: RegisteredStream = { group, name, items: [], createdAt: r.optTime(o.createdAt, `${p}.createdAt`) };
  if (o.events !== undefined) {
    const list = eventList(ctx, o.events, `${p}.events`, delay);
    ctx.plan.eventCount += list.length;
    if (list.length) s.items.push({ count: list.length, make: (seqBase) => explicitSegment(list, seqBase) });
  }
  if (o.generate !== undefined) {
    r.list(o.generate, `${p}.generate`).forEach((g, gi) => {
      const gp = `${p}.generate[${gi}]`;
      const go = r.obj(g, gp, def ? [...RAW_GENERATOR_KEYS, 'phase'] : RAW_GENERATOR_KEYS);
      const gen = readGenCommon(ctx, go, gp, delay, def?.kind === 'endpoint' ? 'endpoint' : 'training');
      let windows: Window[];
      if (go.phase !== undefined) {
        if (go.from !== undefined || go.to !== undefined) r.fail(gp, 'give either phase or from/to, not both');
        const w = def ? phaseWindows(def, r.str(go.phase, `${gp}.phase`)) : undefined;
        if (!w) r.fail(`${gp}.phase`, `unknown phase ${r.got(go.phase)}`);
        windows = w;
      } else {
        if (go.from === undefined) r.fail(`${gp}.from`, 'is required (a stream not tied to a job phase needs a window)');
        const from = r.time(go.from, `${gp}.from`);
        const to = go.to === undefined ? (gen.count !== undefined ? from : r.fail(`${gp}.to`, 'is required with perSecond')) : r.time(go.to, `${gp}.to`);
        if (to < from) r.fail(`${gp}.to`, 'must not be before from');
        windows = [{ from, to, run: 0 }];
      }
      for (const w of windows) {
        const n = genCount(gen, w.from, w.to);
        if (n <= 0) continue;
        const seed = seedFor(group, name, gi, w.run);
        const render = compile(ctx, gen.templates, gp, { job: def?.name ?? name.split('/')[0]!, host: 'algo-1', instance: 1, count: n, steps: gen.steps, seed });
        ctx.plan.eventCount += n;
        s.items.push({
          count: n,
          make: (seqBase) =>
            new GeneratorSegment({ from: w.from, to: w.to, count: n, delay: gen.delay, jitter: gen.jitter, batch: gen.batch, ingestAt: gen.ingestAt, seed, render, seqBase }),
        });
      }
    });
  }
  if (s.items.length === 0 && s.createdAt === undefined) r.fail(p, 'a stream without events needs createdAt');
  return s;
}

function rawStream(ctx: Ctx, v: unknown, p: string): void {
  const r: Reader = ctx.r;
  const o = r.obj(v, p, ['group', 'name', 'createdAt', 'ingestionDelay', 'events', 'generate']);
  registerStream(ctx, readStream(ctx, v, p, logGroupName(r, o.group, `${p}.group`), ctx.ingestionDelayMs));
}

function registerStream(ctx: Ctx, s: RegisteredStream): void {
  ctx.plan.logs.push((logs) => {
    const st = logs.createLogStream(s.group, s.name, { createdAt: s.createdAt, owner: s.owner });
    for (const it of s.items) {
      const seqBase = logs.allocSeq(it.count);
      st.store.add(it.make(seqBase));
    }
  });
}

/** Loads into the models; `source` names the scenario in errors (a file name or "scenario"). */
export function toScenarioInput(s: AwsScenario | string): { data: unknown; source: string } {
  if (typeof s === 'string') return readScenarioFile(s);
  return { data: s, source: 'scenario' };
}

export { FAULT_KEYS };
