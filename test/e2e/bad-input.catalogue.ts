// The bad-input catalogue (issue 7): every bad input tried, with the exact stderr and exit code
// the plugin answers. bad-input.test.ts runs each row against the stand-ins; `npm run catalogue`
// renders it into README.md (### Bad input), and test/unit/bad-input-readme.test.ts fails when
// the README's table and this file differ. Rows run against the e2e world (support/world.ts):
// the fixture resources in namespace ml-team, the clock at ANCHOR + 2 h.
//
// Placeholders, in args, env values and stderr, stand for what differs between runs:
//   <dir>          a folder holding the kubeconfig variants (see KUBECONFIGS)
//   <kubeconfig>   the working kubeconfig (context "sandbox", user "tester", namespace ml-team)
//   <api-server>   the Kubernetes stand-in, https://127.0.0.1:PORT
//   <closed-port>  https://127.0.0.1:PORT where nothing listens
//   <empty-home>   a HOME with no ~/.kube/config
import type { KubeObject } from '../standins/kube';

export const CATEGORIES = [
  'unknown kind',
  'malformed name or arguments',
  'bad duration or time',
  'conflicting or bad flags',
  'missing kubeconfig',
  'malformed kubeconfig',
  'unreachable cluster',
  'expired or missing credentials',
  'missing region',
  'nonexistent job',
  'CRD not installed',
  'forbidden',
  'resource never submitted',
  'log group or streams missing',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Kubeconfig files the test writes into <dir> as <variant>.yaml ("missing" is never written). */
export const KUBECONFIGS = {
  missing: 'is never written',
  'bad-yaml': 'holds an unclosed flow sequence, "clusters: [" without "]"',
  'not-a-kubeconfig': 'holds a YAML scalar, "just some text"',
  empty: 'holds only a comment: no contexts, no current-context',
  unreachable: 'has context "unreachable", whose server is a closed port',
  'expired-token': 'has context "expired-token", whose bearer token the API server rejects',
  forbidden: 'has context "bob": user bob, denied everything in namespace locked and every delete',
} as const;
export type KubeconfigVariant = keyof typeof KUBECONFIGS;

export interface Setup {
  /** KUBECONFIG=<dir>/<variant>.yaml; `none`: KUBECONFIG unset and HOME=<empty-home>. */
  readonly kubeconfig?: KubeconfigVariant | 'none';
  /** Environment changes; undefined unsets the variable. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** CRD families the cluster serves during the row (default both). */
  readonly groups?: ReadonlyArray<'legacy' | 'ack'>;
  /** The AWS stand-in answers the next call of `operation` with this error. */
  readonly awsFault?: { readonly operation: string; readonly status: number; readonly code: string; readonly message: string };
  /** AWS calls signed with this access key id are refused as unknown (403 UnrecognizedClientException). */
  readonly unknownAccessKey?: string;
  /** The API server answers requests to `path` only after `ms`. */
  readonly kubeDelay?: { readonly path: string; readonly ms: number };
}

export interface BadInput {
  /** Stable, unique; the test's name. */
  readonly id: string;
  readonly category: Category;
  /** What is wrong, for humans. */
  readonly input: string;
  /** The plugin's arguments (`kubectl smlogs` ARGS). */
  readonly args: readonly string[];
  readonly setup?: Setup;
  readonly exitCode: 0 | 1 | 2 | 3 | 4 | 5;
  /** The whole of stderr, line by line (stdout is always empty). */
  readonly stderr: readonly string[];
}

/** Resources only the catalogue needs, stored in the cluster before the rows run. */
export const EXTRA_OBJECTS: KubeObject[] = [
  {
    // A resource whose status names no region (hand-made, or an ACK runtime before v0.16), in a namespace without a region annotation.
    apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
    kind: 'TrainingJob',
    metadata: { name: 'no-region', namespace: 'empty' },
    spec: { trainingJobName: 'nightly-stopped' },
    status: { ackResourceMetadata: { arn: 'arn:aws:sagemaker::111122223333:training-job/nightly-stopped', ownerAccountID: '111122223333' }, trainingJobStatus: 'Stopped' },
  } as KubeObject,
];

const KINDS =
  'use one of trainingjob|trainingjobs|tj, hyperparametertuningjob|hyperparametertuningjobs|tuningjob|tuningjobs|hpo, batchtransformjob|batchtransformjobs|transformjob|transformjobs|btj, processingjob|processingjobs|pj, hostingdeployment|hostingdeployments|endpoint|endpoints|hd (or plural.group, e.g. trainingjobs.sagemaker.services.k8s.aws)';
const BAD_NAME =
  'a Kubernetes object name is at most 253 lower-case letters, digits, "-" and ".", starting and ending with a letter or digit; give the resource\'s name (kubectl smlogs list shows them) or a SageMaker ARN';
const DURATION = 'expected a duration such as 30s, 5m, 2h or 1d';
const RFC3339 = 'expected an RFC 3339 time such as 2026-08-20T10:15:00Z';
const HELP = ' (see kubectl smlogs --help)';
const LEGACY_OP = 'the SageMaker Operators for Kubernetes (sagemaker.aws.amazon.com)';
const ACK_OP = 'the ACK SageMaker controller (sagemaker.services.k8s.aws)';
const CHURN = 'trainingjobs.sagemaker.aws.amazon.com/churn-xgb: training job churn-xgb-2022-05-03-a in us-east-1, Completed';
const LLAMA = 'trainingjobs.sagemaker.services.k8s.aws/llama-lora-sft';
const HPO_CHILD = '9d4e1a7c2b6f4c83a15e7f0c3b8d2e61-007-5e2a9c41';
const ARN = 'arn:aws:sagemaker:us-west-2:111122223333';
const notFoundIn = (ns: string, name = 'churn-xgb'): string =>
  `error: trainingjobs.sagemaker.aws.amazon.com "${name}" not found in namespace "${ns}" (also searched trainingjobs.sagemaker.services.k8s.aws); list them with: kubectl smlogs list -n ${ns}`;

export const CATALOGUE: readonly BadInput[] = [
  // ---- unknown kind ------------------------------------------------------------------------------
  { id: 'kind-core', category: 'unknown kind', input: 'a core Kubernetes kind', args: ['pods', 'x'], exitCode: 2, stderr: [`error: unknown kind "pods": ${KINDS}`] },
  { id: 'kind-foreign-group', category: 'unknown kind', input: 'a SageMaker word in another API group', args: ['trainingjobs.sagemaker.example.com', 'x'], exitCode: 2, stderr: [`error: unknown kind "trainingjobs.sagemaker.example.com": ${KINDS}`] },
  { id: 'kind-not-a-job', category: 'unknown kind', input: 'an ACK SageMaker kind that has no job (Model)', args: ['describe', 'models.sagemaker.services.k8s.aws', 'x'], exitCode: 2, stderr: [`error: unknown kind "models.sagemaker.services.k8s.aws": ${KINDS}`] },
  { id: 'kind-list', category: 'unknown kind', input: 'list with an unknown kind', args: ['list', 'pods'], exitCode: 2, stderr: [`error: unknown kind "pods": ${KINDS}`] },
  { id: 'kind-in-slash-form', category: 'unknown kind', input: 'KIND/NAME with a name of several segments', args: ['a/b/c'], exitCode: 2, stderr: [`error: unknown kind "a": ${KINDS}`] },

  // ---- malformed names and arguments -------------------------------------------------------------
  { id: 'name-empty-after-slash', category: 'malformed name or arguments', input: 'KIND/ with nothing after the slash', args: ['trainingjob/'], exitCode: 2, stderr: ['error: missing NAME after "trainingjob/": expected KIND NAME or KIND/NAME'] },
  { id: 'name-missing', category: 'malformed name or arguments', input: 'KIND without NAME', args: ['tj'], exitCode: 2, stderr: ['error: missing NAME after "tj": expected KIND NAME or KIND/NAME'] },
  { id: 'name-missing-describe', category: 'malformed name or arguments', input: 'describe without KIND and NAME', args: ['describe'], exitCode: 2, stderr: [`error: missing KIND and NAME: expected kubectl smlogs describe KIND NAME or KIND/NAME, e.g. kubectl smlogs describe trainingjob my-job${HELP}`] },
  { id: 'no-arguments', category: 'malformed name or arguments', input: 'no arguments at all', args: [], exitCode: 2, stderr: [`error: missing KIND and NAME: expected kubectl smlogs KIND NAME or KIND/NAME, e.g. kubectl smlogs trainingjob my-job${HELP}`] },
  { id: 'name-with-slash', category: 'malformed name or arguments', input: 'KIND/NAME/MORE: a name with a slash', args: ['tj/b/c'], exitCode: 2, stderr: [`error: invalid NAME "b/c": ${BAD_NAME}`] },
  { id: 'name-underscore', category: 'malformed name or arguments', input: 'a name no Kubernetes object can have (upper case, underscore)', args: ['tj', 'Bad_Name'], exitCode: 2, stderr: [`error: invalid NAME "Bad_Name": ${BAD_NAME}`] },
  { id: 'name-upper-case', category: 'malformed name or arguments', input: 'an upper-case name', args: ['describe', 'tj', 'CHURN-XGB'], exitCode: 2, stderr: [`error: invalid NAME "CHURN-XGB": ${BAD_NAME}`] },
  { id: 'name-trailing-dash', category: 'malformed name or arguments', input: 'a name ending with "-"', args: ['stop', 'tj', 'churn-', '--yes'], exitCode: 2, stderr: [`error: invalid NAME "churn-": ${BAD_NAME}`] },
  { id: 'namespace-invalid', category: 'malformed name or arguments', input: 'a namespace no cluster can have', args: ['tj', 'churn-xgb', '-n', 'Bad_NS'], exitCode: 2, stderr: ['error: invalid value "Bad_NS" for --namespace: a namespace is at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit'] },
  { id: 'arn-not-sagemaker', category: 'malformed name or arguments', input: 'an ARN of another service', args: ['tj', 'arn:aws:s3:::bucket'], exitCode: 2, stderr: ['error: "arn:aws:s3:::bucket" is not a SageMaker ARN (arn:aws:sagemaker:REGION:ACCOUNT:training-job/NAME)'] },
  { id: 'arn-no-name', category: 'malformed name or arguments', input: 'a SageMaker ARN without a name', args: ['tj', `${ARN}:training-job/`], exitCode: 2, stderr: [`error: "${ARN}:training-job/" is not a SageMaker ARN (arn:aws:sagemaker:REGION:ACCOUNT:training-job/NAME)`] },
  { id: 'arn-other-kind', category: 'malformed name or arguments', input: 'an endpoint ARN for a training-job kind', args: ['tj', `${ARN}:endpoint/churn-endpoint`], exitCode: 2, stderr: [`error: ${ARN}:endpoint/churn-endpoint is an endpoint ARN, but the kind asks for a training job`] },
  { id: 'too-many-arguments', category: 'malformed name or arguments', input: 'a third word', args: ['tj', 'churn-xgb', 'extra'], exitCode: 2, stderr: [`error: too many arguments for logs: extra; expected KIND NAME or KIND/NAME${HELP}`] },
  { id: 'misspelt-verb', category: 'malformed name or arguments', input: 'a misspelt command', args: ['describ', 'tj', 'churn-xgb'], exitCode: 2, stderr: [`error: unknown command "describ"; did you mean describe?${HELP}`] },
  { id: 'list-two-kinds', category: 'malformed name or arguments', input: 'list with two words', args: ['list', 'tj', 'hpo'], exitCode: 2, stderr: [`error: too many arguments for list: hpo; expected at most one KIND${HELP}`] },

  // ---- durations and times -----------------------------------------------------------------------
  { id: 'since-unit', category: 'bad duration or time', input: '--since with an unknown unit', args: ['tj', 'churn-xgb', '--since', '5x'], exitCode: 2, stderr: [`error: invalid value "5x" for --since: ${DURATION}`] },
  { id: 'since-negative', category: 'bad duration or time', input: 'a negative --since', args: ['tj', 'churn-xgb', '--since', '-1m'], exitCode: 2, stderr: [`error: invalid value "-1m" for --since: ${DURATION}`] },
  { id: 'since-no-unit', category: 'bad duration or time', input: '--since without a unit', args: ['tj', 'churn-xgb', '--since', '10'], exitCode: 2, stderr: [`error: invalid value "10" for --since: ${DURATION}`] },
  { id: 'since-empty', category: 'bad duration or time', input: 'an empty --since=', args: ['tj', 'churn-xgb', '--since='], exitCode: 2, stderr: [`error: invalid value "" for --since: ${DURATION}`] },
  { id: 'timeout-words', category: 'bad duration or time', input: 'wait --timeout in words', args: ['wait', 'tj', 'churn-xgb', '--timeout', 'soon'], exitCode: 2, stderr: [`error: invalid value "soon" for --timeout: ${DURATION}`] },
  { id: 'interval-zero', category: 'bad duration or time', input: 'wait --interval 0', args: ['wait', 'tj', 'churn-xgb', '--interval', '0'], exitCode: 2, stderr: ['error: invalid value "0" for --interval: it must be longer than 0'] },
  { id: 'interval-too-long', category: 'bad duration or time', input: 'wait --interval longer than a timer can wait', args: ['wait', 'tj', 'churn-xgb', '--interval', '30d'], exitCode: 2, stderr: ['error: invalid value "30d" for --interval: it must be at most 24d'] },
  { id: 'request-timeout-too-long', category: 'bad duration or time', input: '--request-timeout longer than a timer can wait', args: ['tj', 'churn-xgb', '--request-timeout', '30d'], exitCode: 2, stderr: ['error: invalid value "30d" for --request-timeout: it must be at most 24d'] },
  { id: 'request-timeout-no-unit', category: 'bad duration or time', input: '--request-timeout without a unit', args: ['tj', 'churn-xgb', '--request-timeout', '5'], exitCode: 2, stderr: [`error: invalid value "5" for --request-timeout: ${DURATION}`] },
  { id: 'since-time-words', category: 'bad duration or time', input: '--since-time in words', args: ['tj', 'churn-xgb', '--since-time', 'yesterday'], exitCode: 2, stderr: [`error: invalid value "yesterday" for --since-time: ${RFC3339}`] },
  { id: 'since-time-date-only', category: 'bad duration or time', input: '--since-time without a time of day and zone', args: ['tj', 'churn-xgb', '--since-time', '2026-08-20'], exitCode: 2, stderr: [`error: invalid value "2026-08-20" for --since-time: ${RFC3339}`] },
  { id: 'since-time-february-30', category: 'bad duration or time', input: '--since-time on a day the month does not have', args: ['tj', 'churn-xgb', '--since-time', '2026-02-30T00:00:00Z'], exitCode: 2, stderr: [`error: invalid value "2026-02-30T00:00:00Z" for --since-time: ${RFC3339}`] },
  { id: 'until-time-month-13', category: 'bad duration or time', input: '--until-time with month 13', args: ['tj', 'churn-xgb', '--until-time', '2026-13-01T00:00:00Z'], exitCode: 2, stderr: [`error: invalid value "2026-13-01T00:00:00Z" for --until-time: ${RFC3339}`] },
  {
    id: 'until-before-since-time',
    category: 'bad duration or time',
    input: '--until-time before --since-time',
    args: ['tj', 'churn-xgb', '--since-time', '2026-08-20T11:00:00Z', '--until-time', '2026-08-20T10:00:00Z'],
    exitCode: 2,
    stderr: ['error: empty time window: --until-time 2026-08-20T10:00:00Z is before --since-time 2026-08-20T11:00:00Z; give an --until-time after the --since-time'],
  },
  {
    id: 'until-before-since',
    category: 'bad duration or time',
    input: '--until-time before the start of --since',
    args: ['tj', 'churn-xgb', '--since', '5m', '--until-time', '2026-08-20T10:00:00Z'],
    exitCode: 2,
    stderr: ['error: empty time window: --until-time 2026-08-20T10:00:00Z is more than 5m ago, before --since 5m begins; give a later --until-time or a longer --since'],
  },

  // ---- conflicting and bad flags -----------------------------------------------------------------
  { id: 'since-and-since-time', category: 'conflicting or bad flags', input: '--since with --since-time', args: ['tj', 'churn-xgb', '--since', '5m', '--since-time', '2026-08-20T10:00:00Z'], exitCode: 2, stderr: ['error: --since and --since-time cannot be used together'] },
  { id: 'timeout-without-follow', category: 'conflicting or bad flags', input: '--timeout without --follow', args: ['tj', 'churn-xgb', '--timeout', '10m'], exitCode: 2, stderr: ['error: --timeout only applies with --follow'] },
  { id: 'best-not-tuning', category: 'conflicting or bad flags', input: '--best on a training job', args: ['tj', 'churn-xgb', '--best'], exitCode: 2, stderr: ['error: --best only applies to tuning jobs (tj names training jobs): drop it, or name a tuning job, e.g. hpo NAME'] },
  { id: 'output-logs', category: 'conflicting or bad flags', input: 'an unknown -o for logs', args: ['tj', 'churn-xgb', '-o', 'bogus'], exitCode: 2, stderr: ['error: invalid value "bogus" for --output: use one of default, raw, json, legacy'] },
  { id: 'output-describe', category: 'conflicting or bad flags', input: 'an unknown -o for describe', args: ['describe', 'tj', 'churn-xgb', '-o', 'table'], exitCode: 2, stderr: ['error: invalid value "table" for --output: use one of text, json, yaml'] },
  { id: 'output-list', category: 'conflicting or bad flags', input: 'an unknown -o for list', args: ['list', '-o', 'csv'], exitCode: 2, stderr: ['error: invalid value "csv" for --output: use one of text, wide, json, yaml'] },
  { id: 'tail-word', category: 'conflicting or bad flags', input: '--tail followed by a word (a bare --tail takes no value)', args: ['tj', 'churn-xgb', '--tail', 'abc'], exitCode: 2, stderr: [`error: too many arguments for logs: abc; expected KIND NAME or KIND/NAME (--tail takes a number of lines: --tail=N, or -1 for all)${HELP}`] },
  { id: 'tail-equals-word', category: 'conflicting or bad flags', input: '--tail=abc', args: ['tj', 'churn-xgb', '--tail=abc'], exitCode: 2, stderr: ['error: invalid value "abc" for --tail: expected a number of lines (-1 for all)'] },
  { id: 'tail-below-minus-one', category: 'conflicting or bad flags', input: '--tail below -1', args: ['tj', 'churn-xgb', '--tail=-5'], exitCode: 2, stderr: ['error: invalid value "-5" for --tail: expected -1 (all) or a number of lines ≥ 0'] },
  { id: 'color-unknown', category: 'conflicting or bad flags', input: '--color sometimes', args: ['tj', 'churn-xgb', '--color', 'sometimes'], exitCode: 2, stderr: ['error: invalid value "sometimes" for --color: use one of auto, always, never'] },
  { id: 'timestamps-unknown', category: 'conflicting or bad flags', input: '--timestamps=iso', args: ['tj', 'churn-xgb', '--timestamps=iso'], exitCode: 2, stderr: ['error: invalid value "iso" for --timestamps: use one of rfc3339, short, epoch'] },
  { id: 'timestamps-word', category: 'conflicting or bad flags', input: '--timestamps followed by an unknown format', args: ['tj', 'churn-xgb', '--timestamps', 'iso'], exitCode: 2, stderr: [`error: too many arguments for logs: iso; expected KIND NAME or KIND/NAME (--timestamps takes rfc3339, short or epoch: --timestamps=FORMAT)${HELP}`] },
  { id: 'timezone-unknown', category: 'conflicting or bad flags', input: '--timezone mars', args: ['tj', 'churn-xgb', '--timezone', 'mars'], exitCode: 2, stderr: ['error: invalid value "mars" for --timezone: use one of utc, local'] },
  { id: 'include-regex', category: 'conflicting or bad flags', input: 'an invalid regular expression', args: ['tj', 'churn-xgb', '-i', '('], exitCode: 2, stderr: ['error: invalid regular expression "(" for --include: /(/: Unterminated group'] },
  { id: 'api-rate-words', category: 'conflicting or bad flags', input: '--api-rate in words', args: ['tj', 'churn-xgb', '--api-rate', 'fast'], exitCode: 2, stderr: ['error: invalid value "fast" for --api-rate: expected N or OPERATION=N[,...] with OPERATION one of GetLogEvents, FilterLogEvents, DescribeLogStreams'] },
  { id: 'unknown-flag', category: 'conflicting or bad flags', input: 'a misspelt flag', args: ['tj', 'churn-xgb', '--folow'], exitCode: 2, stderr: [`error: unknown option '--folow'; did you mean --follow?${HELP}`] },
  { id: 'flag-without-value', category: 'conflicting or bad flags', input: '-n at the end, without its value', args: ['tj', 'churn-xgb', '-n'], exitCode: 2, stderr: [`error: option '-n, --namespace <namespace>' argument missing${HELP}`] },
  { id: 'completion-no-shell', category: 'conflicting or bad flags', input: 'completion without a shell', args: ['completion'], exitCode: 2, stderr: [`error: missing the shell: expected kubectl smlogs completion bash|zsh|fish${HELP}`] },
  { id: 'completion-shell', category: 'conflicting or bad flags', input: 'completion for an unsupported shell', args: ['completion', 'tcsh'], exitCode: 2, stderr: ['error: unknown shell "tcsh" for completion: use bash, zsh or fish'] },
  { id: 'stop-unconfirmed', category: 'conflicting or bad flags', input: 'stop without --yes, not on a terminal', args: ['stop', 'tj', 'xgboost-mnist'], exitCode: 2, stderr: ['error: refusing to stop tj xgboost-mnist without confirmation: not on a terminal; pass --yes to stop it (or --dry-run to see what would be stopped)'] },

  // ---- kubeconfig --------------------------------------------------------------------------------
  { id: 'kubeconfig-flag-missing', category: 'missing kubeconfig', input: '--kubeconfig names a file that does not exist', args: ['tj', 'churn-xgb', '--kubeconfig', '<dir>/missing.yaml'], exitCode: 1, stderr: ['error: kubeconfig <dir>/missing.yaml (from --kubeconfig) does not exist'] },
  { id: 'kubeconfig-env-missing', category: 'missing kubeconfig', input: 'KUBECONFIG names a file that does not exist', args: ['tj', 'churn-xgb'], setup: { kubeconfig: 'missing' }, exitCode: 1, stderr: ['error: no kubeconfig found: none of the files in KUBECONFIG (<dir>/missing.yaml) exists'] },
  { id: 'kubeconfig-none', category: 'missing kubeconfig', input: 'no KUBECONFIG, no ~/.kube/config, not in a pod', args: ['tj', 'churn-xgb'], setup: { kubeconfig: 'none' }, exitCode: 1, stderr: ['error: no kubeconfig found (~/.kube/config does not exist, KUBECONFIG is unset) and not running in a pod; pass --kubeconfig or set KUBECONFIG'] },
  { id: 'kubeconfig-bad-yaml', category: 'malformed kubeconfig', input: 'a kubeconfig that is not valid YAML', args: ['tj', 'churn-xgb'], setup: { kubeconfig: 'bad-yaml' }, exitCode: 1, stderr: ['error: cannot load kubeconfig <dir>/bad-yaml.yaml: missed comma between flow collection entries (3:3); fix the file, or pass another with --kubeconfig'] },
  { id: 'kubeconfig-not-a-mapping', category: 'malformed kubeconfig', input: 'valid YAML that is not a kubeconfig', args: ['tj', 'churn-xgb'], setup: { kubeconfig: 'not-a-kubeconfig' }, exitCode: 1, stderr: ['error: cannot load kubeconfig <dir>/not-a-kubeconfig.yaml: it is not a kubeconfig (a YAML mapping of clusters, contexts and users); fix the file, or pass another with --kubeconfig'] },
  { id: 'kubeconfig-empty', category: 'malformed kubeconfig', input: 'a kubeconfig without a current context', args: ['tj', 'churn-xgb'], setup: { kubeconfig: 'empty' }, exitCode: 1, stderr: ['error: no current context in kubeconfig <dir>/empty.yaml: pass --context NAME or run "kubectl config use-context NAME"'] },
  { id: 'context-missing', category: 'malformed kubeconfig', input: '--context that the kubeconfig does not have', args: ['tj', 'churn-xgb', '--context', 'nope'], exitCode: 1, stderr: ['error: context "nope" (from --context) does not exist in kubeconfig <kubeconfig>'] },
  { id: 'user-missing', category: 'malformed kubeconfig', input: '--user that the kubeconfig does not have', args: ['tj', 'churn-xgb', '--user', 'nope'], exitCode: 1, stderr: ['error: user "nope" (from --user) does not exist in kubeconfig <kubeconfig>'] },

  // ---- the cluster -------------------------------------------------------------------------------
  { id: 'cluster-closed-port', category: 'unreachable cluster', input: 'a server on a closed port', args: ['tj', 'churn-xgb'], setup: { kubeconfig: 'unreachable' }, exitCode: 1, stderr: ['error: cannot reach the Kubernetes API server <closed-port> (context "unreachable"): connection refused'] },
  { id: 'cluster-closed-port-list', category: 'unreachable cluster', input: 'list against a server on a closed port', args: ['list', '-A'], setup: { kubeconfig: 'unreachable' }, exitCode: 1, stderr: ['error: cannot reach the Kubernetes API server <closed-port> (context "unreachable"): connection refused'] },
  {
    id: 'cluster-too-slow',
    category: 'unreachable cluster',
    input: 'a server slower than --request-timeout',
    args: ['tj', 'churn-xgb', '--request-timeout', '300ms'],
    setup: { kubeDelay: { path: '/apis', ms: 3000 } },
    exitCode: 1,
    stderr: ['error: the Kubernetes API server <api-server> did not answer within 300ms (--request-timeout)'],
  },

  // ---- credentials -------------------------------------------------------------------------------
  {
    id: 'kube-token-expired',
    category: 'expired or missing credentials',
    input: 'a Kubernetes token the server rejects (401)',
    args: ['tj', 'churn-xgb'],
    setup: { kubeconfig: 'expired-token' },
    exitCode: 1,
    stderr: ['error: the Kubernetes API server <api-server> rejected the credentials of user "tester" in context "expired-token" (401 Unauthorized): log in again or check the kubeconfig'],
  },
  {
    id: 'aws-token-expired',
    category: 'expired or missing credentials',
    input: 'an expired AWS session token',
    args: ['describe', 'tj', 'churn-xgb'],
    setup: { awsFault: { operation: 'DescribeTrainingJob', status: 400, code: 'ExpiredTokenException', message: 'The security token included in the request is expired' } },
    exitCode: 1,
    stderr: ['error: the AWS credentials have expired, so could not describe training job churn-xgb-2022-05-03-a in us-east-1 (The security token included in the request is expired); renew them (aws sso login, or a new AWS_SESSION_TOKEN) and run again'],
  },
  {
    id: 'aws-key-unknown',
    category: 'expired or missing credentials',
    input: 'an AWS access key the service does not know',
    args: ['tj', 'churn-xgb'],
    setup: { env: { AWS_ACCESS_KEY_ID: 'AKIAUNKNOWNEXAMPLE' }, unknownAccessKey: 'AKIAUNKNOWNEXAMPLE' },
    exitCode: 1,
    stderr: ['error: AWS rejected the credentials used to describe training job churn-xgb-2022-05-03-a in us-east-1 (The security token included in the request is invalid); check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or pass --profile'],
  },
  {
    id: 'aws-no-credentials',
    category: 'expired or missing credentials',
    input: 'no AWS credentials anywhere',
    args: ['tj', 'churn-xgb'],
    setup: { env: { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined } },
    exitCode: 1,
    stderr: ['error: no usable AWS credentials to describe training job churn-xgb-2022-05-03-a: Could not load credentials from any providers; set AWS_PROFILE or pass --profile, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY'],
  },

  // ---- region ------------------------------------------------------------------------------------
  {
    id: 'region-none',
    category: 'missing region',
    input: 'a resource that names no region, without --region or AWS_REGION',
    args: ['tj', 'no-region', '-n', 'empty'],
    setup: { env: { AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined } },
    exitCode: 1,
    stderr: ['error: no AWS region for trainingjobs.sagemaker.services.k8s.aws/no-region: the resource names none; pass --region or set AWS_REGION'],
  },
  { id: 'arn-no-region', category: 'missing region', input: 'an ARN without its region', args: ['tj', 'arn:aws:sagemaker::111122223333:training-job/nightly-stopped'], exitCode: 2, stderr: ['error: "arn:aws:sagemaker::111122223333:training-job/nightly-stopped" is not a SageMaker ARN (arn:aws:sagemaker:REGION:ACCOUNT:training-job/NAME)'] },

  // ---- nonexistent objects and jobs --------------------------------------------------------------
  { id: 'resource-missing', category: 'nonexistent job', input: 'no such resource in the namespace', args: ['tj', 'nope'], exitCode: 1, stderr: [notFoundIn('ml-team', 'nope')] },
  { id: 'resource-other-namespace', category: 'nonexistent job', input: 'the resource is in another namespace', args: ['tj', 'churn-xgb', '-n', 'empty'], exitCode: 1, stderr: [notFoundIn('empty')] },
  {
    id: 'job-missing-arn',
    category: 'nonexistent job',
    input: 'a training-job ARN SageMaker does not know',
    args: ['tj', `${ARN}:training-job/nope`],
    exitCode: 1,
    stderr: ['error: training job nope not found in SageMaker in us-west-2 (Requested resource not found.); your credentials are for its account 111122223333, so check the name and the Region'],
  },
  {
    id: 'tuning-job-missing-arn',
    category: 'nonexistent job',
    input: 'a tuning-job ARN SageMaker does not know (ResourceNotFound)',
    args: ['describe', 'hpo', `${ARN}:hyper-parameter-tuning-job/nope`],
    exitCode: 1,
    stderr: ["error: tuning job nope not found in SageMaker in us-west-2 (Amazon SageMaker can't find a tuning job called nope. Type another name.); your credentials are for its account 111122223333, so check the name and the Region"],
  },
  {
    id: 'job-other-account',
    category: 'nonexistent job',
    input: 'an ARN of another account than the credentials\'',
    args: ['tj', 'arn:aws:sagemaker:us-west-2:444455556666:training-job/nope'],
    exitCode: 1,
    stderr: ['error: training job nope not found in SageMaker in us-west-2 (Requested resource not found.); the job belongs to account 444455556666 but your credentials are for account 111122223333; pass --profile for the right account'],
  },
  {
    id: 'resource-job-missing',
    category: 'nonexistent job',
    input: 'a resource whose SageMaker job does not exist',
    args: ['tj', HPO_CHILD],
    exitCode: 1,
    stderr: [`error: training job ${HPO_CHILD} not found in SageMaker in us-west-2 (Requested resource not found.); check the Region (--region) and the AWS account of your credentials (--profile)`],
  },
  {
    id: 'resource-job-missing-wait',
    category: 'nonexistent job',
    input: 'wait on a resource whose SageMaker job does not exist',
    args: ['wait', 'tj', HPO_CHILD],
    exitCode: 1,
    stderr: [
      `waiting for trainingjobs.sagemaker.aws.amazon.com/${HPO_CHILD}: training job ${HPO_CHILD} in us-west-2 (polling every 10s)`,
      `error: training job ${HPO_CHILD} not found in SageMaker in us-west-2 (Requested resource not found.); check the Region (--region) and the AWS account of your credentials (--profile)`,
    ],
  },

  // ---- operators not installed -------------------------------------------------------------------
  {
    id: 'crd-legacy-missing',
    category: 'CRD not installed',
    input: 'a legacy qualified kind where only ACK is installed',
    args: ['hostingdeployments.sagemaker.aws.amazon.com/xgboost-hosting'],
    setup: { groups: ['ack'] },
    exitCode: 1,
    stderr: [`error: the cluster does not serve hostingdeployments.sagemaker.aws.amazon.com: ${LEGACY_OP} is not installed`],
  },
  {
    id: 'crd-shared-word',
    category: 'CRD not installed',
    input: 'a legacy resource by a shared word where only ACK is installed',
    args: ['hd', 'xgboost-hosting'],
    setup: { groups: ['ack'] },
    exitCode: 1,
    stderr: [`error: endpoints.sagemaker.services.k8s.aws "xgboost-hosting" not found in namespace "ml-team" (hostingdeployments.sagemaker.aws.amazon.com not searched: ${LEGACY_OP} is not installed); list them with: kubectl smlogs list -n ml-team`],
  },
  {
    id: 'crd-ack-missing',
    category: 'CRD not installed',
    input: 'an ACK qualified kind where only the legacy operator is installed',
    args: ['transformjobs.sagemaker.services.k8s.aws', 'churn-batch-scoring'],
    setup: { groups: ['legacy'] },
    exitCode: 1,
    stderr: [`error: the cluster does not serve transformjobs.sagemaker.services.k8s.aws: ${ACK_OP} is not installed`],
  },
  {
    id: 'crd-none',
    category: 'CRD not installed',
    input: 'neither operator installed',
    args: ['tj', 'churn-xgb'],
    setup: { groups: [] },
    exitCode: 1,
    stderr: [`error: the cluster serves no trainingjobs.sagemaker.aws.amazon.com or trainingjobs.sagemaker.services.k8s.aws: neither ${LEGACY_OP} nor ${ACK_OP} is installed`],
  },
  {
    id: 'crd-none-list',
    category: 'CRD not installed',
    input: 'list where neither operator is installed',
    args: ['list'],
    setup: { groups: [] },
    exitCode: 1,
    stderr: [`error: the cluster serves no SageMaker custom resources: neither ${LEGACY_OP} nor ${ACK_OP} is installed`],
  },

  // ---- RBAC --------------------------------------------------------------------------------------
  {
    id: 'forbidden-namespace',
    category: 'forbidden',
    input: 'a namespace the user may not read',
    args: ['tj', 'churn-xgb'],
    setup: { kubeconfig: 'forbidden' },
    exitCode: 1,
    stderr: [
      'error: trainingjobs.sagemaker.aws.amazon.com "churn-xgb" is forbidden: User "bob" cannot get resource "trainingjobs" in API group "sagemaker.aws.amazon.com" in the namespace "locked"; ask your cluster administrator for access, or use another --context or --user',
    ],
  },
  {
    id: 'forbidden-stop',
    category: 'forbidden',
    input: 'stop by a user who may not delete the resource',
    args: ['stop', 'tj', 'xgboost-mnist', '--yes', '-n', 'ml-team'],
    setup: { kubeconfig: 'forbidden' },
    exitCode: 1,
    stderr: [
      'error: not allowed to stop training job xgboost-mnist-6f3b2c1e8d4a4e7b9c210a5e7d3f9b84: you may not delete trainingjobs.sagemaker.aws.amazon.com "xgboost-mnist" in namespace "ml-team" (ask for RBAC verb "delete" on trainingjobs.sagemaker.aws.amazon.com in namespace "ml-team")',
    ],
  },

  // ---- not submitted yet -------------------------------------------------------------------------
  { id: 'unsubmitted-logs', category: 'resource never submitted', input: 'logs of a resource the controller has not reconciled', args: ['tj', 'llama-lora-sft'], exitCode: 1, stderr: [`error: ${LLAMA} has no SageMaker job yet: the ACK controller has not reconciled it yet (no status); use --follow (or wait) to wait for it`] },
  {
    id: 'unsubmitted-stop',
    category: 'resource never submitted',
    input: 'stop a resource that has no job yet',
    args: ['stop', 'tj', 'llama-lora-sft', '--yes'],
    exitCode: 1,
    stderr: [`error: ${LLAMA} has no SageMaker job to stop yet (the ACK controller has not reconciled it yet (no status)); to cancel it, delete the resource: kubectl delete ${LLAMA} -n ml-team`],
  },
  {
    id: 'unsubmitted-wait-timeout',
    category: 'resource never submitted',
    input: 'wait on an unreconciled resource until --timeout',
    args: ['wait', 'tj', 'llama-lora-sft', '--timeout', '300ms'],
    exitCode: 5,
    stderr: [`waiting for ${LLAMA} to be submitted to SageMaker (the ACK controller has not reconciled it yet (no status))`, `error: timed out waiting for ${LLAMA} to be submitted to SageMaker`],
  },
  {
    id: 'unsubmitted-follow-timeout',
    category: 'resource never submitted',
    input: 'follow an unreconciled resource until --timeout',
    args: ['tj', 'llama-lora-sft', '-f', '--timeout', '300ms'],
    exitCode: 5,
    stderr: [`waiting for ${LLAMA} to be submitted to SageMaker (the ACK controller has not reconciled it yet (no status))`, `error: timed out waiting for ${LLAMA} to be submitted to SageMaker`],
  },

  // ---- no logs (not errors: exit 0, said on stderr) ----------------------------------------------
  {
    id: 'log-group-missing',
    category: 'log group or streams missing',
    input: 'an endpoint whose log group does not exist',
    args: ['endpoint', 'churn-endpoint'],
    exitCode: 0,
    stderr: ['endpoints.sagemaker.services.k8s.aws/churn-endpoint: endpoint churn-endpoint in us-east-1, InService', 'no logs yet: log group /aws/sagemaker/Endpoints/churn-endpoint does not exist in us-east-1 (no endpoint has logged there yet)'],
  },
  {
    id: 'log-group-missing-kind',
    category: 'log group or streams missing',
    input: 'a processing job where no processing job has logged',
    args: ['pj', 'kmeans-mnist-preprocessing-nightly'],
    exitCode: 0,
    stderr: [
      'processingjobs.sagemaker.aws.amazon.com/kmeans-mnist-preprocessing-nightly: processing job kmeans-mnist-preprocessing-nig-b5c80e129f3d4a67b2e471d6a0c95f38 in us-west-2, InProgress',
      'no logs yet: log group /aws/sagemaker/ProcessingJobs does not exist in us-west-2 (no job of this kind has logged there yet)',
    ],
  },
  {
    id: 'log-streams-missing',
    category: 'log group or streams missing',
    input: 'a running job that has not logged yet',
    args: ['tj', 'resnet50-finetune'],
    exitCode: 0,
    stderr: [
      'trainingjobs.sagemaker.services.k8s.aws/resnet50-finetune: training job resnet50-finetune-20260820 in us-west-2, InProgress (Training)',
      'no log streams for training job resnet50-finetune-20260820 (InProgress (Training)) in /aws/sagemaker/TrainingJobs (streams resnet50-finetune-20260820/*): it has not written any logs yet; use --follow to wait for them',
    ],
  },
  {
    id: 'log-streams-filtered',
    category: 'log group or streams missing',
    input: '--instance that matches no stream',
    args: ['tj', 'churn-xgb', '--instance', 'algo-9'],
    exitCode: 0,
    stderr: [
      CHURN,
      'no log streams for training job churn-xgb-2022-05-03-a (Completed) in /aws/sagemaker/TrainingJobs (streams churn-xgb-2022-05-03-a/*) match --instance algo-9; check the instance names (algo-1, algo-2, …), or drop the filter to see every instance',
    ],
  },
];
