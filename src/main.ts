// Entry point of the bundle. The AWS SDK prints a Node-version warning to stderr on Node 20
// unless this is set before it loads; users must never see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { run } from './cli/run';

// A reader that goes away (`| head`) is not an error: end quietly.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
});

void run(process.argv.slice(2)).then((code) => {
  // Exit explicitly: pooled sockets and SDK timers must not keep a finished run alive.
  process.stdout.write('', () => process.exit(code));
});
