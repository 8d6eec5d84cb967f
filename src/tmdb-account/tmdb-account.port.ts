import { DomainError } from '../common/errors/domain-error';

/** The two lists of a TMDb account that Cinemateca keeps a copy of. */
export type AccountListKind = 'favorite' | 'watchlist';

/** What a user's approved request token turns into: TMDb's v4 access token and its account object id. */
export interface AccessGrant {
  accessToken: string;
  /** TMDb's v4 account object id (24 hex digits); the v3 routes take the numeric id instead. */
  accountObjectId: string;
}

export interface AccountIdentity {
  /** TMDb's numeric account id, the one v3 paths take. */
  accountId: number;
  username: string;
}

/** What every v3 account call needs. */
export interface AccountSession {
  accountId: number;
  sessionId: string;
}

/** One movie of an account list, with what TMDb says of it (enough to store it without another call). */
export interface AccountListItem {
  tmdbId: number;
  title: string;
  releaseDate: string | null;
  posterPath: string | null;
}

export interface AccountListPage {
  /** In the order the user added them (TMDb's `created_at.asc`). */
  items: AccountListItem[];
  page: number;
  totalPages: number;
}

/** TMDb would not turn the request token into an access token: unknown, expired, used, or not approved yet. */
export class RequestTokenRefused extends DomainError {
  readonly kind = 'invalid';
}

/** TMDb refused the user's stored access token or session (401): the user revoked it, or TMDb dropped it. */
export class CredentialsRejected extends DomainError {
  readonly kind = 'conflict';
}

/**
 * TMDb's user authentication and account routes, in our types. Failures leave as
 * UpstreamError (502/503/504; `not_found` for a movie TMDb does not have),
 * RequestTokenRefused or CredentialsRejected. No method ever puts a token or a
 * session id into an error, a log line or a metric label.
 */
export abstract class TmdbAccountPort {
  /** POST /4/auth/request_token: a token for the user to approve, redirecting there afterwards when given. */
  abstract createRequestToken(redirectTo?: string): Promise<string>;
  /** POST /4/auth/access_token: the approved request token becomes the user's access token (single use). */
  abstract createAccessToken(requestToken: string): Promise<AccessGrant>;
  /** POST /3/authentication/session/convert/4: a v3 session for the v3 account routes. */
  abstract createSession(accessToken: string): Promise<string>;
  /** GET /3/account: whose session it is. */
  abstract account(sessionId: string): Promise<AccountIdentity>;
  /** POST /3/account/{id}/favorite or /watchlist: puts the movie on the list or takes it off. */
  abstract setListed(session: AccountSession, list: AccountListKind, tmdbId: number, present: boolean): Promise<void>;
  /** GET /3/account/{id}/favorite/movies or /watchlist/movies, one page, oldest addition first. */
  abstract listPage(session: AccountSession, list: AccountListKind, page: number): Promise<AccountListPage>;
  /** DELETE /3/authentication/session. */
  abstract deleteSession(sessionId: string): Promise<void>;
  /** DELETE /4/auth/access_token. */
  abstract deleteAccessToken(accessToken: string): Promise<void>;
}
