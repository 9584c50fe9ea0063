import type { Command } from 'commander';
import { sageMakerClient } from '../../aws/clients';
import { awsMessage, errorName } from '../../aws/errors';
import { mapLimit } from '../../core/concurrency';
import { SmlogsError, UsageError } from '../../core/errors';
import { ExitCode } from '../../core/exit-codes';
import type { NamespaceInfo } from '../../kube/aws-target';
import { isServed } from '../../kube/discovery';
import { KubeApiError } from '../../kube/http';
import { GROUPS, parseKind, qualified, RESOURCE_TYPES, type ResourceType } from '../../kube/kinds';
import { listObjects, namespaceInfo } from '../../kube/listing';
import { submissionOf } from '../../kube/job-name';
import type { KubeObject } from '../../kube/object';
import { resourceStatusOf } from '../../kube/resource-status';
import type { Resolver } from '../../kube/resolve';
import { listDocument, listTable, type ListItem } from '../../render/listing';
import { Palette } from '../../render/palette';
import { SageMakerApi } from '../../sagemaker/api';
import type { JobRef } from '../../sagemaker/job';
import { colorChoice, outputFormat, serialize } from '../output-format';
import type { RawConnectionOpts } from '../options';
import { colourFor, currentTerminal, makeResolver, RunControl } from '../runtime';

export interface RawListOpts extends RawConnectionOpts {
  allNamespaces?: boolean;
  output?: string;
  color?: string;
}

/** Describe calls in flight at once: a busy namespace must not spend the account's SageMaker quota in one burst. */
const DESCRIBE_CONCURRENCY = 8;
// A listing is for a glance: a little retrying, not the patience of a wait.
const LIST_RETRY = { retries: 2, minDelayMs: 200, maxDelayMs: 2_000 };

/**
 * list: like `kubectl get` over the SageMaker kinds of both operators (those the cluster
 * serves), each line with SageMaker's live status.
 */
export async function runList(args: string[], o: RawListOpts, cmd: Command): Promise<number> {
  void cmd;
  if (args.length > 1) throw new UsageError(`too many arguments: ${args.slice(1).join(' ')}; expected at most one KIND`);
  const format = outputFormat(o.output, ['text', 'wide', 'json', 'yaml'] as const, 'text');
  const color = colorChoice(o.color);
  const wanted = args[0] !== undefined ? parseKind(args[0]).candidates : RESOURCE_TYPES;
  const term = currentTerminal();
  const control = new RunControl();
  const resolver = makeResolver(o, term.env);
  try {
    const served = await resolver.servedResources();
    const types = wanted.filter((t) => isServed(served, t.group, t.plural));
    if (types.length === 0) {
      const what = args[0] !== undefined ? wanted.map(qualified).join(' or ') : 'SageMaker custom resources';
      throw new SmlogsError(`the cluster serves no ${what}: neither ${GROUPS.legacy.operator} nor ${GROUPS.ack.operator} is installed`);
    }
    const namespace = o.allNamespaces ? undefined : resolver.namespace;
    const { found, forbidden } = await listAll(resolver, types, namespace);

    const items = await liveItems(resolver, found, o.profile, control.signal);
    if (format === 'json' || format === 'yaml') {
      process.stdout.write(serialize(listDocument(items), format));
    } else if (items.length === 0) {
      if (forbidden.length === 0) process.stderr.write(namespace ? `No resources found in ${namespace} namespace.\n` : 'No resources found\n');
    } else {
      const palette = new Palette(colourFor(color, term.stdoutTTY, term.env));
      const lines = listTable(items, { allNamespaces: namespace === undefined, qualifiedNames: types.length > 1, wide: format === 'wide', now: Date.now(), palette });
      process.stdout.write(lines.join('\n') + '\n');
      const failed = items.filter((i) => i.error);
      if (failed.length > 0) {
        const star = failed.some((i) => i.resource.status) ? '* = status from the resource, which lags: ' : '';
        process.stderr.write(`${star}SageMaker could not be asked about ${failed.length} of ${items.length}: ${distinct(failed.map((i) => i.error!))}\n`);
      }
    }
    if (forbidden.length > 0) throw forbiddenError(forbidden, namespace);
    return ExitCode.Ok;
  } finally {
    control.dispose();
    resolver.close();
  }
}

