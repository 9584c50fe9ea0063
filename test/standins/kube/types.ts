// Shared types of the Kubernetes API stand-in.

/** A Kubernetes object as JSON (custom resources, namespaces, endpoints). */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: KubeMetadata;
  [key: string]: unknown;
}

export interface KubeMetadata {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  [key: string]: unknown;
}

/** Which CRD families are installed. */
export type Family = 'legacy' | 'ack';

export type AuthKind = 'token' | 'cert' | 'none';

/** Who made a request, after authentication (and impersonation). */
export interface Identity {
  user: string;
  groups: string[];
  authKind: AuthKind;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  accept?: string;
  user?: string;
  authKind: AuthKind;
  /** HTTP status; 0 until the response head is written; -1 for a connection dropped by a fault. */
  status: number;
  /** Date.now() when the request arrived. */
  time: number;
  userAgent?: string;
  /** Content-Type of the request body, if any. */
  contentType?: string;
}

/** One authorization rule. Omitted fields match anything; '*' does too. */
export interface PolicyRule {
  /** User name the rule applies to ('*' = everyone). */
  user?: string | string[];
  /** Matches when the user is in this group (e.g. system:authenticated). */
  userGroup?: string | string[];
  verb?: string | string[];
  /** API group ('' = core). */
  group?: string | string[];
  resource?: string | string[];
  subresource?: string | string[];
  namespace?: string | string[];
  name?: string | string[];
  /** Default 'deny' for policy.deny(), 'allow' for policy.allow(). */
  effect?: 'allow' | 'deny';
  /** SelfSubjectAccessReview status.reason (kubectl prints `no - <reason>`). Default: none. */
  reason?: string;
}

/** A user the stand-in knows. Tokens and AWS exec tokens map to it; client certificates carry the name themselves. */
export interface ScenarioUser {
  name: string;
  groups?: string[];
  /** Bearer tokens that authenticate as this user. */
  tokens?: string[];
  /** Map `aws eks get-token` tokens (k8s-aws-v1.…) to this user. */
  aws?: { cluster?: string; accessKeyId?: string };
}

export interface ScenarioNamespace {
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface AwsTokenOptions {
  /** The user an AWS token maps to when no `users[].aws` entry matches. Default `eks-admin`. */
  defaultUser?: string;
  defaultGroups?: string[];
  /** Credentials whose SigV4 signatures the stand-in can check (and so learn x-k8s-aws-id). Default: the AWS documentation example pair the tests use. */
  credentials?: Array<{ accessKeyId: string; secretAccessKey: string }>;
  /** Reject tokens whose X-Amz-Date is older than 15 minutes (as aws-iam-authenticator does). Default true. */
  checkExpiry?: boolean;
  /** Reject AWS tokens whose signature does not verify for one of the clusters named in users[].aws (default false: any well-formed token passes). */
  strict?: boolean;
}

/** A scenario: everything the stand-in serves. Loadable from YAML/JSON (see README.md). */
export interface KubeScenario {
  minor?: number;
  gitVersion?: string;
  discovery?: 'aggregated' | 'legacy';
  groups?: Family[];
  namespaces?: ScenarioNamespace[];
  users?: ScenarioUser[];
  policy?: { default?: 'allow' | 'deny'; rules?: PolicyRule[] };
  aws?: AwsTokenOptions;
  /** Objects: inline, or loaded from multi-document YAML files (paths relative to the scenario file). */
  objects?: Array<KubeObject | { file: string }>;
}
