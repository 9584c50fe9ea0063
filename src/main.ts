// Entry point of the bundle. The AWS SDK prints a Node-version warning to stderr on Node 20
// unless this is set before it loads; users must never see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { run } from './cli/run';

void run(process.argv.slice(2));
