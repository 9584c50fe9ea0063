import { SmlogsError, UsageError } from '../core/errors';
import { parseSageMakerArn } from '../sagemaker/arn';
import { JOB_TYPE_NOUN, type JobRef } from '../sagemaker/job';
import { awsTargetOf, type AwsTarget, type NamespaceInfo } from './aws-target';
import type { KubeConnection } from './connection';
import { discoverSageMaker, isServed, type ServedResources } from './discovery';
import { KubeApiError, KubeClient } from './http';
import { submissionOf, type Submission } from './job-name';
import { GROUPS, parseKind, qualified, type KindQuery, type ResourceType } from './kinds';
import { checkObjectName } from './names';
import type { KubeObject } from './object';

/** The custom resource a KIND NAME named, as found in the cluster. */
export interface FoundResource {
  readonly type: ResourceType;
  readonly namespace: string;
  readonly object: KubeObject;
  readonly namespaceInfo?: NamespaceInfo;
}

/** What KIND NAME resolves to. `job` is absent while the operator has not submitted the job. */
export interface Resolution {
  readonly query: KindQuery;
  readonly resource?: FoundResource;
  readonly submission: Submission;
  readonly target: AwsTarget;
  readonly job?: JobRef;
}

export interface ResolveOptions {
  /** --region, else AWS_REGION: used only when the resource names no region. */
  readonly fallbackRegion?: string;
}

export function objectPath(t: Pick<ResourceType, 'group' | 'version' | 'plural'>, namespace: string | undefined, name?: string): string {
  const ns = namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `/apis/${t.group}/${t.version}${ns}/${t.plural}${name ? `/${encodeURIComponent(name)}` : ''}`;
}

/**
 * Turns KIND NAME into a SageMaker job, the way both operators name and place their jobs
 * (crds.md §8). Holds one discovery answer for the run.
 */
export class Resolver {
  private served: Promise<ServedResources> | undefined;
  private clientInstance: KubeClient | undefined;

  constructor(
    private readonly connect: () => KubeConnection,
    private readonly opts: ResolveOptions,
  ) {}

  get client(): KubeClient {
    this.clientInstance ??= new KubeClient(this.connect());
    return this.clientInstance;
  }

  get namespace(): string {
    return this.client.conn.namespace;
  }

  close(): void {
    this.clientInstance?.close();
  }

  servedResources(): Promise<ServedResources> {
    this.served ??= discoverSageMaker(this.client);
    return this.served;
  }

  async resolve(kindText: string, name: string): Promise<Resolution> {
    const query = parseKind(kindText);
    if (name.startsWith('arn:')) return this.fromArn(query, name);
    checkObjectName(name);
    const resource = await this.find(query, name);
    return this.resolveResource(query, resource);
  }

  /** Re-reads a resource (while waiting for its operator) and resolves it again. */
  async refresh(r: Resolution): Promise<Resolution> {
    if (!r.resource) return r;
    const object = await this.get(r.resource.type, r.resource.namespace, r.resource.object.metadata.name);
    if (!object) throw notFound(r.resource.type, r.resource.object.metadata.name, r.resource.namespace, []);
    return this.resolveResource(r.query, { ...r.resource, object });
  }

  resolveResource(query: KindQuery, resource: FoundResource): Resolution {
    const { type, object } = resource;
    const submission = submissionOf(type.family, type.jobType, object);
    const target = awsTargetOf(type.family, object, resource.namespaceInfo);
    const base = { query, resource, submission, target };
    if (submission.state !== 'submitted') return base;
    const region = target.region ?? this.opts.fallbackRegion;
    if (!region) {
      throw new SmlogsError(`no AWS region for ${qualified(type)}/${object.metadata.name}: the resource names none; pass --region or set AWS_REGION`);
    }
    const job: JobRef = {
      type: type.jobType,
      name: submission.name,
      region,
      ...(target.arn && type.jobType !== 'endpoint' ? { arn: target.arn } : {}),
      ...(target.account ? { account: target.account } : {}),
      ...(target.sageMakerEndpoint ? { sageMakerEndpoint: target.sageMakerEndpoint } : {}),
    };
    return { ...base, job };
  }

