import { describe, expect, it } from 'vitest';
import { forbidden, forbiddenMessage, notFound, unauthorized, unknownPath, expired, conflict, alreadyExists } from './status';

// Status bodies must be byte-for-byte what kube-apiserver writes (kube-wire.md §4).
describe('Status bodies', () => {
  it('404 for a missing object names the qualified resource and carries details', () => {
    const e = notFound('sagemaker.aws.amazon.com', 'trainingjobs', 'nope');
    expect(e.code).toBe(404);
    expect(JSON.stringify(e.body)).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"trainingjobs.sagemaker.aws.amazon.com \\"nope\\" not found","reason":"NotFound","details":{"name":"nope","group":"sagemaker.aws.amazon.com","kind":"trainingjobs"},"code":404}',
    );
  });

  it('404 for a core resource has no group', () => {
    expect(JSON.stringify(notFound('', 'namespaces', 'x').body)).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"namespaces \\"x\\" not found","reason":"NotFound","details":{"name":"x","kind":"namespaces"},"code":404}',
    );
  });

  it('the unknown-path 404', () => {
    expect(JSON.stringify(unknownPath().body)).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","details":{},"code":404}',
    );
  });

  it('401', () => {
    expect(JSON.stringify(unauthorized().body)).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}',
    );
  });

  it('403 get in a namespace', () => {
    const msg = forbiddenMessage({ user: 'alice', verb: 'get', group: 'sagemaker.aws.amazon.com', resource: 'trainingjobs', namespace: 'locked', resourceRequest: true });
    const e = forbidden('sagemaker.aws.amazon.com', 'trainingjobs', 'foo', msg);
    expect(JSON.stringify(e.body)).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"trainingjobs.sagemaker.aws.amazon.com \\"foo\\" is forbidden: User \\"alice\\" cannot get resource \\"trainingjobs\\" in API group \\"sagemaker.aws.amazon.com\\" in the namespace \\"locked\\"","reason":"Forbidden","details":{"name":"foo","group":"sagemaker.aws.amazon.com","kind":"trainingjobs"},"code":403}',
    );
  });

  it('403 list at the cluster scope, core group, subresource', () => {
    const list = forbiddenMessage({ user: 'bob', verb: 'list', group: 'sagemaker.services.k8s.aws', resource: 'trainingjobs', resourceRequest: true });
    expect(forbidden('sagemaker.services.k8s.aws', 'trainingjobs', '', list).body.message).toBe(
      'trainingjobs.sagemaker.services.k8s.aws is forbidden: User "bob" cannot list resource "trainingjobs" in API group "sagemaker.services.k8s.aws" at the cluster scope',
    );
    const core = forbiddenMessage({ user: 'bob', verb: 'get', group: '', resource: 'namespaces', namespace: 'ml-team', resourceRequest: true });
    expect(forbidden('', 'namespaces', 'ml-team', core).body.message).toBe(
      'namespaces "ml-team" is forbidden: User "bob" cannot get resource "namespaces" in API group "" in the namespace "ml-team"',
    );
    const sub = forbiddenMessage({ user: 'bob', verb: 'update', group: 'g', resource: 'trainingjobs', subresource: 'status', namespace: 'n', resourceRequest: true });
    expect(sub).toBe('User "bob" cannot update resource "trainingjobs/status" in API group "g" in the namespace "n"');
    expect(forbiddenMessage({ user: 'x', verb: 'get', group: '', resource: '', path: '/apis', resourceRequest: false })).toBe('User "x" cannot get path "/apis"');
  });

  it('409 and 410', () => {
    expect(conflict('g', 'trainingjobs', 'a').body.message).toBe(
      'Operation cannot be fulfilled on trainingjobs.g "a": the object has been modified; please apply your changes to the latest version and try again',
    );
    expect(alreadyExists('g', 'trainingjobs', 'a').body).toMatchObject({ reason: 'AlreadyExists', code: 409, message: 'trainingjobs.g "a" already exists' });
    expect(expired('too old resource version: 1 (5)').body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'too old resource version: 1 (5)',
      reason: 'Expired',
      code: 410,
    });
  });
});
