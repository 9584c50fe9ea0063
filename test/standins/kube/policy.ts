// Authorization: an ordered table of allow/deny rules per user (first match wins; default allow).
// It drives both the 403s and the SelfSubjectAccessReview answers, so `kubectl auth can-i` and the
// requests themselves always agree.

import type { Identity, PolicyRule } from './types';

export interface Attributes {
  user: string;
  groups: string[];
  verb: string;
  /** API group ('' = core). */
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  resourceRequest: boolean;
  path?: string;
}

export interface Decision {
  allowed: boolean;
  /** An explicit deny rule matched (SelfSubjectAccessReview status.denied). */
  denied: boolean;
  reason: string;
}

const matches = (want: string | string[] | undefined, got: string | undefined): boolean => {
  if (want === undefined) return true;
  const list = Array.isArray(want) ? want : [want];
  return list.some((w) => w === '*' || w === (got ?? ''));
};

export class Policy {
  private rules: PolicyRule[] = [];
  private defaultEffect: 'allow' | 'deny' = 'allow';

  /** Add a rule denying what it matches (evaluated after the rules added before it). */
  deny(rule: Omit<PolicyRule, 'effect'>): void {
    this.rules.push({ ...rule, effect: 'deny' });
  }

  /** Add a rule allowing what it matches. */
  allow(rule: Omit<PolicyRule, 'effect'>): void {
    this.rules.push({ ...rule, effect: 'allow' });
  }

  add(rule: PolicyRule): void {
    this.rules.push({ ...rule, effect: rule.effect ?? 'deny' });
  }

  /** Forget every rule; everything is allowed again. */
  allowAll(): void {
    this.rules = [];
    this.defaultEffect = 'allow';
  }

  /** What happens when no rule matches. */
  setDefault(effect: 'allow' | 'deny'): void {
    this.defaultEffect = effect;
  }

  get ruleList(): readonly PolicyRule[] {
    return this.rules;
  }

  authorize(a: Attributes): Decision {
    for (const r of this.rules) {
      if (!matches(r.user, a.user)) continue;
      if (r.userGroup !== undefined && !a.groups.some((g) => matches(r.userGroup, g))) continue;
      if (!matches(r.verb, a.verb)) continue;
      if (a.resourceRequest) {
        if (!matches(r.group, a.group) || !matches(r.resource, a.resource)) continue;
        if (r.subresource !== undefined && !matches(r.subresource, a.subresource)) continue;
        if (!matches(r.namespace, a.namespace)) continue;
        if (!matches(r.name, a.name)) continue;
      } else if (r.group !== undefined || r.resource !== undefined || r.namespace !== undefined || r.name !== undefined) {
        // Resource rules do not apply to non-resource paths.
        continue;
      }
      if (r.effect === 'allow') return { allowed: true, denied: false, reason: r.reason ?? '' };
      return { allowed: false, denied: true, reason: r.reason ?? '' };
    }
    return { allowed: this.defaultEffect === 'allow', denied: false, reason: '' };
  }

  /** Convenience for an identity. */
  check(identity: Identity, attrs: Omit<Attributes, 'user' | 'groups'>): Decision {
    return this.authorize({ ...attrs, user: identity.user, groups: identity.groups });
  }
}
