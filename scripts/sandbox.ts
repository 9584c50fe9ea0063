// `npm run sandbox`: both stand-ins with the sandbox scenario, until Ctrl-C. Prints what to
// paste in another shell to use kubectl smlogs (and kubectl) against them.
import path from 'node:path';
import { DEMO, startFailure, startSandbox } from './sandbox/world';

function flag(name: string): number | undefined {
  const i = process.argv.indexOf(name);
  if (i < 0) return undefined;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 0 || v > 65535) {
    process.stderr.write(`sandbox: ${name} needs a port number\n`);
    process.exit(2);
  }
  return v;
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  let sandbox;
  try {
    sandbox = await startSandbox({ dir: path.join(root, '.sandbox'), awsPort: flag('--aws-port'), kubePort: flag('--kube-port') });
  } catch (e) {
    process.stderr.write(`${startFailure(e)}\n`);
    process.exit(2);
  }
  const exports = Object.entries(sandbox.env)
    .map(([k, v]) => `export ${k}='${v}'`)
    .join('\n');
  process.stdout.write(
    [
      `Sandbox running: Kubernetes API ${sandbox.kube.url}, AWS (SageMaker + CloudWatch Logs) ${sandbox.aws.url}`,
      '',
      'In another shell, from this folder:',
      '',
      exports,
      `export PATH="${path.join(root, 'bin')}:$PATH"`,
      '',
      'Then try:',
      `  kubectl smlogs list -A`,
      `  kubectl smlogs ${DEMO.kind} ${DEMO.name} -f          # the 4-instance job that started with the sandbox`,
      `  kubectl smlogs describe trainingjob bert-sentiment     # a failed ACK job`,
      `  kubectl smlogs trainingjob xgboost-mnist --tail        # legacy operator, last 10 lines then follow`,
      `  kubectl smlogs tuningjob xgb-churn-hpo --best`,
      `  kubectl get trainingjobs.sagemaker.services.k8s.aws`,
      '',
      'Ctrl-C stops the sandbox.',
      '',
    ].join('\n'),
  );
  const stop = (): void => {
    void sandbox!.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
