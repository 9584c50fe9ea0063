import type { Submission } from '../kube/job-name';
import { qualified, type ResourceType } from '../kube/kinds';
import type { ResourceStatus } from '../kube/resource-status';
import type { JobRef } from '../sagemaker/job';
import { DOC_API_VERSION } from './describe-doc';
import type { Palette } from './palette';
import { humanAge, renderTable, type Cell } from './table';

// `list`: one line per custom resource, with SageMaker's live status; the resource's own
// (lagging) status only when SageMaker could not be asked, marked with `*`.

export interface ListItem {
  readonly type: ResourceType;
  readonly namespace: string;
  readonly name: string;
  readonly creationTimestamp?: string;
  readonly submission: Submission;
  readonly job?: Pick<JobRef, 'name' | 'region' | 'arn'>;
  /** From Describe*. */
  readonly live?: { readonly status: string; readonly secondary?: string; readonly failureReason?: string; readonly outcome?: string };
  readonly resource: ResourceStatus;
  /** Why there is no live status (Describe failed, no region...). */
  readonly error?: string;
}

export type StatusSource = 'sagemaker' | 'resource' | 'none';

export interface ListRowDoc {
  readonly namespace: string;
  readonly name: string;
  readonly kind: string;
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly creationTimestamp: string | null;
  readonly submission: { readonly state: Submission['state']; readonly jobName: string | null; readonly reason: string | null };
  readonly sagemaker: { readonly name: string; readonly region: string; readonly arn: string | null } | null;
  readonly status: string;
  readonly secondaryStatus: string | null;
  readonly failureReason: string | null;
  readonly statusSource: StatusSource;
  readonly error: string | null;
}

export interface JobList {
  readonly apiVersion: typeof DOC_API_VERSION;
  readonly kind: 'JobList';
  readonly items: readonly ListRowDoc[];
}

/** What STATUS shows, and where it came from. */
export function statusOf(i: ListItem): { status: string; secondary: string | null; failureReason: string | null; source: StatusSource } {
  if (i.submission.state === 'pending') return { status: 'Pending', secondary: null, failureReason: null, source: 'none' };
  if (i.submission.state === 'rejected') return { status: 'Rejected', secondary: null, failureReason: i.submission.reason, source: 'resource' };
  if (i.live) return { status: i.live.status, secondary: i.live.secondary ?? null, failureReason: i.live.failureReason ?? null, source: 'sagemaker' };
  if (i.resource.status) return { status: i.resource.status, secondary: i.resource.secondary ?? null, failureReason: i.resource.failureReason ?? null, source: 'resource' };
  return { status: 'Unknown', secondary: null, failureReason: null, source: 'none' };
}

export function listDocument(items: readonly ListItem[]): JobList {
  return {
    apiVersion: DOC_API_VERSION,
    kind: 'JobList',
    items: items.map((i) => {
      const st = statusOf(i);
      return {
        namespace: i.namespace,
        name: i.name,
        kind: i.type.kind,
        group: i.type.group,
        version: i.type.version,
        resource: qualified(i.type),
        creationTimestamp: i.creationTimestamp ?? null,
        submission: {
          state: i.submission.state,
          jobName: i.submission.state === 'submitted' ? i.submission.name : null,
          reason: i.submission.state === 'submitted' ? null : i.submission.reason,
        },
        sagemaker: i.job ? { name: i.job.name, region: i.job.region, arn: i.job.arn ?? null } : null,
        status: st.status,
        secondaryStatus: st.secondary,
        failureReason: st.failureReason,
        statusSource: st.source,
        error: i.error ?? null,
      };
    }),
  };
}

export interface ListTableOptions {
  readonly allNamespaces: boolean;
  /** Name as `kind.group/name`, as kubectl prints a listing of several resource types. */
  readonly qualifiedNames: boolean;
  readonly wide: boolean;
  readonly now: number;
  readonly palette: Palette;
}

function paintStatus(p: Palette, status: string, source: StatusSource, outcome?: string): Cell {
  const text = source === 'resource' ? `${status}*` : status;
  const paint = outcome === 'completed' || status === 'InService' ? p.c.green : outcome === 'failed' || status === 'Failed' || status === 'Rejected' ? p.c.red : outcome === 'stopped' || status === 'Stopping' ? p.c.yellow : undefined;
  return paint && p.enabled ? { text, paint } : text;
}

export function listTable(items: readonly ListItem[], o: ListTableOptions): string[] {
  const headers = [...(o.allNamespaces ? ['NAMESPACE'] : []), 'NAME', 'SAGEMAKER-JOB', 'REGION', 'STATUS', 'SECONDARY-STATUS', 'AGE', ...(o.wide ? ['FAILURE-REASON'] : [])];
  const rows = items.map((i): Cell[] => {
    const st = statusOf(i);
    const created = i.creationTimestamp ? Date.parse(i.creationTimestamp) : NaN;
    return [
      ...(o.allNamespaces ? [i.namespace] : []),
      o.qualifiedNames ? `${i.type.singular}.${i.type.group}/${i.name}` : i.name,
      i.job?.name ?? (i.submission.state === 'submitted' ? i.submission.name : i.submission.state === 'pending' ? '<not submitted>' : '<none>'),
      i.job?.region ?? '',
      paintStatus(o.palette, st.status, st.source, i.live?.outcome),
      st.secondary ?? '',
      Number.isFinite(created) ? humanAge(o.now - created) : '<unknown>',
      ...(o.wide ? [(st.failureReason ?? '').split('\n')[0]!] : []),
    ];
  });
  return renderTable(headers, rows);
}
