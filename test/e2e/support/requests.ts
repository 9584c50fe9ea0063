import type { Harness } from '../../helpers/harness';

/** The Stop* calls the AWS stand-in received, as `Operation name`. */
export function stopCalls(h: Harness): string[] {
  return h.aws.requests.filter((r) => r.service === 'sagemaker' && r.operation.startsWith('Stop')).map((r) => `${r.operation} ${Object.values(r.body as Record<string, string>)[0]}`);
}

/** SageMaker operations received, in order. */
export function sageMakerCalls(h: Harness): string[] {
  return h.aws.requests.filter((r) => r.service === 'sagemaker').map((r) => r.operation);
}

/** SelfSubjectAccessReviews the Kubernetes stand-in received. */
export function accessReviews(h: Harness): number {
  return h.kube.requests.filter((r) => r.method === 'POST' && r.path === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews').length;
}

export function clearLogs(h: Harness): void {
  h.aws.requests.length = 0;
  h.kube.requests.length = 0;
}

export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}
