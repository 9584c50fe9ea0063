// -v for the AWS side: an SDK middleware on each client (added only under -v, so a run without
// it pays nothing) that prints where the client goes and as whom, once, then one line per API
// call, and registers the credentials' secret parts so that no line can print them.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AbsoluteLocation, HandlerExecutionContext, InitializeHandlerOptions, InitializeMiddleware, MetadataBearer } from '@smithy/types';
import { addSecret, debug, debugOn } from '../core/debug';

// Our retries are withRetries' (retry.ts), around client.send: the attempt number reaches the
// middleware through the async context.
let attempts: AsyncLocalStorage<number> | undefined;

/** Runs one attempt of withRetries; under -v its number labels the SDK calls it makes. */
export function inAttempt<T>(attempt: number, call: () => Promise<T>): Promise<T> {
  if (!debugOn()) return call();
  attempts ??= new AsyncLocalStorage<number>();
  return attempts.run(attempt, call);
}

export interface TraceTarget {
  readonly region: string;
  readonly profile?: string;
  /** The endpoint given to the client (a resource's sageMakerEndpoint), if any. */
  readonly endpoint?: string;
  /** The service's AWS_ENDPOINT_URL_<ID> suffix: SAGEMAKER, CLOUDWATCH_LOGS, STS. */
  readonly envId: string;
}

interface Traceable {
  readonly middlewareStack: { add(middleware: InitializeMiddleware<any, any>, options: InitializeHandlerOptions & AbsoluteLocation): void };
}

interface Identity {
  readonly secretAccessKey?: string;
  readonly sessionToken?: string;
  readonly $source?: Record<string, string>;
}

interface CallError extends Partial<MetadataBearer> {
  readonly name?: string;
  readonly code?: string;
}

/** Adds the trace to a client, under -v only. */
export function traceClient(client: Traceable, target: TraceTarget): void {
  if (!debugOn()) return;
  let described = false;
  const middleware: InitializeMiddleware<any, any> = (next, context) => async (args) => {
    const started = performance.now();
    let outcome = '';
    let attemptsMade: number | undefined;
    try {
      const out = await next(args);
      const meta = (out.output as Partial<MetadataBearer> | undefined)?.$metadata;
      outcome = String(meta?.httpStatusCode ?? 'ok');
      attemptsMade = meta?.attempts;
      return out;
    } catch (e) {
      const x = e as CallError;
      outcome = [x.$metadata?.httpStatusCode, x.name && x.name !== 'Error' ? x.name : x.code].filter((p) => p !== undefined).join(' ') || 'error';
      attemptsMade = x.$metadata?.attempts;
      throw e;
    } finally {
      const identity = identityOf(context);
      addSecret(identity?.secretAccessKey);
      addSecret(identity?.sessionToken);
      const service = (context.clientName ?? '').replace(/Client$/, '');
      if (!described) {
        described = true;
        debug(`aws: ${service} in ${target.region} at ${endpointOf(context, target)}; credentials: ${identity ? credentialSource(identity, target.profile) : 'none resolved'}`);
      }
      const attempt = attempts?.getStore() ?? attemptsMade;
      debug(`aws: ${service} ${(context.commandName ?? '').replace(/Command$/, '')} ${outcome} in ${Math.round(performance.now() - started)} ms${attempt !== undefined ? ` (attempt ${attempt})` : ''}`);
    }
  };
  client.middlewareStack.add(middleware, { step: 'initialize', priority: 'high', name: 'smlogsTrace' });
}

/** The credentials the SDK signed with: Smithy's auth middleware keeps them on the context. */
function identityOf(context: HandlerExecutionContext): Identity | undefined {
  // SMITHY_CONTEXT_KEY of @smithy/types.
  const smithy = (context as Record<string, unknown>).__smithy_context as { selectedHttpAuthScheme?: { identity?: Identity } } | undefined;
  return smithy?.selectedHttpAuthScheme?.identity;
}

function endpointOf(context: HandlerExecutionContext, target: TraceTarget): string {
  const env = process.env;
  const envName = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true' ? undefined : env[`AWS_ENDPOINT_URL_${target.envId}`] ? `AWS_ENDPOINT_URL_${target.envId}` : env.AWS_ENDPOINT_URL ? 'AWS_ENDPOINT_URL' : undefined;
  const source = target.endpoint ? 'named by the resource' : (envName ?? 'default');
  // A call that failed before the SDK resolved its endpoint (no credentials): the configured one.
  const url = context.endpointV2?.url ?? parseUrl(target.endpoint ?? (envName ? env[envName] : undefined));
  // No user info or query: only where the calls go.
  const where = url ? `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}` : "the region's endpoint";
  return `${where} (${source})`;
}

function parseUrl(s: string | undefined): URL | undefined {
  try {
    return s ? new URL(s) : undefined;
  } catch {
    return undefined;
  }
}

// The SDK's credential feature ids (@aws-sdk/types feature-ids), as users name the sources.
const SOURCES: ReadonlyArray<[string, string]> = [
  ['CREDENTIALS_CODE', 'given in code'],
  ['CREDENTIALS_ENV_VARS', 'env'],
  ['CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN', 'web-identity (AWS_WEB_IDENTITY_TOKEN_FILE)'],
  ['CREDENTIALS_PROFILE_STS_WEB_ID_TOKEN', 'web-identity'],
  ['CREDENTIALS_STS_ASSUME_ROLE_WEB_ID', 'web-identity'],
  ['CREDENTIALS_PROFILE_SSO', 'sso'],
  ['CREDENTIALS_SSO', 'sso'],
  ['CREDENTIALS_PROFILE_SSO_LEGACY', 'sso'],
  ['CREDENTIALS_SSO_LEGACY', 'sso'],
  ['CREDENTIALS_PROFILE_LOGIN', 'aws login'],
  ['CREDENTIALS_LOGIN', 'aws login'],
  ['CREDENTIALS_STS_ASSUME_ROLE', 'assume-role'],
  ['CREDENTIALS_PROFILE_SOURCE_PROFILE', 'source_profile'],
  ['CREDENTIALS_PROFILE_NAMED_PROVIDER', 'credential_source'],
  ['CREDENTIALS_PROFILE_PROCESS', 'credential_process'],
  ['CREDENTIALS_PROCESS', 'credential_process'],
  ['CREDENTIALS_HTTP', 'container credentials (ECS / EKS Pod Identity)'],
  ['CREDENTIALS_IMDS', 'instance metadata (IMDS)'],
];

/** `env (long-term)`, `profile dev, sso (temporary)`, ...: where the keys came from, never the keys. */
function credentialSource(identity: Identity, profile: string | undefined): string {
  const source = identity.$source ?? {};
  const parts = SOURCES.filter(([id]) => id in source).map(([, label]) => label);
  if ('CREDENTIALS_PROFILE' in source || parts.some((p) => p === 'sso' || p === 'assume-role' || p === 'credential_process')) {
    parts.unshift(`profile ${profile ?? process.env.AWS_PROFILE ?? 'default'}`);
  }
  const kind = identity.sessionToken ? 'temporary' : 'long-term';
  return `${[...new Set(parts)].join(', ') || 'the default chain'} (${kind})`;
}
