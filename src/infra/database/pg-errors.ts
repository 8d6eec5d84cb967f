import { QueryFailedError } from 'typeorm';

/** The PostgreSQL SQLSTATE codes this service acts on (PostgreSQL manual, appendix "Error Codes"). */
export const PG_ERROR = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  restrictViolation: '23001',
  lockNotAvailable: '55P03',
} as const;

/** The SQLSTATE of a failed query; undefined for anything else (a lost connection, a bug). */
export function pgErrorCode(error: unknown): string | undefined {
  return error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
}

export function isPgError(error: unknown, code: (typeof PG_ERROR)[keyof typeof PG_ERROR]): error is QueryFailedError {
  return pgErrorCode(error) === code;
}
