import { UpstreamError } from '../common/errors/domain-error';
import { AccountAnswer, AccountCall, TmdbAccountHttp } from './tmdb-account.http';
import {
  AccessGrant,
  AccountIdentity,
  AccountListItem,
  AccountListKind,
  AccountListPage,
  AccountSession,
  CredentialsRejected,
  RequestTokenRefused,
  TmdbAccountPort,
} from './tmdb-account.port';

const TMDB = 'tmdb';
/** TMDb's status_code for "This request token hasn't been approved by the user." */
const NOT_APPROVED = 41;

interface ListPayload {
  page?: number;
  total_pages?: number;
  results?: Array<{ id?: unknown; title?: unknown; release_date?: unknown; poster_path?: unknown }>;
}

/** Where v3 lives (TMDB_BASE_URL) and its sibling v4 root: `https://api.themoviedb.org/3` -> `.../4`. */
export function tmdbRoots(baseUrl: string): { v3: string; v4: string } {
  const v3 = baseUrl.replace(/\/+$/, '');
  return { v3, v4: new URL('../4', `${v3}/`).href.replace(/\/+$/, '') };
}

/**
 * TmdbAccountPort over TMDb's HTTP API. Reads what TMDb answers into our types
 * and errors here, at the edge: a 401 on a user's credentials is
 * CredentialsRejected, a refused request token RequestTokenRefused, anything
 * else unexpected an UpstreamError, whose message never holds a credential.
 */
export class TmdbAccountAdapter extends TmdbAccountPort {
  private readonly roots: { v3: string; v4: string };

  constructor(
    private readonly http: TmdbAccountHttp,
    baseUrl: string,
  ) {
    super();
    this.roots = tmdbRoots(baseUrl);
  }

  async createRequestToken(redirectTo?: string): Promise<string> {
    const answer = await this.call<{ request_token?: unknown }>({
      operation: 'auth.request_token',
      method: 'POST',
      url: `${this.roots.v4}/auth/request_token`,
      body: redirectTo ? { redirect_to: redirectTo } : {},
      idempotent: true,
    });
    const token = ok(answer) ? answer.body.request_token : undefined;
    if (typeof token !== 'string' || token === '') throw refused(answer, 'auth.request_token');
    return token;
  }

  async createAccessToken(requestToken: string): Promise<AccessGrant> {
    const answer = await this.call<{ access_token?: unknown; account_id?: unknown }>({
      operation: 'auth.access_token',
      method: 'POST',
      url: `${this.roots.v4}/auth/access_token`,
      body: { request_token: requestToken },
      idempotent: false,
    });
    if (ok(answer) && typeof answer.body.access_token === 'string' && typeof answer.body.account_id === 'string') {
      return { accessToken: answer.body.access_token, accountObjectId: answer.body.account_id };
    }
    if (answer.tmdbCode === NOT_APPROVED) {
      throw new RequestTokenRefused(
        'LinkNotApproved',
        'That request token has not been approved on TMDb yet: open approveUrl and approve, then try again.',
      );
    }
    if ([401, 404, 422].includes(answer.status)) {
      throw new RequestTokenRefused(
        'LinkRequestInvalid',
        'TMDb did not accept that request token: it is unknown, expired, already used or not approved yet.',
      );
    }
    throw refused(answer, 'auth.access_token');
  }

  async createSession(accessToken: string): Promise<string> {
    const answer = await this.call<{ session_id?: unknown }>({
      operation: 'auth.session_convert_4',
      method: 'POST',
      url: `${this.roots.v3}/authentication/session/convert/4`,
      body: { access_token: accessToken },
      idempotent: true,
    });
    rejectedCredentials(answer);
    if (!ok(answer) || typeof answer.body.session_id !== 'string') throw refused(answer, 'auth.session_convert_4');
    return answer.body.session_id;
  }

  async account(sessionId: string): Promise<AccountIdentity> {
    const answer = await this.call<{ id?: unknown; username?: unknown }>({
      operation: 'account.details',
      method: 'GET',
      url: `${this.roots.v3}/account`,
      query: { session_id: sessionId },
      idempotent: true,
    });
    rejectedCredentials(answer);
    const { id, username } = answer.body ?? {};
    if (!ok(answer) || !Number.isSafeInteger(id) || (id as number) <= 0) throw refused(answer, 'account.details');
    return { accountId: id as number, username: typeof username === 'string' ? username : '' };
  }

