// Public API of the AWS stand-in (SageMaker + CloudWatch Logs emulator). See README.md.
export { ManualClock, RealClock, type Clock } from './clock';
export { StandInConfigError, ApiError } from './errors';
export { startAwsStandIn, type AwsStandIn, type StartOptions } from './server';
export {
  defaultFaults, DEFAULT_QUOTAS, SCRIPTED_FAULTS, type AuthFault, type DeniedRule, type FaultSettings, type FaultSettingsInput, type ScriptedFault, type PageFault,
} from './faults';
export { CallerAccounts, identityOf, STS_VERSION, type Caller } from './sts-api';
export { countByOperation, maxRequestsInWindow, type RecordedRequest } from './request-log';
export { LogsModel, LogStream, LogGroup, eventId, type LogEventInput, type LogEventRecord, type StreamMetadata } from './logs-model';
export {
  SageMakerModel, DEFAULT_STATUS_MESSAGES, TRAINING_STATUSES, SECONDARY_STATUSES, type JobKind, type JobDef, type TrainingDef,
  type TuningDef, type TransformDef, type ProcessingDef, type EndpointDef, type TimelinePoint,
} from './sagemaker-model';
export { logGroupOf, instanceId, DEFAULT_FAILURE_REASONS } from './scenario';
export { PRESETS, PLACEHOLDERS } from './templates';
export { parseDuration, parseTime } from './time';
export * from './scenario-types';
export * from './builders';
