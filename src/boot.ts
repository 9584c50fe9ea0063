// The plugin's first script: bin/kubectl-smlogs (and bin/kubectl_complete-smlogs) require
// dist/boot.cjs, and the single executable runs it as its main script. It runs the entry bundle
// (dist/kubectl-smlogs.cjs, or the executable's asset) with the V8 code cache the build made for
// it, which halves the entry's start-up cost; see src/cli/script-loader.ts.
import { loadScript } from './cli/script-loader';

loadScript('kubectl-smlogs');
