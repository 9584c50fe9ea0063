// Run with `node --expose-gc --import tsx memory-probe.ts`: loads N generated events, reads every
// stream once (building the indexes), and prints memory growth after a full GC as JSON. Used by
// perf.test.ts to check that generated events are not materialised as objects.
import { trainingJob } from './builders';
import { models } from './test-support';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
gc();
const before = process.memoryUsage();
const m = models({
  jobs: [
    trainingJob({
      name: 'million',
      instanceCount: 16,
      lifecycle: { at: '-3h', starting: 0, downloading: 0, training: '2h' },
      logs: { generate: [{ count: 62_500, preset: 'training', jitter: '3s' }] },
    }),
  ],
});
const G = '/aws/sagemaker/TrainingJobs';
const first = m.logsOp('FilterLogEvents', { logGroupName: G, logStreamNamePrefix: 'million/', limit: 100 });
for (const name of m.logs.streamNames(G)) m.logs.stream(G, name)!.store.n;
gc();
const after = process.memoryUsage();
process.stdout.write(
  JSON.stringify({
    events: m.logs.totalEvents(),
    served: first.events.length,
    heapMB: (after.heapUsed - before.heapUsed) / 1e6,
    arrayBuffersMB: (after.arrayBuffers - before.arrayBuffers) / 1e6,
  }) + '\n',
);
