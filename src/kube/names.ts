// Kubernetes naming rules, checked before any request: a name the API server could never hold
// (`Bad_Name`, `b/c` from `tj/b/c`) is a usage error, not a "not found" after a round trip.
import { UsageError } from '../core/errors';

// Custom resources are named by DNS-1123 subdomains (apiextensions-apiserver validates with
// NameIsDNSSubdomain); namespaces by DNS-1123 labels.
const LABEL = '[a-z0-9](?:[-a-z0-9]*[a-z0-9])?';
const SUBDOMAIN = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);
const NAMESPACE = new RegExp(`^${LABEL}$`);

export function isObjectName(name: string): boolean {
  return name.length <= 253 && SUBDOMAIN.test(name);
}

export function isNamespaceName(name: string): boolean {
  return name.length <= 63 && NAMESPACE.test(name);
}

/** Refuses a NAME no custom resource can have (ARNs are not Kubernetes names: check those first). */
export function checkObjectName(name: string): void {
  if (isObjectName(name)) return;
  throw new UsageError(
    `invalid NAME "${name}": a Kubernetes object name is at most 253 lower-case letters, digits, "-" and ".", starting and ending with a letter or digit; give the resource's name (kubectl smlogs list shows them) or a SageMaker ARN`,
  );
}

export function checkNamespaceName(name: string, flag: string): void {
  if (isNamespaceName(name)) return;
  throw new UsageError(`invalid value "${name}" for ${flag}: a namespace is at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit`);
}
