// Message templates for generated log events: "{placeholder}" fields filled per event from its index,
// compiled once into a list of parts so rendering a 10,000-event page stays cheap.

import { hashString, mix, unit } from './rng';

export interface TemplateContext {
  job: string;
  /** "algo-1" for training/processing, the instance id for transform/endpoint. */
  host: string;
  instance: number;
  /** Events in this generator (per instance and window). */
  count: number;
  /** Steps per epoch for {epoch}/{step}. */
  steps: number;
  /** Seed for the per-event noise. */
  seed: number;
}

export type Render = (i: number, ts: number) => string;

export const PLACEHOLDERS = [
  'i', 'n', 'count', 'host', 'instance', 'job', 'epoch', 'step', 'steps', 'loss', 'vloss', 'acc', 'iso', 'ts', 'hex', 'bytes', 'latency',
] as const;

/** Named message lists; an event uses entry `i % length`. */
export const PRESETS: Readonly<Record<string, readonly string[]>> = {
  training: ['[epoch {epoch}] step {step}/{steps} loss={loss}'],
  xgboost: ['[{i}]#011train-rmse:{loss}#011validation-rmse:{vloss}'],
  pytorch: ['{iso} {host} INFO     Train Epoch: {epoch} [{step}/{steps}] loss={loss} acc={acc}'],
  startup: [
    'bash: cannot set terminal process group (-1): Inappropriate ioctl for device',
    'bash: no job control in this shell',
    '{iso} sagemaker-training-toolkit INFO     Imported framework sagemaker_pytorch_container.training',
    '{iso} sagemaker-training-toolkit INFO     No Neurons detected (normal if no neurons installed)',
    '{iso} sagemaker-training-toolkit INFO     Invoking user script',
    'Invoking script with the following command:',
    '/opt/conda/bin/python3.10 train.py --epochs 10 --batch-size 64',
  ],
  processing: ['Processing batch {n}/{count} on {host}'],
  transform: ['{iso} 169.254.255.130 - - "POST /invocations HTTP/1.1" 200 {bytes} "-" "Go-http-client/1.1"'],
  'data-log': ['{"requestId":"{hex}","host":"{host}","status":200,"latencyMs":{latency}}'],
  endpoint: [
    '169.254.178.2 - - "GET /ping HTTP/1.1" 200 0 "-" "AHC/2.0"',
    '169.254.178.2 - - "POST /invocations HTTP/1.1" 200 {bytes} "-" "AHC/2.0"',
  ],
};

type Part = string | ((i: number, ts: number) => string);

function lossAt(ctx: TemplateContext, i: number, salt: number): number {
  const p = ctx.count > 1 ? i / (ctx.count - 1) : 0;
  const noise = (unit(ctx.seed ^ salt, i) - 0.5) * 0.04;
  return Math.max(0.0001, 2.3 * Math.exp(-3 * p) + 0.05 + noise);
}

function field(name: string, ctx: TemplateContext): Part {
  switch (name) {
    case 'i':
      return (i) => String(i);
    case 'n':
      return (i) => String(i + 1);
    case 'count':
      return String(ctx.count);
    case 'host':
      return ctx.host;
    case 'instance':
      return String(ctx.instance);
    case 'job':
      return ctx.job;
    case 'steps':
      return String(ctx.steps);
    case 'epoch':
      return (i) => String(Math.floor(i / ctx.steps) + 1);
    case 'step':
      return (i) => String((i % ctx.steps) + 1);
    case 'loss':
      return (i) => lossAt(ctx, i, 0).toFixed(4);
    case 'vloss':
      return (i) => (lossAt(ctx, i, 0) * 1.08 + unit(ctx.seed ^ 0x51, i) * 0.01).toFixed(4);
    case 'acc':
      return (i) => Math.min(0.9999, Math.max(0, 1 - lossAt(ctx, i, 0) / 2.4)).toFixed(4);
    case 'iso':
      return (_i, ts) => new Date(ts).toISOString();
    case 'ts':
      return (_i, ts) => String(ts);
    case 'hex':
      return (i) => mix(ctx.seed, i).toString(16).padStart(8, '0');
    case 'bytes':
      return (i) => String(100 + (mix(ctx.seed ^ 0xb7, i) % 9000));
    case 'latency':
      return (i) => String(5 + (mix(ctx.seed ^ 0x1a7, i) % 400));
    default:
      throw new Error(`unknown placeholder {${name}} (known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`);
  }
}

/**
 * Compiles one template. `{name}` (lower-case letters) must be a known placeholder, else it throws an
 * Error naming it; `{{` and `}}` are literal braces; other braces (JSON) are kept as they are.
 */
export function compileTemplate(template: string, ctx: TemplateContext): Render {
  const parts: Part[] = [];
  let lit = '';
  const re = /\{\{|\}\}|\{([a-z]+)\}/g;
  let last = 0;
  for (const m of template.matchAll(re)) {
    lit += template.slice(last, m.index);
    last = m.index! + m[0].length;
    if (m[0] === '{{') lit += '{';
    else if (m[0] === '}}') lit += '}';
    else if ((PLACEHOLDERS as readonly string[]).includes(m[1]!)) {
      if (lit) parts.push(lit);
      lit = '';
      parts.push(field(m[1]!, ctx));
    } else {
      field(m[1]!, ctx); // throws: unknown placeholder (write {{ and }} for literal braces)
    }
  }
  lit += template.slice(last);
  if (lit) parts.push(lit);
  if (parts.length === 1 && typeof parts[0] === 'string') {
    const s = parts[0];
    return () => s;
  }
  return (i, ts) => {
    let s = '';
    for (const p of parts) s += typeof p === 'string' ? p : p(i, ts);
    return s;
  };
}

/** Compiles a cycling list of templates (entry `i % length`). */
export function compileMessages(templates: readonly string[], ctx: TemplateContext): Render {
  const renders = templates.map((t) => compileTemplate(t, ctx));
  if (renders.length === 1) return renders[0]!;
  const n = renders.length;
  return (i, ts) => renders[i % n]!(i, ts);
}

export function seedFor(...parts: (string | number)[]): number {
  return hashString(parts.join('\u0000'));
}
