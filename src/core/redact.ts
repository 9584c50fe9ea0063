// Redaction of what the plugin prints about itself: -v's debug lines and error lines (which can
// quote an exec plugin's stderr, a kubeconfig parse error or a server's message). Two layers:
// secret values the run has seen (tokens, keys; registered at run time, see debug.ts), replaced
// wherever they appear, and patterns for secrets it has not seen (a failing exec plugin echoing
// a token it never handed over, a presigned URL in an error message). Pure: no state, no I/O.

export const REDACTED = '<redacted>';

/** Known values shorter than this are not replaced literally: a short "secret" would mangle ordinary words. */
export const MIN_SECRET_LENGTH = 6;

// `name: value`, `name=value`, `"name": "value"` for names that hold secrets: kubeconfig and
// ExecCredential fields, AWS credential files and variables, credential_process / STS JSON. The
// look-behind keeps `nextToken=`, `--token-file` and the like: the name must start a word.
const SECRET_FIELD =
  /(?<![A-Za-z0-9])((?:aws_)?(?:secret[_-]?access[_-]?key|session[_-]?token|security[_-]?token|access[_-]?token|refresh[_-]?token|id[_-]?token|auth[_-]?token|bearer[_-]?token|client[_-]?key[_-]?data|client[_-]?secret|private[_-]?key|password|passwd|token)["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s"',;&}\])]+)/gi;

// Query parameters of presigned URLs (S3/SigV4, SigV2, CloudFront, GCS, Azure SAS) and OAuth.
const SIGNED_QUERY = /(?<![A-Za-z0-9_-])((?:X-Amz-Signature|X-Amz-Security-Token|X-Amz-Credential|X-Goog-Signature|X-Goog-Credential|Signature|sig|Policy|Key-Pair-Id|AWSAccessKeyId|access_token|id_token)=)[^&\s"'<>#;,)]+/gi;

// A private key in PEM, up to its END line (or to the end of the text when cut short).
const PEM_KEY = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;

// base64 of "-----BEGIN": kubeconfig client-key-data (and certificate-authority-data, which is no
// secret and is kept: only blocks that decode to a private key are redacted).
const BASE64_PEM = /LS0tLS1CRUdJTi[A-Za-z0-9+/]*={0,2}/g;

const AUTHORIZATION = /(\bauthorization["']?\s*[:=]\s*["']?)[^\r\n"']+/gi;
const BEARER = /\b(bearer\s+)([A-Za-z0-9\-._~+/]+=*)/gi;
// aws eks get-token: a base64url presigned STS URL.
const EKS_TOKEN = /\bk8s-aws-v1\.[A-Za-z0-9_\-=]+/g;
// JSON web tokens: service-account tokens, OIDC id tokens.
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;

/** Replaces known secret values and anything that looks like a credential with `<redacted>`. */
export function redact(text: string, secrets: Iterable<string | undefined> = []): string {
  let out = text;
  // Longest first: a secret that contains another is replaced whole.
  const known = [...new Set([...secrets].filter((s): s is string => s !== undefined && s.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length);
  for (const s of known) if (out.includes(s)) out = out.split(s).join(REDACTED);
  return out
    .replace(PEM_KEY, (_, kind: string) => `-----BEGIN ${kind}PRIVATE KEY-----${REDACTED}-----END ${kind}PRIVATE KEY-----`)
    .replace(BASE64_PEM, (b64) => (/PRIVATE KEY/.test(Buffer.from(b64.slice(0, 60), 'base64').toString('latin1')) ? REDACTED : b64))
    .replace(AUTHORIZATION, `$1${REDACTED}`)
    .replace(BEARER, (whole, prefix: string, token: string) => (looksSecret(token) ? prefix + REDACTED : whole))
    .replace(EKS_TOKEN, `k8s-aws-v1.${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(SIGNED_QUERY, `$1${REDACTED}`)
    .replace(SECRET_FIELD, (_, name: string, value: string) => {
      const q = value[0] === '"' || value[0] === "'" ? value[0] : '';
      return `${name}${q}${REDACTED}${q}`;
    });
}

// "bearer token" in a sentence is not a credential; a credential is long and not a plain word.
function looksSecret(token: string): boolean {
  return token.length >= 8 && !/^[a-z]+$/.test(token);
}
