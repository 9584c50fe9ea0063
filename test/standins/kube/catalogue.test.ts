import { describe, expect, it } from 'vitest';
import { ACK_RESOURCES, Catalogue, LEGACY_RESOURCES } from './catalogue';
import { aggregated, aggregatedContentType, apiResourceList, legacyApiGroupList, legacyApiVersions, versionInfo } from './discovery';
import { columnDefinitions } from './tables';

const kinds = (defs: typeof LEGACY_RESOURCES) => defs.map((d) => `${d.kind}/${d.plural}/${d.singular}`);
const columns = (defs: typeof LEGACY_RESOURCES, kind: string) =>
  columnDefinitions(defs.find((d) => d.kind === kind)!).map((c) => `${c.name}|${c.type}|${c.format}|${c.priority}`);

describe('CRD catalogue (crds.md)', () => {
  it('legacy family: exact kinds, plurals, singulars; only hap as a short name', () => {
    expect(kinds(LEGACY_RESOURCES)).toEqual([
      'BatchTransformJob/batchtransformjobs/batchtransformjob',
      'EndpointConfig/endpointconfigs/endpointconfig',
      'HostingAutoscalingPolicy/hostingautoscalingpolicies/hostingautoscalingpolicy',
      'HostingDeployment/hostingdeployments/hostingdeployment',
      'HyperparameterTuningJob/hyperparametertuningjobs/hyperparametertuningjob',
      'Model/models/model',
      'ProcessingJob/processingjobs/processingjob',
      'TrainingJob/trainingjobs/trainingjob',
    ]);
    expect(LEGACY_RESOURCES.filter((d) => d.shortNames).map((d) => [d.plural, d.shortNames])).toEqual([['hostingautoscalingpolicies', ['hap']]]);
  });

  it('ACK family: exact kinds, no short names', () => {
    expect(kinds(ACK_RESOURCES)).toEqual([
      'EndpointConfig/endpointconfigs/endpointconfig',
      'Endpoint/endpoints/endpoint',
      'HyperParameterTuningJob/hyperparametertuningjobs/hyperparametertuningjob',
      'Model/models/model',
      'ProcessingJob/processingjobs/processingjob',
      'TrainingJob/trainingjobs/trainingjob',
      'TransformJob/transformjobs/transformjob',
    ]);
    expect(ACK_RESOURCES.some((d) => d.shortNames)).toBe(false);
  });

  it('every CRD is namespaced, has the CRD verbs and a status subresource', () => {
    for (const d of [...LEGACY_RESOURCES, ...ACK_RESOURCES]) {
      expect(d.namespaced).toBe(true);
      expect(d.verbs).toEqual(['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch']);
      expect(d.subresources).toEqual([{ name: 'status', verbs: ['get', 'patch', 'update'] }]);
      expect(d.listKind).toBe(`${d.kind}List`);
    }
  });

  it('printer columns, in order, with types, formats and priorities', () => {
    expect(columns(LEGACY_RESOURCES, 'TrainingJob')).toEqual([
      'Name|string|name|0',
      'Status|string||0',
      'Secondary-Status|string||0',
      'Creation-Time|string|date|0',
      'Sagemaker-Job-Name|string||0',
    ]);
    expect(columns(LEGACY_RESOURCES, 'HyperparameterTuningJob')).toEqual([
      'Name|string|name|0',
      'Status|string||0',
      'Creation-Time|string|date|0',
      'Completed|number|int64|0',
      'InProgress|number|int64|0',
      'Errors|number|int64|0',
      'Stopped|number|int64|0',
      'Best-Training-Job|string||0',
      'Sagemaker-Job-Name|string||0',
    ]);
    expect(columns(LEGACY_RESOURCES, 'BatchTransformJob')).toEqual(['Name|string|name|0', 'Status|string||0', 'Creation-Time|string|date|0', 'Sagemaker-Job-Name|string||0']);
    expect(columns(LEGACY_RESOURCES, 'ProcessingJob')).toEqual(['Name|string|name|0', 'Status|string||0', 'Creation-Time|string|date|0', 'Sagemaker-Job-Name|string||0']);
    expect(columns(LEGACY_RESOURCES, 'HostingDeployment')).toEqual(['Name|string|name|0', 'Status|string||0', 'Sagemaker-endpoint-name|string||0']);
    expect(columns(ACK_RESOURCES, 'TrainingJob')).toEqual(['Name|string|name|0', 'FAILURE-REASON|string||1', 'SECONDARY-STATUS|string||0', 'STATUS|string||0']);
    for (const k of ['HyperParameterTuningJob', 'TransformJob', 'ProcessingJob', 'Endpoint']) {
      expect(columns(ACK_RESOURCES, k)).toEqual(['Name|string|name|0', 'FAILURE-REASON|string||1', 'STATUS|string||0']);
    }
    // A CRD without printer columns gets Age.
    expect(columns(ACK_RESOURCES, 'Model')).toEqual(['Name|string|name|0', 'Age|date||0']);
    const d = columnDefinitions(ACK_RESOURCES.find((r) => r.kind === 'TrainingJob')!);
    expect(d[1]!.description).toBe('Custom resource definition column (in JSONPath format): .status.failureReason');
  });
});

