import { parseSageMakerArn } from '../sagemaker/arn';
import type { Family } from './kinds';
import { str, type KubeObject } from './object';

export const ACK_ANNOTATIONS = {
  region: 'services.k8s.aws/region',
  namespaceRegion: 'services.k8s.aws/default-region',
  namespaceEndpoint: 'services.k8s.aws/endpoint-url',
} as const;

export interface AwsTarget {
  readonly region?: string;
  /** Where the region came from, for messages (`spec.region`, `status.ackResourceMetadata.region`...). */
  readonly regionFrom?: string;
  readonly account?: string;
  readonly arn?: string;
  readonly sageMakerEndpoint?: string;
}

/** Namespace annotations, when readable (ACK reads region and endpoint from them). */
export interface NamespaceInfo {
  readonly annotations: Readonly<Record<string, string>>;
}

/**
 * Region, account, ARN and endpoint from a resource, in the controllers' own precedence
 * (crds.md §5, §8). --region / AWS_REGION apply only when the resource names no region.
 */
export function awsTargetOf(family: Family, obj: KubeObject, ns?: NamespaceInfo): AwsTarget {
  if (family === 'legacy') {
    const region = str(obj.spec?.region);
    const endpoint = str(obj.spec?.sageMakerEndpoint);
    const arn = str(obj.status?.endpointArn);
    return {
      ...(region ? { region, regionFrom: 'spec.region' } : {}),
      ...(endpoint ? { sageMakerEndpoint: endpoint } : {}),
      ...(arn ? { arn, account: parseSageMakerArn(arn)?.account } : {}),
    };
  }
  const meta = obj.status?.ackResourceMetadata ?? {};
  const arn = str(meta.arn);
  const parsed = arn ? parseSageMakerArn(arn) : undefined;
  const account = str(meta.ownerAccountID) ?? parsed?.account;
  const endpoint = ns ? str(ns.annotations[ACK_ANNOTATIONS.namespaceEndpoint]) : undefined;
  const candidates: Array<[string | undefined, string]> = [
    [str(meta.region), 'status.ackResourceMetadata.region'],
    [parsed?.region, 'status.ackResourceMetadata.arn'],
    [str(obj.metadata.annotations?.[ACK_ANNOTATIONS.region]), `annotation ${ACK_ANNOTATIONS.region}`],
    [ns ? str(ns.annotations[ACK_ANNOTATIONS.namespaceRegion]) : undefined, `namespace annotation ${ACK_ANNOTATIONS.namespaceRegion}`],
  ];
  const found = candidates.find(([r]) => r);
  return {
    ...(found ? { region: found[0]!, regionFrom: found[1] } : {}),
    ...(account ? { account } : {}),
    ...(arn ? { arn } : {}),
    ...(endpoint ? { sageMakerEndpoint: endpoint } : {}),
  };
}

/** ACK needs the namespace only when the resource itself does not settle region and endpoint. */
export function needsNamespace(family: Family, obj: KubeObject): boolean {
  return family === 'ack';
}
