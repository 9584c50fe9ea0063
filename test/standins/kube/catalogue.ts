// What the stand-in serves: the two SageMaker CRD families (crds.md), exactly as their CRDs define them,
// plus the few built-in resources the product and kubectl touch.

import type { Family } from './types';

export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'date';

export interface PrinterColumn {
  name: string;
  type: ColumnType;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

export interface ResourceDef {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  verbs: string[];
  shortNames?: string[];
  /** Subresources with their verbs (CRDs: status). */
  subresources: Array<{ name: string; verbs: string[] }>;
  /** CRD additionalPrinterColumns; undefined for a CRD without any (it gets Age). */
  printerColumns?: PrinterColumn[];
  /** Where it comes from: a CRD family, or a built-in API. */
  origin: Family | 'core' | 'builtin';
  /** Built-in resources with a server-side table printer of their own. */
  builtinTable?: 'namespaces' | 'endpoints';
  /** Resources that only take POST (reviews): no storage. */
  createOnly?: boolean;
}

export const LEGACY_GROUP = 'sagemaker.aws.amazon.com';
export const LEGACY_VERSION = 'v1';
export const ACK_GROUP = 'sagemaker.services.k8s.aws';
export const ACK_VERSION = 'v1alpha1';

/** The verbs a CRD's resource is served with, in the apiserver's order. */
const CRD_VERBS = ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'];
const STATUS = [{ name: 'status', verbs: ['get', 'patch', 'update'] }];

const col = (name: string, jsonPath: string, type: ColumnType = 'string', extra: Partial<PrinterColumn> = {}): PrinterColumn => ({
  name,
  type,
  jsonPath,
  ...extra,
});

// Legacy operator (apiextensions v1beta1 CRDs, config/crd/bases/*.yaml @e131566).
const creationTime = col('Creation-Time', '.metadata.creationTimestamp', 'string', { format: 'date' });
const legacyJobName = (path: string) => col('Sagemaker-Job-Name', path);
const counter = (name: string, field: string) =>
  col(name, `.status.trainingJobStatusCounters.${field}`, 'number', { format: 'int64' });

function crd(
  origin: Family,
  kind: string,
  plural: string,
  printerColumns: PrinterColumn[] | undefined,
  shortNames?: string[],
): ResourceDef {
  const legacy = origin === 'legacy';
  const def: ResourceDef = {
    group: legacy ? LEGACY_GROUP : ACK_GROUP,
    version: legacy ? LEGACY_VERSION : ACK_VERSION,
    kind,
    listKind: `${kind}List`,
    plural,
    singular: kind.toLowerCase(),
    namespaced: true,
    verbs: CRD_VERBS,
    subresources: STATUS,
    origin,
  };
  if (printerColumns) def.printerColumns = printerColumns;
  if (shortNames) def.shortNames = shortNames;
  return def;
}

export const LEGACY_RESOURCES: ResourceDef[] = [
  crd('legacy', 'BatchTransformJob', 'batchtransformjobs', [
    col('Status', '.status.transformJobStatus'),
    creationTime,
    legacyJobName('.status.sageMakerTransformJobName'),
  ]),
  crd('legacy', 'EndpointConfig', 'endpointconfigs', [
    col('Status', '.status.status'),
    col('Sage-Maker-EndpointConfig-Name', '.status.sageMakerEndpointConfigName'),
  ]),
  crd(
    'legacy',
    'HostingAutoscalingPolicy',
    'hostingautoscalingpolicies',
    [col('Status', '.status.hostingAutoscalingPolicyStatus'), creationTime],
    ['hap'],
  ),
  crd('legacy', 'HostingDeployment', 'hostingdeployments', [
    col('Status', '.status.endpointStatus'),
    col('Sagemaker-endpoint-name', '.status.endpointName'),
  ]),
  crd('legacy', 'HyperparameterTuningJob', 'hyperparametertuningjobs', [
    col('Status', '.status.hyperParameterTuningJobStatus'),
    creationTime,
    counter('Completed', 'completed'),
    counter('InProgress', 'inProgress'),
    counter('Errors', 'totalError'),
    counter('Stopped', 'stopped'),
    col('Best-Training-Job', '.status.bestTrainingJob.trainingJobName'),
    legacyJobName('.status.sageMakerHyperParameterTuningJobName'),
  ]),
  crd('legacy', 'Model', 'models', [col('Status', '.status.status'), col('Sage-Maker-Model-Name', '.status.sageMakerModelName')]),
  crd('legacy', 'ProcessingJob', 'processingjobs', [
    col('Status', '.status.processingJobStatus'),
    creationTime,
    legacyJobName('.status.sageMakerProcessingJobName'),
  ]),
  crd('legacy', 'TrainingJob', 'trainingjobs', [
    col('Status', '.status.trainingJobStatus'),
    col('Secondary-Status', '.status.secondaryStatus'),
    creationTime,
    legacyJobName('.status.sageMakerTrainingJobName'),
  ]),
];

// ACK controller (apiextensions v1 CRDs, config/crd/bases/*.yaml @dc49707).
const failureReason = col('FAILURE-REASON', '.status.failureReason', 'string', { priority: 1 });

export const ACK_RESOURCES: ResourceDef[] = [
  crd('ack', 'EndpointConfig', 'endpointconfigs', undefined),
  crd('ack', 'Endpoint', 'endpoints', [failureReason, col('STATUS', '.status.endpointStatus')]),
  crd('ack', 'HyperParameterTuningJob', 'hyperparametertuningjobs', [
    failureReason,
    col('STATUS', '.status.hyperParameterTuningJobStatus'),
  ]),
  crd('ack', 'Model', 'models', undefined),
  crd('ack', 'ProcessingJob', 'processingjobs', [failureReason, col('STATUS', '.status.processingJobStatus')]),
  crd('ack', 'TrainingJob', 'trainingjobs', [
    failureReason,
    col('SECONDARY-STATUS', '.status.secondaryStatus'),
    col('STATUS', '.status.trainingJobStatus'),
  ]),
  crd('ack', 'TransformJob', 'transformjobs', [failureReason, col('STATUS', '.status.transformJobStatus')]),
];

/** Core v1: namespaces (so ACK namespace annotations can be read) and endpoints (so bare `endpoints` stays core). */
export const CORE_RESOURCES: ResourceDef[] = [
  {
    group: '',
    version: 'v1',
    kind: 'Endpoints',
    listKind: 'EndpointsList',
    plural: 'endpoints',
    singular: 'endpoints',
    namespaced: true,
    verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    shortNames: ['ep'],
    subresources: [],
    origin: 'core',
    builtinTable: 'endpoints',
  },
  {
    group: '',
    version: 'v1',
    kind: 'Namespace',
    listKind: 'NamespaceList',
    plural: 'namespaces',
    singular: 'namespace',
    namespaced: false,
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    shortNames: ['ns'],
    subresources: [
      { name: 'finalize', verbs: ['update'] },
      { name: 'status', verbs: ['get', 'patch', 'update'] },
    ],
    origin: 'core',
    builtinTable: 'namespaces',
  },
];

/** Review APIs: `kubectl auth can-i` (SelfSubjectAccessReview) and `kubectl auth whoami` (SelfSubjectReview). */
export const REVIEW_RESOURCES: ResourceDef[] = [
  {
    group: 'authentication.k8s.io',
    version: 'v1',
    kind: 'SelfSubjectReview',
    listKind: 'SelfSubjectReviewList',
    plural: 'selfsubjectreviews',
    singular: 'selfsubjectreview',
    namespaced: false,
    verbs: ['create'],
    subresources: [],
    origin: 'builtin',
    createOnly: true,
  },
  {
    group: 'authorization.k8s.io',
    version: 'v1',
    kind: 'SelfSubjectAccessReview',
    listKind: 'SelfSubjectAccessReviewList',
    plural: 'selfsubjectaccessreviews',
    singular: 'selfsubjectaccessreview',
    namespaced: false,
    verbs: ['create'],
    subresources: [],
    origin: 'builtin',
    createOnly: true,
  },
];

export const ALL_FAMILIES: Family[] = ['legacy', 'ack'];

/** A group/version as discovery lists it. */
export interface GroupVersion {
  group: string;
  version: string;
  resources: ResourceDef[];
}

/** The catalogue of what is served right now (it changes with setGroups). */
export class Catalogue {
  private families: Set<Family>;

