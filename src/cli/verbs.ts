// The heavy half of the plugin: every verb that talks to Kubernetes or AWS, and the cluster part
// of shell completion. scripts/build.mjs bundles this file on its own (dist/verbs.cjs, with the
// AWS SDK clients and @kubernetes/client-node tree-shaken into it); the light entry
// (dist/kubectl-smlogs.cjs: commander, the command definitions, help, version, completion
// scripts) loads it through loadVerbs() only when a verb runs. Import nothing from here
// statically outside this file.
export { destroyClients } from '../aws/clients';
export { runDescribe } from './commands/describe';
export { runList } from './commands/list';
export { runLogs } from './commands/logs';
export { runStop } from './commands/stop';
export { runWait } from './commands/wait';
export { clusterCandidates } from './completion-cluster';
