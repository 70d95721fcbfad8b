/**
 * Named errors, mapped to retry / no-retry and HTTP status in one place (toHttpStatus, isRetryable).
 * A record handler throws; Powertools' BatchProcessor reports it as a batch item failure, SQS redelivers
 * it, and after maxReceiveCount it lands in the DLQ. Permanent errors still fail the record: the DLQ is
 * where a human can see what could not be processed — nothing is dropped silently.
 */

export abstract class AppError extends Error {
  abstract readonly retryable: boolean;
  abstract readonly httpStatus: number;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A setting is missing or malformed. Raised at cold start so the function fails fast. */
export class ConfigError extends AppError {
  readonly retryable = false;
  readonly httpStatus = 500;
}

/** Input (an event, a message, a file, an API response) does not have the expected shape. */
export class ValidationError extends AppError {
  readonly retryable = false;
  readonly httpStatus = 400;
}

export class NotFoundError extends AppError {
  readonly retryable = false;
  readonly httpStatus = 404;
}

/** A conditional write lost a race or a state transition is not allowed from the current state. */
export class ConflictError extends AppError {
  readonly retryable = false;
  readonly httpStatus = 409;
}

/** Refused for security reasons (SSRF guard, bad signature, expired or replayed link). */
export class ForbiddenError extends AppError {
  readonly retryable = false;
  readonly httpStatus = 403;
}

/** A remote service failed or timed out; trying again later may work. */
export class UpstreamError extends AppError {
  readonly retryable = true;
  readonly httpStatus = 502;
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isRetryable = (error: unknown): boolean => (error instanceof AppError ? error.retryable : true);

export const toHttpStatus = (error: unknown): number => (error instanceof AppError ? error.httpStatus : 500);

/** A short, safe description of any thrown value (no stack), for logs and CLI output. */
export const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);
