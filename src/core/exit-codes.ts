/** The exit codes of the command-line contract; CI scripts branch on these. */
export const ExitCode = {
  Ok: 0,
  Error: 1,
  Usage: 2,
  JobFailed: 3,
  JobStopped: 4,
  Timeout: 5,
  Interrupted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
