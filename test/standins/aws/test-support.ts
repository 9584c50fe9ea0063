// Test support: build the models from a scenario without a server, and call the Logs/SageMaker
// operations directly (no HTTP), so internals tests stay fast and deterministic.

import { ManualClock } from './clock';
import { ApiError } from './errors';
import { defaultFaults, type FaultSettings, type PageFault } from './faults';
import { LogsApi } from './logs-api';
import { LogsModel } from './logs-model';
import { SageMakerApi } from './sagemaker-api';
import { SageMakerModel } from './sagemaker-model';
import { applyPlan, planScenario } from './scenario';
import type { AwsScenario } from './scenario-types';
import { TokenRegistry } from './tokens';

export const T0 = Date.parse('2026-08-20T10:00:00.000Z');

export interface Models {
  clock: ManualClock;
  sm: SageMakerModel;
  logs: LogsModel;
  faults: FaultSettings;
  load(s: AwsScenario, source?: string): void;
  /** Calls a Logs operation at the clock's time; returns the response or throws ApiError. */
  logsOp(op: string, body: Record<string, unknown>, pageFault?: PageFault, randomInt?: (n: number) => number): any;
  smOp(op: string, body: Record<string, unknown>): any;
}

export function models(scenario?: AwsScenario, clock = new ManualClock(T0)): Models {
  const sm = new SageMakerModel(clock);
  const logs = new LogsModel(clock);
  const tokens = new TokenRegistry();
  const logsApi = new LogsApi(logs, tokens);
  const smApi = new SageMakerApi(sm, tokens);
  const m: Models = {
    clock,
    sm,
    logs,
    faults: defaultFaults(),
    load(s, source = 'scenario') {
      const plan = planScenario(s, {
        source,
        now: clock.now(),
        defaults: { region: sm.region, accountId: sm.accountId, ingestionDelayMs: logs.ingestionDelayMs, stopDelayMs: sm.stopDelayMs },
        baseFaults: m.faults,
        exists: (kind, name) => sm.has(kind, name),
      });
      applyPlan(plan, sm, logs);
      if (plan.faults) m.faults = plan.faults;
      if (plan.ingestionDelayMs !== undefined) logs.ingestionDelayMs = plan.ingestionDelayMs;
      if (plan.stopDelayMs !== undefined) sm.stopDelayMs = plan.stopDelayMs;
    },
    logsOp(op, body, pageFault, randomInt = (n) => Math.floor(n / 2)) {
      return logsApi.handle(op, body, { now: clock.now(), pageFault, faults: m.faults, randomInt });
    },
    smOp(op, body) {
      return smApi.handle(op, body, clock.now());
    },
  };
  if (scenario) m.load(scenario);
  return m;
}

/** The ApiError a call throws (fails the test if it does not throw one). */
export function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError, but the call succeeded');
}

/** Seconds on the SageMaker wire for T0 + offset ms. */
export function wire(offsetMs: number): number {
  return (T0 + offsetMs) / 1000;
}
