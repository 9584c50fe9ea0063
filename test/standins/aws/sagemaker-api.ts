// SageMaker operations on the wire: validation (ValidationException with the service's wording), the
// not-found errors of aws-wire.md §2, list paging and sorting.

import { sagemakerErrors } from './errors';
import {
  childSummary, childViews, existsAt, notFound, trainingSummary, trainingState, type JobKind, type SageMakerModel,
} from './sagemaker-model';
import { fromWireTime } from './time';
import type { TokenRegistry } from './tokens';
import { validateInput, type InputSchema, type Member } from './validate';

const NAME_PATTERN = '[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}';
const JOB_NAME: Member = { type: 'string', min: 1, max: 63, pattern: NAME_PATTERN, required: true };
const TUNING_NAME: Member = { type: 'string', min: 1, max: 32, pattern: '[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}', required: true };
const ENDPOINT_NAME: Member = { type: 'string', min: 0, max: 63, pattern: NAME_PATTERN, required: true };
const NEXT_TOKEN: Member = { type: 'string', min: 0, max: 8192, pattern: '.*' };
const MAX_RESULTS: Member = { type: 'integer', min: 1, max: 100 };
const STATUS: Member = { type: 'string', enum: ['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped', 'Deleting'] };
const SORT_ORDER: Member = { type: 'string', enum: ['Ascending', 'Descending'] };

const SCHEMAS: Record<string, InputSchema> = {
  DescribeTrainingJob: { TrainingJobName: JOB_NAME },
  StopTrainingJob: { TrainingJobName: JOB_NAME },
  DescribeHyperParameterTuningJob: { HyperParameterTuningJobName: TUNING_NAME },
  StopHyperParameterTuningJob: { HyperParameterTuningJobName: TUNING_NAME },
  ListTrainingJobsForHyperParameterTuningJob: {
    HyperParameterTuningJobName: TUNING_NAME,
    NextToken: NEXT_TOKEN,
    MaxResults: MAX_RESULTS,
    StatusEquals: STATUS,
    SortBy: { type: 'string', enum: ['Name', 'CreationTime', 'Status', 'FinalObjectiveMetricValue'] },
    SortOrder: SORT_ORDER,
  },
  DescribeTransformJob: { TransformJobName: JOB_NAME },
  StopTransformJob: { TransformJobName: JOB_NAME },
  DescribeProcessingJob: { ProcessingJobName: JOB_NAME },
  StopProcessingJob: { ProcessingJobName: JOB_NAME },
  DescribeEndpoint: { EndpointName: ENDPOINT_NAME },
  ListTrainingJobs: {
    NextToken: NEXT_TOKEN,
    MaxResults: MAX_RESULTS,
    CreationTimeAfter: { type: 'timestamp' },
    CreationTimeBefore: { type: 'timestamp' },
    LastModifiedTimeAfter: { type: 'timestamp' },
    LastModifiedTimeBefore: { type: 'timestamp' },
    NameContains: { type: 'string', min: 0, max: 63, pattern: '[a-zA-Z0-9\\-]+' },
    StatusEquals: STATUS,
    SortBy: { type: 'string', enum: ['Name', 'CreationTime', 'Status'] },
    SortOrder: SORT_ORDER,
    WarmPoolStatusEquals: { type: 'string', enum: ['Available', 'Terminated', 'Reused', 'InUse'] },
  },
};

export const SAGEMAKER_OPERATIONS = Object.keys(SCHEMAS);

const DESCRIBE: Record<string, [JobKind, string]> = {
  DescribeTrainingJob: ['training', 'TrainingJobName'],
  DescribeHyperParameterTuningJob: ['tuning', 'HyperParameterTuningJobName'],
  DescribeTransformJob: ['transform', 'TransformJobName'],
  DescribeProcessingJob: ['processing', 'ProcessingJobName'],
  DescribeEndpoint: ['endpoint', 'EndpointName'],
};
const STOP: Record<string, [Exclude<JobKind, 'endpoint'>, string]> = {
  StopTrainingJob: ['training', 'TrainingJobName'],
  StopHyperParameterTuningJob: ['tuning', 'HyperParameterTuningJobName'],
  StopTransformJob: ['transform', 'TransformJobName'],
  StopProcessingJob: ['processing', 'ProcessingJobName'],
};

