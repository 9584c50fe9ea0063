// Error types: StandInConfigError for bad scenarios/options (one clear line, names the file and field),
// ApiError for AWS error responses produced by the operation handlers.

/** A bad scenario, option or port. The message is one line: `<source>: <path>: <problem>`. */
export class StandInConfigError extends Error {
  readonly source?: string;
  readonly path?: string;
  readonly code?: string;

  constructor(message: string, opts: { source?: string; path?: string; code?: string } = {}) {
    super(message);
    this.name = 'StandInConfigError';
    this.source = opts.source;
    this.path = opts.path;
    this.code = opts.code;
  }
}

/** An AWS error response: `{"__type": code, "message": message}` with an HTTP status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Also send `Message` (SageMaker's modelled error shapes use it). */
  readonly upperMessage: boolean;

  constructor(status: number, code: string, message: string, opts: { upperMessage?: boolean } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.upperMessage = opts.upperMessage ?? false;
  }
}

export const logsErrors = {
  groupNotFound: () => new ApiError(400, 'ResourceNotFoundException', 'The specified log group does not exist.'),
  streamNotFound: () => new ApiError(400, 'ResourceNotFoundException', 'The specified log stream does not exist.'),
  invalidParameter: (message: string) => new ApiError(400, 'InvalidParameterException', message),
  invalidToken: () => new ApiError(400, 'InvalidParameterException', 'The specified nextToken is invalid.'),
};

export const sagemakerErrors = {
  validation: (message: string) => new ApiError(400, 'ValidationException', message),
  resourceNotFound: (message: string) => new ApiError(400, 'ResourceNotFound', message, { upperMessage: true }),
};

export const commonErrors = {
  throttling: () => new ApiError(400, 'ThrottlingException', 'Rate exceeded'),
  internal: () => new ApiError(500, 'InternalFailure', 'An internal error occurred. Try again later.'),
  unavailable: () => new ApiError(503, 'ServiceUnavailableException', 'The service is unavailable. Try again later.'),
  unrecognizedClient: () => new ApiError(400, 'UnrecognizedClientException', 'The security token included in the request is invalid.'),
  serialization: (message: string) => new ApiError(400, 'SerializationException', message),
  unknownOperation: (target: string) =>
    new ApiError(400, 'UnknownOperationException', target ? `Unknown operation ${target}` : 'Missing X-Amz-Target header'),
};
