import { formatDuration } from '../core/duration';
import { JOB_TYPE_NOUN } from '../sagemaker/job';
import type { JobDescription, KubernetesPart, SageMakerPart } from './describe-doc';
import type { Palette } from './palette';
import { neutralizeControls } from './sanitize';
import { renderTable, type Cell } from './table';

// `describe` for people: kubectl-describe-like sections of `Key:  value` lines, values aligned
// within a section, nested tables indented by two spaces. Built from the same document as
// -o json, so the two never disagree.

export interface TextOptions {
  readonly palette: Palette;
  /** For the duration of a status that is still going on. */
  readonly now: number;
  /** A terminal's width: long table cells are cut to fit. Undefined (a pipe) = never cut. */
  readonly maxWidth?: number;
  /** Streams and training jobs shown before "… N more". */
  readonly listLimit?: number;
}

type Pair = readonly [string, string | undefined | null];

const OPERATOR_NAME = { legacy: 'SageMaker Operators for Kubernetes', ack: 'ACK SageMaker controller' } as const;

/** Whole seconds are enough for people; -o json keeps the milliseconds. */
export function shortTime(isoText: string | null | undefined): string | undefined {
  return isoText ? isoText.replace(/\.\d+Z$/, 'Z') : undefined;
}

function title(t: SageMakerPart['type']): string {
  return JOB_TYPE_NOUN[t].replace(/(^|\s)\w/g, (c) => c.toUpperCase());
}

function statusPaint(p: Palette, outcome: string | null, phase: string): (s: string) => string {
  if (outcome === 'completed') return p.c.green;
  if (outcome === 'failed') return p.c.red;
  if (outcome === 'stopped' || phase === 'stopping') return p.c.yellow;
  return (s) => s;
}

/** `Key:  value` lines; the values line up; later lines of a value are indented under its first. */
function pairs(list: readonly Pair[], indent: string): string[] {
  const shown = list.filter(([, v]) => v !== undefined && v !== null && v !== '') as Array<readonly [string, string]>;
  const width = Math.max(0, ...shown.map(([k]) => k.length + 1)) + 2;
  const out: string[] = [];
  for (const [k, v] of shown) {
    const pad = indent + ' '.repeat(width);
    const [first, ...rest] = v.split('\n');
    out.push(`${indent}${`${k}:`.padEnd(width)}${first}`);
    for (const l of rest) out.push(`${pad}${l}`);
  }
  return out;
}

function table(headers: string[], rows: Cell[][], indent: string, o: TextOptions): string[] {
  const maxWidth = o.maxWidth !== undefined ? o.maxWidth - indent.length : undefined;
  return renderTable(headers, rows, maxWidth !== undefined ? { maxWidth } : {}).map((l) => indent + l);
}

function limited<T>(items: readonly T[], o: TextOptions): { shown: readonly T[]; more: number } {
  const limit = o.listLimit ?? 20;
  return items.length > limit ? { shown: items.slice(0, limit), more: items.length - limit } : { shown: items, more: 0 };
}

/** A failure reason keeps its lines; control characters are made visible. */
function reason(text: string | null | undefined): string | undefined {
  return text ? neutralizeControls(text.replace(/\n+$/, '')) : undefined;
}

function statusWithSecondary(status: string | null, secondary: string | null): string | undefined {
  if (!status) return undefined;
  return secondary && secondary !== status ? `${status} (${secondary})` : status;
}

export function describeText(doc: JobDescription, o: TextOptions): string {
  const lines: string[] = [];
  if (doc.kubernetes) lines.push(...kubernetesLines(doc.kubernetes, doc.sagemaker !== null, o));
  if (doc.sagemaker) lines.push(...sageMakerLines(doc.sagemaker, o));
  return lines.join('\n') + '\n';
}

function kubernetesLines(k: KubernetesPart, hasJob: boolean, o: TextOptions): string[] {
  const out = pairs(
    [
      ['Name', k.name],
      ['Namespace', k.namespace],
      ['Kind', k.kind],
      ['API Version', `${k.group}/${k.version} (${OPERATOR_NAME[k.operator]})`],
      ['Created', shortTime(k.creationTimestamp)],
      ['Deleting Since', k.deletionTimestamp ? `${shortTime(k.deletionTimestamp)} (the operator stops the job, then removes the resource)` : undefined],
      ['Resource Status', statusWithSecondary(k.status, k.secondaryStatus) ?? '<none> (the operator has not written a status)'],
      ['Resource Reason', reason(k.failureReason)],
      ['SageMaker Job', hasJob ? undefined : submissionText(k)],
    ],
    '',
  );
  if (k.conditions.length > 0) {
    out.push('Conditions:');
    out.push(...table(['TYPE', 'STATUS', 'MESSAGE'], k.conditions.map((c) => [c.type, c.status, neutralizeControls(c.message ?? c.reason ?? '')]), '  ', o));
  }
  return out;
}

