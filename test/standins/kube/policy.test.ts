import { describe, expect, it } from 'vitest';
import { Policy } from './policy';

const attrs = (over: Partial<Parameters<Policy['authorize']>[0]> = {}) => ({
  user: 'alice',
  groups: ['system:authenticated'],
  verb: 'get',
  group: 'sagemaker.aws.amazon.com',
  resource: 'trainingjobs',
  namespace: 'ml-team',
  name: 'x',
  resourceRequest: true,
  ...over,
});

describe('Policy', () => {
  it('allows by default', () => {
    expect(new Policy().authorize(attrs())).toEqual({ allowed: true, denied: false, reason: '' });
  });

  it('denies what a rule matches, field by field', () => {
    const p = new Policy();
    p.deny({ user: 'alice', verb: 'delete', group: 'sagemaker.services.k8s.aws', resource: 'trainingjobs', namespace: 'ml-team' });
    const base = attrs({ verb: 'delete', group: 'sagemaker.services.k8s.aws' });
    expect(p.authorize(base)).toEqual({ allowed: false, denied: true, reason: '' });
    expect(p.authorize({ ...base, user: 'bob' }).allowed).toBe(true);
    expect(p.authorize({ ...base, verb: 'get' }).allowed).toBe(true);
    expect(p.authorize({ ...base, group: 'sagemaker.aws.amazon.com' }).allowed).toBe(true);
    expect(p.authorize({ ...base, resource: 'processingjobs' }).allowed).toBe(true);
    expect(p.authorize({ ...base, namespace: 'other' }).allowed).toBe(true);
  });

  it('lists and wildcards match; name and subresource narrow', () => {
    const p = new Policy();
    p.deny({ user: ['bob', 'carol'], verb: '*', name: 'secret-job' });
    p.deny({ user: '*', verb: 'update', subresource: 'status' });
    expect(p.authorize(attrs({ user: 'carol', verb: 'list', name: 'secret-job' })).allowed).toBe(false);
    expect(p.authorize(attrs({ user: 'carol', name: 'other' })).allowed).toBe(true);
    expect(p.authorize(attrs({ verb: 'update', subresource: 'status' })).allowed).toBe(false);
    expect(p.authorize(attrs({ verb: 'update' })).allowed).toBe(true);
  });

  it('first match wins, allow rules can carve out, the default can be deny, reasons are kept', () => {
    const p = new Policy();
    p.allow({ user: 'bob', verb: ['get', 'list', 'watch'] });
    p.deny({ user: 'bob', reason: 'bob is read-only' });
    expect(p.authorize(attrs({ user: 'bob', verb: 'list' })).allowed).toBe(true);
    expect(p.authorize(attrs({ user: 'bob', verb: 'delete' }))).toEqual({ allowed: false, denied: true, reason: 'bob is read-only' });
    p.setDefault('deny');
    expect(p.authorize(attrs({ user: 'zed' }))).toEqual({ allowed: false, denied: false, reason: '' });
    p.allowAll();
    expect(p.authorize(attrs({ user: 'bob', verb: 'delete' })).allowed).toBe(true);
  });

  it('matches user groups', () => {
    const p = new Policy();
    p.deny({ userGroup: 'viewers', verb: 'delete' });
    expect(p.authorize(attrs({ groups: ['viewers'], verb: 'delete' })).allowed).toBe(false);
    expect(p.authorize(attrs({ groups: ['admins'], verb: 'delete' })).allowed).toBe(true);
  });

  it('resource rules never match non-resource paths', () => {
    const p = new Policy();
    p.deny({ user: 'alice', resource: 'trainingjobs' });
    expect(p.authorize({ user: 'alice', groups: [], verb: 'get', group: '', resource: '', path: '/apis', resourceRequest: false }).allowed).toBe(true);
  });
});
