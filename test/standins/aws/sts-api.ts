// STS on the wire: GetCallerIdentity only, in the AWS query protocol (a form-encoded `POST /`, XML
// answers), which is what `@aws-sdk/client-sts` and `aws sts get-caller-identity` speak. The caller
// is told apart by the access key id of the request's SigV4 credential scope; each access key maps
// to an account (default: the scenario's accountId), so a test can play "credentials of another
// account".

import { createHash } from 'node:crypto';
import { ApiError } from './errors';

export const STS_VERSION = '2011-06-15';
export const STS_OPERATIONS = ['GetCallerIdentity'] as const;
const XMLNS = `https://sts.amazonaws.com/doc/${STS_VERSION}/`;
const ACCESS_KEY = /^[A-Z0-9]{16,128}$/;

/** Who signed a request: from `Authorization: AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request, …`. */
export interface Caller {
  accessKeyId?: string;
  /** The signing region of the credential scope. */
  region?: string;
  /** The account of the access key (the map below), once known. */
  account?: string;
}

export function callerOf(authorization: string | undefined): Caller {
  const m = /Credential=([^/,\s]+)\/\d{8}\/([^/,\s]+)\/[^/,\s]+\/aws4_request/.exec(authorization ?? '');
  return m ? { accessKeyId: m[1]!, region: m[2]! } : {};
}

/** Access key id → account. Keys not in the map belong to the stand-in's own account. */
export class CallerAccounts {
  private readonly map = new Map<string, string>();

  set(accessKeyId: string, account: string): void {
    if (!ACCESS_KEY.test(accessKeyId)) throw new TypeError(`callerAccounts: "${accessKeyId}" is not an access key id (16-128 upper-case letters and digits)`);
    if (!/^\d{12}$/.test(account)) throw new TypeError(`callerAccounts: the account of ${accessKeyId} must be 12 digits, got "${account}"`);
    this.map.set(accessKeyId, account);
  }

  get(accessKeyId: string | undefined, fallback: string): string {
    return (accessKeyId && this.map.get(accessKeyId)) || fallback;
  }

  entries(): Record<string, string> {
    return Object.fromEntries(this.map);
  }

  clear(): void {
    this.map.clear();
  }
}

/** Whether a request without X-Amz-Target is a query-protocol (STS) request: a form with `Action`. */
export function parseQueryForm(contentType: string | undefined, text: string): Record<string, string> | undefined {
  const isForm = /application\/x-www-form-urlencoded/i.test(contentType ?? '');
  if (!isForm && !/^[A-Za-z][\w.]*=/.test(text.trim())) return undefined;
  const params = new URLSearchParams(text.trim());
  if (!params.has('Action')) return undefined;
  return Object.fromEntries(params);
}

/**
 * The operation a query-protocol request asks for, or the ApiError STS answers: unknown actions and
 * versions are `InvalidAction`, as STS answers them; a missing Version is `MissingParameter` (our
 * wording, unverified). Other parameters are ignored (GetCallerIdentity takes none).
 */
export function stsOperation(form: Record<string, string>): string {
  const action = form.Action ?? '';
  const version = form.Version;
  if (version === undefined || version === '') throw new ApiError(400, 'MissingParameter', 'The request must contain the parameter Version');
  if (!(STS_OPERATIONS as readonly string[]).includes(action) || version !== STS_VERSION) {
    throw new ApiError(400, 'InvalidAction', `Could not find operation ${action} for version ${version}`);
  }
  return action;
}

/** The GetCallerIdentity answer for a caller of `account`. */
export function callerIdentityXml(caller: Caller, account: string, requestId: string): string {
  const id = identityOf(caller.accessKeyId, account);
  return (
    `<GetCallerIdentityResponse xmlns="${XMLNS}">` +
    `<GetCallerIdentityResult><Arn>${escapeXml(id.arn)}</Arn><UserId>${escapeXml(id.userId)}</UserId><Account>${account}</Account></GetCallerIdentityResult>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
    `</GetCallerIdentityResponse>`
  );
}

/** The IAM user behind an access key: the same ARN the stand-in's AccessDenied messages name. */
export function identityOf(accessKeyId: string | undefined, account: string): { arn: string; userId: string } {
  const digest = createHash('sha256').update(accessKeyId ?? 'anonymous').digest('hex').toUpperCase();
  return { arn: `arn:aws:iam::${account}:user/smlogs-test`, userId: `AIDA${digest.slice(0, 17)}` };
}

// The JSON services' codes, as the query protocol spells them (STS answers auth faults with 403).
const QUERY_CODES: Record<string, [number, string]> = {
  ThrottlingException: [400, 'Throttling'],
  UnrecognizedClientException: [403, 'InvalidClientTokenId'],
  AccessDeniedException: [403, 'AccessDenied'],
  ServiceUnavailableException: [503, 'ServiceUnavailable'],
};

/** An error answer of the query protocol: `<ErrorResponse><Error><Type>Sender|Receiver</Type>…`. */
export function queryError(e: ApiError, requestId: string): { status: number; code: string; xml: string } {
  const [status, code] = QUERY_CODES[e.code] ?? [e.status, e.code];
  const type = status >= 500 ? 'Receiver' : 'Sender';
  const xml =
    `<ErrorResponse xmlns="${XMLNS}">` +
    `<Error><Type>${type}</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(e.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId>` +
    `</ErrorResponse>`;
  return { status, code, xml };
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