  private fromArn(query: KindQuery, arn: string): Resolution {
    const parsed = parseSageMakerArn(arn);
    if (!parsed) throw new UsageError(`"${arn}" is not a SageMaker ARN (arn:aws:sagemaker:REGION:ACCOUNT:training-job/NAME)`);
    if (parsed.type !== query.jobType) {
      const a = (noun: string): string => `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
      throw new UsageError(`${arn} is ${a(JOB_TYPE_NOUN[parsed.type])} ARN, but the kind asks for ${a(JOB_TYPE_NOUN[query.jobType])}`);
    }
    return {
      query,
      submission: { state: 'submitted', name: parsed.name },
      target: { region: parsed.region, regionFrom: 'the ARN', account: parsed.account, arn },
      job: { type: parsed.type, name: parsed.name, region: parsed.region, account: parsed.account, arn },
    };
  }

  private async find(query: KindQuery, name: string): Promise<FoundResource> {
    const served = await this.servedResources();
    const namespace = this.namespace;
    const candidates = query.candidates.filter((t) => isServed(served, t.group, t.plural));
    if (candidates.length === 0) throw notServed(query, served);
    const found = await Promise.all(
      candidates.map(async (t) => {
        try {
          return { t, object: await this.get(t, namespace, name) };
        } catch (e) {
          // Not allowed to read one group: the other may still hold it.
          if (e instanceof KubeApiError && e.status === 403) return { t, forbidden: e };
          throw e;
        }
      }),
    );
    const hits = found.filter((f) => f.object);
    if (hits.length > 1) {
      throw new UsageError(`"${name}" exists as both ${hits.map((h) => qualified(h.t)).join(' and ')} in namespace "${namespace}": name one, e.g. ${qualified(hits[0]!.t)}/${name}`);
    }
    const hit = hits[0];
    const forbidden = found.find((f) => f.forbidden)?.forbidden;
    // -v shows the request and the server's answer (the KubeApiError's own cause).
    if (!hit && forbidden) throw new SmlogsError(`${forbidden.message}; ask your cluster administrator for access, or use another --context or --user`, undefined, { cause: forbidden.cause ?? forbidden });
    if (!hit) {
      const unserved = query.candidates.filter((t) => !candidates.includes(t)).map((t) => `${qualified(t)} not searched: ${missingWhy(t, served)}`);
      const asked = candidates.map((t) => `GET ${this.client.conn.server.replace(/\/$/, '')}${objectPath(t, namespace, name)} answered 404 Not Found`);
      throw notFound(candidates[0]!, name, namespace, candidates.slice(1), unserved, new Error(`context "${this.client.conn.contextName}", namespace from ${this.client.conn.namespaceFrom}:\n  ${asked.join('\n  ')}`));
    }
    const namespaceInfo = hit.t.family === 'ack' ? await this.namespaceInfo(namespace) : undefined;
    return { type: hit.t, namespace, object: hit.object!, ...(namespaceInfo ? { namespaceInfo } : {}) };
  }

  async get(t: ResourceType, namespace: string, name: string): Promise<KubeObject | undefined> {
    try {
      return (await this.client.get<KubeObject>(objectPath(t, namespace, name))).body;
    } catch (e) {
      if (e instanceof KubeApiError && e.status === 404) return undefined;
      throw e;
    }
  }

  /** ACK reads region and endpoint from namespace annotations; reading them is optional. */
  private async namespaceInfo(namespace: string): Promise<NamespaceInfo | undefined> {
    try {
      const { body } = await this.client.get<KubeObject>(`/api/v1/namespaces/${encodeURIComponent(namespace)}`);
      return { annotations: body.metadata?.annotations ?? {} };
    } catch (e) {
      if (e instanceof KubeApiError && (e.status === 403 || e.status === 404)) return undefined;
      throw e;
    }
  }
}

/** Why the cluster does not serve a resource type: its operator is missing, or is a version without that kind. */
function missingWhy(t: ResourceType, served: ServedResources): string {
  const operator = GROUPS[t.family].operator;
  return served.has(t.group) ? `${operator} is installed but serves no ${t.plural} (a version without this kind)` : `${operator} is not installed`;
}

function notServed(query: KindQuery, served: ServedResources): SmlogsError {
  if (query.pinned) {
    const t = query.candidates[0]!;
    return new SmlogsError(`the cluster does not serve ${qualified(t)}: ${missingWhy(t, served)}`);
  }
  const kinds = query.candidates.map(qualified).join(' or ');
  if (query.candidates.every((t) => !served.has(t.group))) {
    return new SmlogsError(`the cluster serves no ${kinds}: neither ${GROUPS.legacy.operator} nor ${GROUPS.ack.operator} is installed`);
  }
  return new SmlogsError(`the cluster serves no ${kinds}: ${query.candidates.map((t) => missingWhy(t, served)).join('; ')}`);
}

function notFound(t: ResourceType, name: string, namespace: string, alsoSearched: readonly ResourceType[], unserved: readonly string[] = [], details?: Error): SmlogsError {
  const also = alsoSearched.length ? ` (also searched ${alsoSearched.map(qualified).join(', ')})` : '';
  // The other operator's kind could not be searched: say why, the object may be one of those.
  const missing = unserved.map((u) => ` (${u})`).join('');
  return new SmlogsError(`${qualified(t)} "${name}" not found in namespace "${namespace}"${also}${missing}; list them with: kubectl smlogs list -n ${namespace}`, undefined, details ? { cause: details } : undefined);
}
