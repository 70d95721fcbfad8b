/** Scheduled runs carry on past one school's or one case's failure, then report the run as failed. */
import { AppError } from '../platform/errors';

export interface RunFailure {
  schoolId: string;
  caseId?: string;
  error: unknown;
}

/** Some schools or cases could not be processed; the rest were. The next scheduled run tries again. */
export class PartialRunError extends AppError {
  readonly retryable = true;
  readonly httpStatus = 500;
  constructor(
    run: string,
    readonly failures: readonly RunFailure[],
  ) {
    super(`${run}: ${failures.length} failure(s); the next run retries them`);
  }
}
