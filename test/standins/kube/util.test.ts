import { describe, expect, it } from 'vitest';
import { evalJsonPath, parseJsonPath } from './jsonpath';
import { negotiateDiscovery, negotiateObject } from './negotiate';
import { jsonPatch, mergePatch } from './patch';
import { parseResourceRequest } from './requestinfo';
import { parseFieldSelector, parseLabelSelector } from './selectors';

describe('jsonpath', () => {
  it('parses and evaluates the printer-column subset', () => {
    expect(parseJsonPath('.status.trainingJobStatusCounters.completed')).toEqual(['status', 'trainingJobStatusCounters', 'completed']);
    expect(parseJsonPath(".a['x.y'][0].b")).toEqual(['a', 'x.y', 0, 'b']);
    expect(parseJsonPath('{.a.b}')).toEqual(['a', 'b']);
    const o = { a: { 'x.y': [{ b: 1 }], z: null }, n: 0 };
    expect(evalJsonPath(o, ".a['x.y'][0].b")).toBe(1);
    expect(evalJsonPath(o, '.a.missing.deeper')).toBeUndefined();
    expect(evalJsonPath(o, '.a.z')).toBeNull();
    expect(evalJsonPath(o, '.n')).toBe(0);
    expect(evalJsonPath(o, '.a.x[0]')).toBeUndefined();
  });
});

describe('selectors', () => {
  it('label selectors: equality, sets, existence', () => {
    const l = { team: 'ml', tier: 'gpu' };
    const t = (s: string, labels: Record<string, string> | undefined = l) => parseLabelSelector(s)(labels);
    expect(t('team=ml')).toBe(true);
    expect(t('team==ml,tier=gpu')).toBe(true);
    expect(t('team!=ml')).toBe(false);
    expect(t('team in (ml, ops)')).toBe(true);
    expect(t('team notin (ml)')).toBe(false);
    expect(t('tier')).toBe(true);
    expect(t('!tier')).toBe(false);
    expect(t('missing!=x')).toBe(true);
    expect(parseLabelSelector('team=ml')(undefined)).toBe(false);
    expect(() => parseLabelSelector('a=b=c')).toThrow();
  });

  it('field selectors: metadata.name and metadata.namespace only', () => {
    const o = { apiVersion: 'v1', kind: 'X', metadata: { name: 'a', namespace: 'n' } };
    expect(parseFieldSelector('metadata.name=a')(o)).toBe(true);
    expect(parseFieldSelector('metadata.name!=a')(o)).toBe(false);
    expect(parseFieldSelector('metadata.name==a,metadata.namespace=n')(o)).toBe(true);
    expect(() => parseFieldSelector('status.phase=x')).toThrow('"status.phase" is not a known field selector: only "metadata.name", "metadata.namespace"');
  });
});

describe('request info', () => {
  it('parses paths as the apiserver does', () => {
    expect(parseResourceRequest('GET', '/apis/g/v1/namespaces/ns/trainingjobs/x/status', {})).toEqual({
      verb: 'get',
      group: 'g',
      version: 'v1',
      resource: 'trainingjobs',
      namespace: 'ns',
      name: 'x',
      subresource: 'status',
      extra: false,
    });
    expect(parseResourceRequest('GET', '/apis/g/v1/trainingjobs', { watch: '1' })).toMatchObject({ verb: 'watch', resource: 'trainingjobs' });
    expect(parseResourceRequest('GET', '/api/v1/namespaces/ml-team', {})).toMatchObject({ verb: 'get', resource: 'namespaces', name: 'ml-team', namespace: 'ml-team' });
    expect(parseResourceRequest('GET', '/api/v1/namespaces', {})).toMatchObject({ verb: 'list', resource: 'namespaces' });
    expect(parseResourceRequest('PUT', '/api/v1/namespaces/x/finalize', {})).toMatchObject({ verb: 'update', resource: 'namespaces', name: 'x', subresource: 'finalize' });
    expect(parseResourceRequest('DELETE', '/apis/g/v1/namespaces/n/t', {})).toMatchObject({ verb: 'deletecollection' });
    expect(parseResourceRequest('GET', '/apis/g', {})).toBeUndefined();
    expect(parseResourceRequest('GET', '/version', {})).toBeUndefined();
  });
});

describe('content negotiation', () => {
  it('objects, Tables and PartialObjectMetadata', () => {
    expect(negotiateObject('application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json', true)).toEqual({ as: 'Table', version: 'v1' });
    expect(negotiateObject('application/json;as=Table;v=v1beta1;g=meta.k8s.io', false)).toEqual({ as: 'Table', version: 'v1beta1' });
    expect(negotiateObject('application/json, */*;q=0.8', false)).toEqual({ as: 'object' });
    expect(negotiateObject(undefined, false)).toEqual({ as: 'object' });
    expect(negotiateObject('application/vnd.kubernetes.protobuf,application/json', false)).toEqual({ as: 'object' });
    expect(negotiateObject('application/vnd.kubernetes.protobuf', false)).toBeUndefined();
    expect(negotiateObject('application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io', true)).toEqual({ as: 'PartialObjectMetadataList', version: 'v1' });
  });

  it('discovery', () => {
    expect(negotiateDiscovery('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;profile=nopeer,application/json')).toBe('v2');
    expect(negotiateDiscovery('application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json')).toBe('v2beta1');
    expect(negotiateDiscovery('application/json, */*')).toBe('legacy');
    expect(negotiateDiscovery(undefined)).toBe('legacy');
  });
});

describe('patches', () => {
  it('merge patch (RFC 7386)', () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 }, e: [1] }, { b: { c: null, x: 1 }, e: [2], f: 'n' })).toEqual({ a: 1, b: { d: 3, x: 1 }, e: [2], f: 'n' });
  });

  it('JSON patch (RFC 6902)', () => {
    const doc = { metadata: { finalizers: ['a', 'b'], labels: { x: '1' } } };
    expect(
      jsonPatch(doc, [
        { op: 'remove', path: '/metadata/finalizers/0' },
        { op: 'add', path: '/metadata/labels/a~1b', value: 'y' },
        { op: 'replace', path: '/metadata/labels/x', value: '2' },
        { op: 'test', path: '/metadata/finalizers', value: ['b'] },
        { op: 'copy', from: '/metadata/labels/x', path: '/metadata/copied' },
        { op: 'move', from: '/metadata/copied', path: '/moved' },
        { op: 'add', path: '/metadata/finalizers/-', value: 'c' },
      ]),
    ).toEqual({ metadata: { finalizers: ['b', 'c'], labels: { x: '2', 'a/b': 'y' } }, moved: '2' });
    expect(doc.metadata.finalizers).toEqual(['a', 'b']);
    expect(() => jsonPatch(doc, [{ op: 'remove', path: '/nope' }])).toThrow('Unable to remove nonexistent key: nope: missing value');
    expect(() => jsonPatch(doc, [{ op: 'test', path: '/metadata/labels/x', value: 'z' }])).toThrow('testing value /metadata/labels/x failed');
  });
});