function distinct(list: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const x of list) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts].map(([x, n]) => (n > 1 ? `${x} (${n} resources)` : x)).join('; ');
}

interface Found {
  readonly type: ResourceType;
  readonly object: KubeObject;
}

async function listAll(resolver: Resolver, types: readonly ResourceType[], namespace: string | undefined): Promise<{ found: Found[]; forbidden: Array<{ type: ResourceType; error: KubeApiError }> }> {
  const forbidden: Array<{ type: ResourceType; error: KubeApiError }> = [];
  const lists = await Promise.all(
    types.map(async (type) => {
      try {
        return (await listObjects(resolver.client, type, namespace)).map((object) => ({ type, object }));
      } catch (e) {
        if (e instanceof KubeApiError && e.status === 403) {
          forbidden.push({ type, error: e });
          return [];
        }
        // Discovery said it is served, but the path is gone: a CRD removed a moment ago.
        if (e instanceof KubeApiError && e.unknownPath) return [];
        throw e;
      }
    }),
  );
  const found = lists.flat();
  found.sort((a, b) => types.indexOf(a.type) - types.indexOf(b.type) || (a.object.metadata.namespace ?? '').localeCompare(b.object.metadata.namespace ?? '') || a.object.metadata.name.localeCompare(b.object.metadata.name));
  return { found, forbidden };
}

function forbiddenError(forbidden: Array<{ type: ResourceType; error: KubeApiError }>, namespace: string | undefined): SmlogsError {
  const where = namespace ? `in namespace "${namespace}"` : 'across all namespaces';
  const resources = forbidden.map((f) => qualified(f.type)).join(', ');
  const first = forbidden[0]!.error.message;
  return new SmlogsError(`forbidden: you may not list ${resources} ${where} (ask for RBAC verb "list"${namespace ? '' : ' cluster-wide'}): ${first}`);
}

async function liveItems(resolver: Resolver, found: readonly Found[], profile: string | undefined, signal: AbortSignal): Promise<ListItem[]> {
  const namespaces = new Map<string, Promise<NamespaceInfo | undefined>>();
  const apis = new Map<string, SageMakerApi>();
  const apiFor = (job: JobRef): SageMakerApi => {
    const aws = { region: job.region, ...(profile ? { profile } : {}), ...(job.sageMakerEndpoint ? { sageMakerEndpoint: job.sageMakerEndpoint } : {}) };
    const key = `${aws.region}|${aws.sageMakerEndpoint ?? ''}`;
    let api = apis.get(key);
    if (!api) apis.set(key, (api = new SageMakerApi(sageMakerClient(aws), LIST_RETRY, signal)));
    return api;
  };
  return mapLimit(found, DESCRIBE_CONCURRENCY, async ({ type, object }): Promise<ListItem> => {
    const namespace = object.metadata.namespace ?? resolver.namespace;
    let nsInfo: NamespaceInfo | undefined;
    if (type.family === 'ack') {
      if (!namespaces.has(namespace)) namespaces.set(namespace, namespaceInfo(resolver.client, namespace).catch(() => undefined));
      nsInfo = await namespaces.get(namespace);
    }
    const base = {
      type,
      namespace,
      name: object.metadata.name,
      ...(object.metadata.creationTimestamp ? { creationTimestamp: object.metadata.creationTimestamp } : {}),
      resource: resourceStatusOf(type.family, type.jobType, object),
    };
    let resolution;
    try {
      resolution = resolver.resolveResource({ jobType: type.jobType, candidates: [type], pinned: true }, { type, namespace, object, ...(nsInfo ? { namespaceInfo: nsInfo } : {}) });
    } catch (e) {
      return { ...base, submission: submissionOf(type.family, type.jobType, object), error: (e as Error).message };
    }
    const { job, submission } = resolution;
    if (!job) return { ...base, submission };
    try {
      const s = await apiFor(job).describe(job);
      return { ...base, submission, job, live: { status: s.status, ...(s.secondary ? { secondary: s.secondary } : {}), ...(s.failureReason ? { failureReason: s.failureReason } : {}), ...(s.phase.kind === 'ended' ? { outcome: s.phase.outcome } : {}) } };
    } catch (e) {
      return { ...base, submission, job, error: `${errorName(e)}: ${awsMessage(e)}` };
    }
  });
}
