// How AWS failures are told apart. SDK v3 gives modelled errors classes but not all of them
// (SageMaker's ValidationException and ThrottlingException are unmodelled), so branch on the
// error's name and HTTP status, never on instanceof.

export type AwsFailureKind =
  | 'throttled'
  | 'transient' // 5xx, timeouts, dropped connections: retry
  | 'not-found'
  | 'access-denied'
  | 'credentials' // no credentials, or the service rejected them
  | 'invalid-token' // pagination token expired or unknown
  | 'validation'
  | 'other';

const THROTTLE_CODES = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'LimitExceededException',
  'ProvisionedThroughputExceededException',
]);

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET']);

const CREDENTIAL_CODES = new Set(['UnrecognizedClientException', 'InvalidClientTokenId', 'ExpiredTokenException', 'ExpiredToken', 'InvalidSignatureException', 'SignatureDoesNotMatch', 'MissingAuthenticationToken', 'CredentialsProviderError']);

interface AwsLikeError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  $fault?: 'client' | 'server';
  $retryable?: { throttling?: boolean };
  cause?: unknown;
}

export function errorName(e: unknown): string {
  const x = e as AwsLikeError;
  return x?.name ?? x?.code ?? 'Error';
}

export function classifyAwsError(e: unknown): AwsFailureKind {
  const x = (e ?? {}) as AwsLikeError;
  const name = x.name ?? '';
  const code = x.code ?? '';
  const status = x.$metadata?.httpStatusCode;
  const message = x.message ?? '';
  if (THROTTLE_CODES.has(name) || x.$retryable?.throttling || status === 429) return 'throttled';
  if (CREDENTIAL_CODES.has(name) || /Could not load credentials|Unable to locate credentials/i.test(message)) return 'credentials';
  if (name === 'AccessDeniedException' || name === 'AccessDenied' || status === 403) return 'access-denied';
  if (name === 'ResourceNotFoundException' || name === 'ResourceNotFound') return 'not-found';
  if (name === 'InvalidParameterException' && /nextToken/i.test(message)) return 'invalid-token';
  if (name === 'ValidationException' && /not found|Could not find/i.test(message)) return 'not-found';
  if (name === 'ValidationException' || name === 'InvalidParameterException') return 'validation';
  if ((status !== undefined && status >= 500) || x.$fault === 'server') return 'transient';
  if (NETWORK_CODES.has(code) || NETWORK_CODES.has(name) || name === 'TimeoutError') return 'transient';
  if (/socket hang up|ECONNRESET|ECONNREFUSED|EPIPE|timed? ?out|network|premature close|aborted/i.test(message)) return 'transient';
  const cause = x.cause as AwsLikeError | undefined;
  if (cause && cause !== e && typeof cause === 'object') {
    const k = classifyAwsError(cause);
    if (k !== 'other') return k;
  }
  return 'other';
}

/**
 * What is wrong with credentials the 'credentials' kind reports: none were found, they have
 * expired (a session or SSO token: renewing them is the fix), or the service refused them (a
 * wrong or deleted key: other credentials are the fix).
 */
export function credentialProblem(e: unknown): 'missing' | 'expired' | 'rejected' {
  const x = (e ?? {}) as AwsLikeError;
  const message = x.message ?? '';
  if (x.name === 'ExpiredTokenException' || x.name === 'ExpiredToken' || /\bexpired\b/i.test(message)) return 'expired';
  if (x.name === 'CredentialsProviderError' || /Could not load credentials|Unable to locate credentials/i.test(message)) return 'missing';
  return 'rejected';
}

/** The service's own words, without the SDK's decorations. */
export function awsMessage(e: unknown): string {
  const x = e as AwsLikeError;
  const msg = (x?.message ?? String(e)).split('\n')[0]!.trim();
  return msg || errorName(e);
}