  async setListed(session: AccountSession, list: AccountListKind, tmdbId: number, present: boolean): Promise<void> {
    const answer = await this.call({
      operation: `account.${list}.write`,
      method: 'POST',
      url: `${this.roots.v3}/account/${session.accountId}/${list}`,
      query: { session_id: session.sessionId },
      body: { media_type: 'movie', media_id: tmdbId, [list]: present },
      // Setting a flag to a value twice leaves it as once.
      idempotent: true,
    });
    rejectedCredentials(answer);
    if (ok(answer)) return;
    if (answer.status === 404) {
      // Taking off what is not there leaves the list as asked.
      if (!present) return;
      throw new UpstreamError('not_found', TMDB, `TMDB has no movie with id ${tmdbId}.`, 404);
    }
    throw refused(answer, `account.${list}.write`);
  }

  async listPage(session: AccountSession, list: AccountListKind, page: number): Promise<AccountListPage> {
    const answer = await this.call<ListPayload>({
      operation: `account.${list}.list`,
      method: 'GET',
      url: `${this.roots.v3}/account/${session.accountId}/${list}/movies`,
      query: { session_id: session.sessionId, page, sort_by: 'created_at.asc' },
      idempotent: true,
    });
    rejectedCredentials(answer);
    if (!ok(answer) || !Array.isArray(answer.body.results)) throw refused(answer, `account.${list}.list`);
    const items = answer.body.results.flatMap(toItem);
    const totalPages = Number.isSafeInteger(answer.body.total_pages) ? (answer.body.total_pages as number) : page;
    return { items, page, totalPages };
  }

  async deleteSession(sessionId: string): Promise<void> {
    const answer = await this.call({
      operation: 'auth.session_delete',
      method: 'DELETE',
      url: `${this.roots.v3}/authentication/session`,
      body: { session_id: sessionId },
      idempotent: true,
    });
    // Already gone (revoked on TMDb's site, or by an earlier attempt) is what we wanted.
    if (!ok(answer) && ![401, 404].includes(answer.status)) throw refused(answer, 'auth.session_delete');
  }

  async deleteAccessToken(accessToken: string): Promise<void> {
    const answer = await this.call({
      operation: 'auth.access_token_delete',
      method: 'DELETE',
      url: `${this.roots.v4}/auth/access_token`,
      body: { access_token: accessToken },
      idempotent: true,
    });
    if (!ok(answer) && ![401, 404].includes(answer.status)) throw refused(answer, 'auth.access_token_delete');
  }

  private call<T = unknown>(call: AccountCall): Promise<AccountAnswer<T>> {
    return this.http.call<T>(call);
  }
}

const ok = (answer: AccountAnswer<unknown>) =>
  answer.status >= 200 && answer.status < 300 && (answer.body as { success?: unknown }).success !== false;

/** TMDb's status_codes for our application's own read token (invalid, suspended): no user's link is at fault. */
const APP_TOKEN_REFUSED = new Set([7, 10]);

function rejectedCredentials(answer: AccountAnswer<unknown>): void {
  if (answer.status === 401 && answer.tmdbCode !== undefined && APP_TOKEN_REFUSED.has(answer.tmdbCode)) {
    throw new UpstreamError('upstream_failed', TMDB, `TMDB refused this server's API token (status_code ${answer.tmdbCode}).`, 401);
  }
  if (answer.status === 401) {
    throw new CredentialsRejected(
      'TmdbAccountUnlinked',
      'TMDb no longer accepts the link to your account (it was revoked there): link your TMDb account again.',
    );
  }
}

/** TMDb answered, but not what the call expects: a request we should not have sent, or a change on TMDb's side. */
function refused(answer: AccountAnswer<unknown>, operation: string): UpstreamError {
  const code = answer.tmdbCode === undefined ? '' : `, status_code ${answer.tmdbCode}`;
  return new UpstreamError('upstream_failed', TMDB, `TMDB refused ${operation} (HTTP ${answer.status}${code}).`, answer.status);
}

function toItem(result: NonNullable<ListPayload['results']>[number]): AccountListItem[] {
  if (!Number.isSafeInteger(result.id) || (result.id as number) <= 0) return [];
  return [
    {
      tmdbId: result.id as number,
      title: typeof result.title === 'string' && result.title !== '' ? result.title.slice(0, 500) : `TMDB movie ${String(result.id)}`,
      releaseDate: typeof result.release_date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(result.release_date) ? result.release_date : null,
      posterPath: typeof result.poster_path === 'string' ? result.poster_path.slice(0, 300) : null,
    },
  ];
}