interface ListState {
  offset: number;
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class SageMakerApi {
  constructor(
    private readonly model: SageMakerModel,
    private readonly tokens: TokenRegistry,
  ) {}

  resourceOf(op: string, body: Record<string, unknown>): string {
    const d = DESCRIBE[op] ?? STOP[op];
    if (d && typeof body[d[1]] === 'string') return this.model.arn(d[0], body[d[1]] as string);
    if (op === 'ListTrainingJobsForHyperParameterTuningJob' && typeof body.HyperParameterTuningJobName === 'string') {
      return this.model.arn('tuning', body.HyperParameterTuningJobName);
    }
    return `arn:aws:sagemaker:${this.model.region}:${this.model.accountId}:*`;
  }

  handle(op: string, body: Record<string, unknown>, now: number): Record<string, unknown> {
    const schema = SCHEMAS[op];
    if (!schema) throw new Error(`internal: no handler for ${op}`);
    validateInput(body, schema, { code: 'ValidationException', caretPatterns: true });
    const d = DESCRIBE[op];
    if (d) {
      const [kind, member] = d;
      const name = body[member] as string;
      const out = this.model.describe(kind, name, now);
      if (!out) throw notFound(kind, name, this.model.arn(kind, name));
      return out;
    }
    const s = STOP[op];
    if (s) {
      this.model.stop(s[0], body[s[1]] as string, now);
      return {};
    }
    if (op === 'ListTrainingJobsForHyperParameterTuningJob') return this.listChildren(body, now);
    if (op === 'ListTrainingJobs') return this.listTrainingJobs(body, now);
    throw new Error(`internal: no handler for ${op}`);
  }

  private page<T>(binding: string, items: T[], body: Record<string, unknown>, now: number): { page: T[]; next?: string } {
    let offset = 0;
    const tok = body.NextToken as string | undefined;
    if (tok) {
      const st = this.tokens.resolve<ListState>('sm-list', binding, tok, now);
      if (!st) throw sagemakerErrors.validation('Invalid pagination token');
      offset = st.offset;
    }
    const max = (body.MaxResults as number | undefined) ?? 10;
    const page = items.slice(offset, offset + max);
    const next = offset + max < items.length ? this.tokens.issue<ListState>('sm-list', binding, { offset: offset + max }, now) : undefined;
    return { page, next };
  }

  private listChildren(body: Record<string, unknown>, now: number): Record<string, unknown> {
    const name = body.HyperParameterTuningJobName as string;
    const tuning = this.model.get('tuning', name);
    if (!tuning || !existsAt(tuning, now)) throw notFound('tuning', name, this.model.arn('tuning', name));
    let views = childViews(tuning, now);
    if (body.StatusEquals) views = views.filter((v) => v.st.status === body.StatusEquals);
    const sortBy = (body.SortBy as string | undefined) ?? 'Name';
    const desc = body.SortOrder === 'Descending';
    if (sortBy === 'FinalObjectiveMetricValue') views = views.filter((v) => v.objective !== undefined);
    views.sort((a, b) => {
      let c = 0;
      if (sortBy === 'CreationTime') c = a.job.creationTime - b.job.creationTime;
      else if (sortBy === 'Status') c = cmpStr(a.st.status, b.st.status);
      else if (sortBy === 'FinalObjectiveMetricValue') c = a.objective! - b.objective!;
      return c || cmpStr(a.job.name, b.job.name);
    });
    if (desc) views.reverse();
    const binding = `hpo:${name}:${JSON.stringify([body.StatusEquals, sortBy, desc])}`;
    const { page, next } = this.page(binding, views, body, now);
    const out: Record<string, unknown> = { TrainingJobSummaries: page.map((v) => childSummary(tuning, v)) };
    if (next) out.NextToken = next;
    return out;
  }

  private listTrainingJobs(body: Record<string, unknown>, now: number): Record<string, unknown> {
    const after = (k: string) => (body[k] === undefined ? undefined : fromWireTime(body[k]));
    const cAfter = after('CreationTimeAfter');
    const cBefore = after('CreationTimeBefore');
    const mAfter = after('LastModifiedTimeAfter');
    const mBefore = after('LastModifiedTimeBefore');
    const contains = (body.NameContains as string | undefined)?.toLowerCase();
    const rows = [];
    for (const job of this.model.list('training')) {
      if (job.kind !== 'training' || !existsAt(job, now)) continue;
      const st = trainingState(job, now);
      if (!st) continue;
      if (contains && !job.name.toLowerCase().includes(contains)) continue;
      if (body.StatusEquals && st.status !== body.StatusEquals) continue;
      if (cAfter !== undefined && !(job.creationTime > cAfter)) continue;
      if (cBefore !== undefined && !(job.creationTime < cBefore)) continue;
      if (mAfter !== undefined && !(st.lastModified > mAfter)) continue;
      if (mBefore !== undefined && !(st.lastModified < mBefore)) continue;
      rows.push({ job, st });
    }
    const sortBy = (body.SortBy as string | undefined) ?? 'CreationTime';
    const desc = body.SortOrder === 'Descending';
    rows.sort((a, b) => {
      let c = 0;
      if (sortBy === 'CreationTime') c = a.job.creationTime - b.job.creationTime;
      else if (sortBy === 'Status') c = cmpStr(a.st.status, b.st.status);
      return c || cmpStr(a.job.name, b.job.name);
    });
    if (desc) rows.reverse();
    const binding = `ltj:${JSON.stringify([contains, body.StatusEquals, cAfter, cBefore, mAfter, mBefore, sortBy, desc])}`;
    const { page, next } = this.page(binding, rows, body, now);
    const out: Record<string, unknown> = { TrainingJobSummaries: page.map((r) => trainingSummary(r.job, now)) };
    if (next) out.NextToken = next;
    return out;
  }
}
