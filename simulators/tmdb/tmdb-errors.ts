import { TmdbStatusError } from './tmdb-api-types';

export interface TmdbStatus {
  http: number;
  code: number;
  message: string;
}

/** TMDB's own status codes and messages (developer.themoviedb.org/docs/errors). */
export const TMDB_STATUS = {
  authenticationFailed: { http: 401, code: 3, message: 'Authentication failed: You do not have permissions to access the service.' },
  invalidParameters: { http: 422, code: 5, message: 'Invalid parameters: Your request parameters are incorrect.' },
  invalidApiKey: { http: 401, code: 7, message: 'Invalid API key: You must be granted a valid key.' },
  serviceOffline: { http: 503, code: 9, message: 'Service offline: This service is temporarily offline, try again later.' },
  internalError: { http: 500, code: 11, message: 'Internal error: Something went wrong, contact TMDB.' },
  invalidPage: { http: 400, code: 22, message: 'Invalid page: Pages start at 1 and max at 500. They are expected to be an integer.' },
  backendTimeout: { http: 504, code: 24, message: 'Your request to the backend server timed out. Try again.' },
  rateLimited: { http: 429, code: 25, message: 'Your request count (#) is over the allowed limit of (40).' },
  tooManyAppends: { http: 400, code: 27, message: 'Too many append to response objects: The maximum number of remote calls is 20.' },
  invalidRequestToken: { http: 401, code: 33, message: 'Invalid request token: The request token is either expired or invalid.' },
  notFound: { http: 404, code: 34, message: 'The resource you requested could not be found.' },
  invalidToken: { http: 401, code: 35, message: 'Invalid token.' },
  noWritePermission: { http: 401, code: 36, message: "This token hasn't been granted write permission by the user." },
  sessionNotFound: { http: 404, code: 37, message: 'The requested session could not be found.' },
  backendUnreachable: { http: 502, code: 43, message: "Couldn't connect to the backend server." },
  invalidInput: { http: 400, code: 47, message: 'The input is not valid.' },
} satisfies Record<string, TmdbStatus>;

/** TMDB's success codes, from the same table: writes answer these instead of an error. */
export const TMDB_SUCCESS = {
  created: { http: 201, code: 1, message: 'Success.' },
  updated: { http: 201, code: 12, message: 'The item/record was updated successfully.' },
  deleted: { http: 200, code: 13, message: 'The item/record was deleted successfully.' },
} satisfies Record<string, TmdbStatus>;

export function statusBody(status: TmdbStatus): TmdbStatusError {
  return { success: false, status_code: status.code, status_message: status.message };
}

const STATUS_OF_INJECTED_FAILURE: Readonly<Record<number, TmdbStatus>> = {
  400: TMDB_STATUS.invalidInput,
  401: TMDB_STATUS.invalidApiKey,
  404: TMDB_STATUS.notFound,
  429: TMDB_STATUS.rateLimited,
  500: TMDB_STATUS.internalError,
  502: TMDB_STATUS.backendUnreachable,
  503: TMDB_STATUS.serviceOffline,
  504: TMDB_STATUS.backendTimeout,
};

/** The TMDB status an injected failure with this HTTP status is rendered as. */
export function statusForHttp(http: number): TmdbStatus {
  const known = STATUS_OF_INJECTED_FAILURE[http];
  if (known) return known;
  return { ...(http >= 500 ? TMDB_STATUS.internalError : TMDB_STATUS.invalidInput), http };
}