  constructor(families: Family[] = ALL_FAMILIES) {
    this.families = new Set(families);
  }

  setFamilies(families: Family[]): void {
    this.families = new Set(families);
  }

  get installed(): Family[] {
    return ALL_FAMILIES.filter((f) => this.families.has(f));
  }

  /** Every resource definition the stand-in knows, installed or not. */
  static all(): ResourceDef[] {
    return [...CORE_RESOURCES, ...REVIEW_RESOURCES, ...LEGACY_RESOURCES, ...ACK_RESOURCES];
  }

  isServed(def: ResourceDef): boolean {
    return def.origin === 'core' || def.origin === 'builtin' || this.families.has(def.origin);
  }

  /** Core v1 resources. */
  core(): ResourceDef[] {
    return CORE_RESOURCES;
  }

  /**
   * Served API groups under /apis in discovery order: built-in groups first (the apiserver gives them a
   * higher priority), then the CRD groups in alphabetical order (equal priority).
   */
  groups(): GroupVersion[] {
    const out: GroupVersion[] = [];
    for (const g of ['authentication.k8s.io', 'authorization.k8s.io']) {
      out.push({ group: g, version: 'v1', resources: REVIEW_RESOURCES.filter((r) => r.group === g) });
    }
    if (this.families.has('legacy')) out.push({ group: LEGACY_GROUP, version: LEGACY_VERSION, resources: LEGACY_RESOURCES });
    if (this.families.has('ack')) out.push({ group: ACK_GROUP, version: ACK_VERSION, resources: ACK_RESOURCES });
    return out;
  }

  groupVersion(group: string, version: string): GroupVersion | undefined {
    if (group === '' && version === 'v1') return { group: '', version: 'v1', resources: CORE_RESOURCES };
    return this.groups().find((g) => g.group === group && g.version === version);
  }

  /** The served resource at /apis/<group>/<version>/<plural> (or /api/v1/<plural>). */
  resource(group: string, version: string, plural: string): ResourceDef | undefined {
    return this.groupVersion(group, version)?.resources.find((r) => r.plural === plural);
  }

  /** Find a definition by apiVersion and kind (or plural), installed or not. */
  static byApiVersion(apiVersion: string, kindOrPlural: string): ResourceDef | undefined {
    const { group, version } = splitApiVersion(apiVersion);
    return Catalogue.all().find(
      (r) => r.group === group && r.version === version && (r.kind === kindOrPlural || r.plural === kindOrPlural),
    );
  }
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

export function apiVersionOf(def: Pick<ResourceDef, 'group' | 'version'>): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}
