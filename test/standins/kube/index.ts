// The Kubernetes API stand-in: an HTTPS server on 127.0.0.1 that the real kubectl and
// @kubernetes/client-node 1.4.0 use unchanged. See README.md.

export { startKubeStandIn, type KubeStandIn, type KubeStandInOptions } from './standin';
export { StandInConfigError } from './errors';
export { Faults, type FaultRule } from './faults';
export { ObjectStore, type StoreEvent, type PutOptions } from './store';
export { Policy, type Attributes, type Decision } from './policy';
export { awsEksExec, type ExecConfig, type KubeconfigAuth, type KubeconfigOptions } from './kubeconfig';
export { loadScenarioFile } from './scenario';
export { LEGACY_GROUP, LEGACY_VERSION, ACK_GROUP, ACK_VERSION } from './catalogue';
export type {
  AuthKind,
  AwsTokenOptions,
  Family,
  Identity,
  KubeObject,
  KubeMetadata,
  KubeScenario,
  PolicyRule,
  RequestLogEntry,
  ScenarioNamespace,
  ScenarioUser,
} from './types';
