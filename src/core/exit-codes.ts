/** The exit codes of the command-line contract; CI scripts branch on these. */
export const ExitCode = {
  Ok: 0,
  Error: 1,
  Usage: 2,
  JobFailed: 3,
  JobStopped: 4,
  Timeout: 5,
  Interrupted: 130,
  /** SIGTERM (128 + 15, as a shell reports it): a CI runner or Kubernetes stopping the run. */
  Terminated: 143,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
