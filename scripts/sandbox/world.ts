// Starts the sandbox: both stand-ins on 127.0.0.1 with the sandbox scenario, the operator
// simulator, and a kubeconfig for them. Used by `npm run sandbox` and `npm run demo`.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startAwsStandIn, type AwsStandIn } from '../../test/standins/aws';
import { startKubeStandIn, type KubeStandIn } from '../../test/standins/kube';
import { startOperatorSim } from './operator-sim';

export const SCENARIO_DIR = __dirname;
export const DEMO = { kind: 'trainingjob', name: 'mnist-ddp', namespace: 'ml-team' } as const;

export interface Sandbox {
  readonly aws: AwsStandIn;
  readonly kube: KubeStandIn;
  readonly kubeconfig: string;
  /** Environment for a shell (or a child process) that uses the sandbox. */
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

export async function startSandbox(o: { dir: string; awsPort?: number; kubePort?: number }): Promise<Sandbox> {
  const aws = await startAwsStandIn({ scenario: path.join(SCENARIO_DIR, 'aws.yaml'), ...(o.awsPort !== undefined ? { port: o.awsPort } : {}) });
  let kube: KubeStandIn;
  try {
    kube = await startKubeStandIn({ scenario: path.join(SCENARIO_DIR, 'kube.yaml'), ...(o.kubePort !== undefined ? { port: o.kubePort } : {}) });
  } catch (e) {
    await aws.close();
    throw e;
  }
  const stopSim = startOperatorSim(aws, kube);
  mkdirSync(o.dir, { recursive: true });
  const kubeconfig = path.join(o.dir, 'kubeconfig');
  kube.writeKubeconfig(kubeconfig, { user: 'alice', auth: 'token', context: 'sandbox', namespace: DEMO.namespace });
  const env: Record<string, string> = {
    KUBECONFIG: kubeconfig,
    AWS_ENDPOINT_URL: aws.url,
    AWS_REGION: 'us-west-2',
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  return {
    aws,
    kube,
    kubeconfig,
    env,
    async close() {
      stopSim();
      await Promise.allSettled([aws.close(), kube.close()]);
    },
  };
}

/** One line for any failure to start (bad scenario, port in use), never a stack trace. */
export function startFailure(e: unknown): string {
  const m = (e as Error)?.message ?? String(e);
  return `sandbox: ${m.split('\n')[0]}`;
}