function submissionText(k: KubernetesPart): string {
  switch (k.submission.state) {
    case 'submitted':
      return k.submission.jobName ?? '';
    case 'pending':
      return `not submitted yet: ${k.submission.reason}`;
    case 'rejected':
      return `none: SageMaker refused to create it: ${k.submission.reason}`;
  }
}

function instancesText(s: SageMakerPart): string | undefined {
  if (s.instances.length === 0) return undefined;
  const parts = s.instances.map((i) => {
    const what = i.type ? `${i.count} x ${i.type}` : `${i.count}`;
    return s.type === 'endpoint' || i.group ? `${what}${i.group ? ` (${i.group})` : ''}` : what;
  });
  return parts.join(', ');
}

function secondsText(seconds: number | null, instances: number): string | undefined {
  if (seconds === null) return undefined;
  return instances > 1 ? `${seconds * instances} (${seconds} s x ${instances} instances)` : String(seconds);
}

function spotText(s: SageMakerPart): string | undefined {
  if (!s.spot) return s.type === 'training' ? 'no' : undefined;
  const parts = ['yes'];
  if (s.spot.maxWaitSeconds !== null) parts.push(`max wait ${formatDuration(s.spot.maxWaitSeconds * 1000)}`);
  if (s.spot.savingsPercent !== null) parts.push(`savings ${s.spot.savingsPercent.toFixed(1)}%`);
  return parts.join(', ');
}

