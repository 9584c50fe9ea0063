/** How to reach AWS for one job: where, as whom, and which endpoint the resource asks for. */
export interface AwsSettings {
  readonly region: string;
  /** --profile; otherwise the SDK's default chain (env, shared files, SSO, IMDS...). */
  readonly profile?: string;
  /** A SageMaker endpoint named by the resource (legacy spec.sageMakerEndpoint, ACK namespace annotation). */
  readonly sageMakerEndpoint?: string;
}

/** Explicit endpoint variables win over an endpoint named by a resource: they are a local override. */
export function sageMakerEndpointFor(settings: AwsSettings, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS !== 'true' && (env.AWS_ENDPOINT_URL_SAGEMAKER || env.AWS_ENDPOINT_URL)) return undefined;
  return settings.sageMakerEndpoint;
}