describe('discovery documents', () => {
  it('/version reports the chosen minor', () => {
    expect(versionInfo(32)).toMatchObject({ major: '1', minor: '32', gitVersion: 'v1.32.4', platform: 'linux/amd64' });
    expect(versionInfo(28).gitVersion).toBe('v1.28.15');
    expect(versionInfo(33)).toMatchObject({ minor: '33', gitVersion: 'v1.33.1', emulationMinor: '33' });
  });

  it('aggregated /apis: groups in discovery order, the exact resource shape', () => {
    const doc = aggregated(new Catalogue(), 'apis', 'v2') as any;
    expect(doc.kind).toBe('APIGroupDiscoveryList');
    expect(doc.apiVersion).toBe('apidiscovery.k8s.io/v2');
    expect(doc.items.map((i: any) => i.metadata.name)).toEqual([
      'authentication.k8s.io',
      'authorization.k8s.io',
      'sagemaker.aws.amazon.com',
      'sagemaker.services.k8s.aws',
    ]);
    const ack = doc.items[3];
    expect(ack.versions[0].version).toBe('v1alpha1');
    expect(ack.versions[0].freshness).toBe('Current');
    const tj = ack.versions[0].resources.find((r: any) => r.resource === 'trainingjobs');
    expect(tj).toEqual({
      resource: 'trainingjobs',
      responseKind: { group: 'sagemaker.services.k8s.aws', version: 'v1alpha1', kind: 'TrainingJob' },
      scope: 'Namespaced',
      singularResource: 'trainingjob',
      verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'],
      subresources: [{ subresource: 'status', responseKind: { group: 'sagemaker.services.k8s.aws', version: 'v1alpha1', kind: 'TrainingJob' }, verbs: ['get', 'patch', 'update'] }],
    });
    const hap = doc.items[2].versions[0].resources.find((r: any) => r.resource === 'hostingautoscalingpolicies');
    expect(hap.shortNames).toEqual(['hap']);
    expect(aggregatedContentType('v2')).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
  });

  it('aggregated /api holds core v1 namespaces and endpoints', () => {
    const doc = aggregated(new Catalogue(), 'api', 'v2beta1') as any;
    expect(doc.apiVersion).toBe('apidiscovery.k8s.io/v2beta1');
    expect(doc.items).toHaveLength(1);
    expect(doc.items[0].metadata.name).toBe('');
    expect(doc.items[0].versions[0].resources.map((r: any) => `${r.resource}:${r.scope}:${r.responseKind.kind}`)).toEqual([
      'endpoints:Namespaced:Endpoints',
      'namespaces:Cluster:Namespace',
    ]);
  });

  it('only installed groups are listed', () => {
    const c = new Catalogue(['ack']);
    expect((aggregated(c, 'apis', 'v2') as any).items.map((i: any) => i.metadata.name)).toEqual([
      'authentication.k8s.io',
      'authorization.k8s.io',
      'sagemaker.services.k8s.aws',
    ]);
    expect(c.groupVersion('sagemaker.aws.amazon.com', 'v1')).toBeUndefined();
    c.setFamilies(['legacy']);
    expect((legacyApiGroupList(c) as any).groups.map((g: any) => g.name)).toEqual(['authentication.k8s.io', 'authorization.k8s.io', 'sagemaker.aws.amazon.com']);
  });

  it('legacy documents', () => {
    expect(legacyApiVersions('127.0.0.1:6443')).toEqual({
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }],
    });
    const groups = legacyApiGroupList(new Catalogue()) as any;
    expect(groups.groups[2]).toEqual({
      name: 'sagemaker.aws.amazon.com',
      versions: [{ groupVersion: 'sagemaker.aws.amazon.com/v1', version: 'v1' }],
      preferredVersion: { groupVersion: 'sagemaker.aws.amazon.com/v1', version: 'v1' },
    });
    const list = apiResourceList(new Catalogue().groupVersion('sagemaker.aws.amazon.com', 'v1')!) as any;
    expect(list.kind).toBe('APIResourceList');
    expect(list.groupVersion).toBe('sagemaker.aws.amazon.com/v1');
    const names = list.resources.map((r: any) => r.name);
    expect(names).toContain('hyperparametertuningjobs');
    expect(names).toContain('hyperparametertuningjobs/status');
    const tj = list.resources.find((r: any) => r.name === 'trainingjobs');
    expect(tj).toMatchObject({ name: 'trainingjobs', singularName: 'trainingjob', namespaced: true, kind: 'TrainingJob', verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'] });
    expect(tj.shortNames).toBeUndefined();
    expect(tj.categories).toBeUndefined();
    expect(list.resources.find((r: any) => r.name === 'trainingjobs/status')).toEqual({
      name: 'trainingjobs/status',
      singularName: '',
      namespaced: true,
      kind: 'TrainingJob',
      verbs: ['get', 'patch', 'update'],
    });
    const hpo = list.resources.find((r: any) => r.name === 'hyperparametertuningjobs');
    expect(hpo.kind).toBe('HyperparameterTuningJob');
  });
});