function sageMakerLines(s: SageMakerPart, o: TextOptions): string[] {
  const p = o.palette;
  const paint = statusPaint(p, s.outcome, s.phase);
  const head: Pair[] = [
    ['Name', s.name],
    ['ARN', s.arn],
    ['Region', s.region],
    ['Account', s.account],
    ['Status', paint(s.status)],
    ['Secondary Status', s.secondaryStatus],
    ['Failure Reason', reason(s.failureReason)],
  ];
  const kindPairs: Pair[] = [];
  const tables: string[] = [];
  const count = s.instanceCount;
  switch (s.type) {
    case 'training': {
      const t = s.training!;
      kindPairs.push(
        ['Instances', instancesText(s)],
        ['Managed Spot', spotText(s)],
        ['Max Runtime', s.maxRuntimeSeconds !== null ? formatDuration(s.maxRuntimeSeconds * 1000) : undefined],
        ['Image', t.image ?? t.algorithmName],
        ['Created', shortTime(s.creationTime)],
        ['Started', shortTime(s.startTime)],
        ['Ended', shortTime(s.endTime)],
        ['Training Seconds', secondsText(s.trainingSeconds, count)],
        ['Billable Seconds', secondsText(s.billableSeconds, count)],
        ['Model Artifacts', s.modelArtifacts],
        ['Tuning Job', t.tuningJobArn],
      );
      break;
    }
    case 'tuning': {
      const t = s.tuning!;
      const c = t.counters;
      const best = t.bestTrainingJob;
      kindPairs.push(
        ['Strategy', t.strategy],
        ['Objective', t.objective.metric ? `${t.objective.type ? `${t.objective.type} ` : ''}${t.objective.metric}` : undefined],
        ['Limits', t.maxTrainingJobs !== null ? `${t.maxTrainingJobs} training jobs${t.maxParallelTrainingJobs !== null ? `, ${t.maxParallelTrainingJobs} at a time` : ''}` : undefined],
        ['Training Jobs', `${c.completed} completed, ${c.inProgress} in progress, ${c.retryableError + c.nonRetryableError} failed (${c.retryableError} retryable), ${c.stopped} stopped`],
        ['Best Training Job', best ? `${best.name}${best.metric ? ` (${best.metric} ${best.value ?? '?'})` : ''}` : undefined],
        ['Instances', instancesText(s) ? `${instancesText(s)} per training job` : undefined],
        ['Created', shortTime(s.creationTime)],
        ['Ended', shortTime(s.endTime)],
      );
      if (t.trainingJobs) {
        const { shown, more } = limited(t.trainingJobs, o);
        tables.push(`Training Jobs (${t.trainingJobs.length}):`);
        if (shown.length > 0) {
          tables.push(...table(['NAME', 'STATUS', 'OBJECTIVE', 'CREATED'], shown.map((j) => [j.name, j.status, j.objective ? String(j.objective.value) : '', shortTime(j.creationTime) ?? '']), '  ', o));
        }
        if (more > 0) tables.push(`  … and ${more} more (-o json lists them all)`);
      } else if (t.trainingJobsError) {
        tables.push(`Training Jobs:  cannot list them: ${t.trainingJobsError}`);
      }
      break;
    }
    case 'transform': {
      const t = s.transform!;
      kindPairs.push(
        ['Instances', instancesText(s)],
        ['Model', t.modelName],
        ['Input', t.input ? `${t.input}${t.contentType ? ` (${t.contentType})` : ''}` : undefined],
        ['Output', t.output],
        ['Batch Strategy', t.batchStrategy],
        ['Created', shortTime(s.creationTime)],
        ['Started', shortTime(s.startTime)],
        ['Ended', shortTime(s.endTime)],
      );
      break;
    }
    case 'processing': {
      const t = s.processing!;
      kindPairs.push(
        ['Instances', instancesText(s)],
        ['Image', t.image],
        ['Entrypoint', t.entrypoint?.join(' ')],
        ['Arguments', t.arguments?.join(' ')],
        ['Exit Message', t.exitMessage && t.exitMessage !== s.failureReason ? reason(t.exitMessage) : undefined],
        ['Max Runtime', s.maxRuntimeSeconds !== null ? formatDuration(s.maxRuntimeSeconds * 1000) : undefined],
        ['Inputs', t.inputs.length ? t.inputs.map((x) => `${x.name}${x.s3Uri ? ` ${x.s3Uri}` : ''}`).join('\n') : undefined],
        ['Outputs', t.outputs.length ? t.outputs.map((x) => `${x.name}${x.s3Uri ? ` ${x.s3Uri}` : ''}`).join('\n') : undefined],
        ['Created', shortTime(s.creationTime)],
        ['Started', shortTime(s.startTime)],
        ['Ended', shortTime(s.endTime)],
      );
      break;
    }
    case 'endpoint': {
      const t = s.endpoint!;
      kindPairs.push(['Endpoint Config', t.endpointConfigName], ['Instances', instancesText(s)], ['Created', shortTime(s.creationTime)], ['Last Modified', shortTime(s.lastModifiedTime)]);
      if (t.variants.length > 0) {
        tables.push('Production Variants:');
        tables.push(
          ...table(
            ['NAME', 'INSTANCES', 'WEIGHT', 'STATUS', 'IMAGE'],
            t.variants.map((v) => [
              v.name,
              `${v.currentInstanceCount ?? '-'}/${v.desiredInstanceCount ?? '-'}`,
              `${v.currentWeight ?? '-'}/${v.desiredWeight ?? '-'}`,
              v.status.map((x) => x.status).join(',') || '-',
              v.images.join(',') || '-',
            ]),
            '  ',
            o,
          ),
        );
      }
      break;
    }
  }
  const out = [`SageMaker ${title(s.type)}:`, ...pairs([...head, ...kindPairs, ['Console', s.consoleUrl]], '  ')];
  if (s.transitions.length > 0) {
    out.push('Status Transitions:');
    out.push(...table(['STATUS', 'START', 'END', 'DURATION', 'MESSAGE'], s.transitions.map((t) => transitionRow(t, o)), '  ', o));
  }
  if (s.metrics.length > 0) {
    out.push('Final Metrics:');
    out.push(...table(['NAME', 'VALUE', 'TIMESTAMP'], s.metrics.map((m) => [m.name, String(m.value), shortTime(m.timestamp) ?? '']), '  ', o));
  }
  out.push(...tables);
  if (s.logs) out.push(...logLines(s, o));
  return out;
}

function transitionRow(t: SageMakerPart['transitions'][number], o: TextOptions): Cell[] {
  const start = Date.parse(t.startTime);
  const duration = t.durationSeconds !== null ? formatDuration(t.durationSeconds * 1000) : o.now >= start ? `${formatDuration(o.now - start)} so far` : '-';
  return [t.status, shortTime(t.startTime)!, shortTime(t.endTime) ?? '-', duration, neutralizeControls(t.message ?? '')];
}

function logLines(s: SageMakerPart, o: TextOptions): string[] {
  const l = s.logs!;
  const list: Pair[] = [['Group', l.group]];
  if (l.streamPrefix) list.push(['Stream Prefix', l.streamPrefix]);
  if (l.error) list.push(['Streams', `cannot list them: ${l.error}`]);
  else if (l.groupExists === false) list.push(['Streams', '<none>: the log group does not exist yet']);
  else if (l.streams) {
    const { shown, more } = limited(l.streams, o);
    list.push(['Streams', shown.length === 0 ? (s.phase === 'ended' ? '<none>' : '<none> yet') : [...shown, ...(more > 0 ? [`… and ${more} more (-o json lists them all)`] : [])].join('\n')]);
  }
  return ['Logs:', ...pairs(list, '  ')];
}
