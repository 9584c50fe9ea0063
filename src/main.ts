// Entry point of the bundle. The AWS SDK prints a Node-version warning to stderr on Node 20
// unless this is set before it loads; users must never see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import path from 'node:path';
import { run } from './cli/run';
import { stdoutCreated, whenStdoutCreated } from './cli/stdout';

// A reader that goes away (`| head`) is not an error: end quietly. (process.stdout is created
// only when something writes through it: help, version and completion write to fd 1 directly,
// which spares them loading Node's stream modules; see cli/stdout.ts.)
whenStdoutCreated((stdout) =>
  stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  }),
);

// kubectl ≥ 1.26 completes `kubectl smlogs <TAB>` by running `kubectl_complete-smlogs ARGS PARTIAL`:
// bin/kubectl_complete-smlogs, or the single executable linked under that name.
const completer = [process.argv[1], process.argv0].some((p) => path.basename(p ?? '').startsWith('kubectl_complete-'));
const args = completer ? ['__complete', ...process.argv.slice(2)] : process.argv.slice(2);

void run(args).then((code) => {
  // Exit explicitly: pooled sockets and SDK timers must not keep a finished run alive.
  if (stdoutCreated()) process.stdout.write('', () => process.exit(code));
  else process.exit(code);
});
