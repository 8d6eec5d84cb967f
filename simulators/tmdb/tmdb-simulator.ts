import { RunningSimulator, startSimulator } from '../simulator-kit';
import { AccountListKind } from './tmdb-account-lists';
import { registerTmdbAccountRoutes } from './tmdb-account-routes';
import { AccountListEntry, AccountListInput, AccountRef, TmdbAccounts } from './tmdb-accounts';
import { TmdbMovieDetails } from './tmdb-api-types';
import { registerTmdbApprovalPage, WEBSITE_PATH_PREFIX } from './tmdb-approval-page';
import { registerTmdbAuthRoutes } from './tmdb-auth-routes';
import { catalogOfSize, DEFAULT_CATALOG_SIZE } from './tmdb-catalog';
import { statusBody, statusForHttp, TMDB_STATUS } from './tmdb-errors';
import { PageErrorStyle } from './tmdb-paging';
import { TmdbRateWindow } from './tmdb-rate-limit';
import { renderDetails } from './tmdb-render';
import { registerBodyParsers } from './tmdb-request-body';
import { registerTmdbRoutes } from './tmdb-routes';

export type { AccountListEntry, AccountListInput, AccountListKind, AccountRef };

export interface TmdbSimulatorOptions {
  port?: number;
  /** The v4 read access token clients must send as `Authorization: Bearer <token>`. */
  token?: string;
  /** Drives the kit's random faults (`failRate`); the catalog never depends on it. */
  random?: () => number;
  /** Movies in the catalog, hand-written ones included. Default 12,000 (popular then has 588 pages). */
  catalogSize?: number;
  /** Default 'status-code-22', what TMDB answers today; see PageErrorStyle. */
  pageErrorStyle?: PageErrorStyle;
  /** Epoch milliseconds; drives request-token expiry, list `created_at` and the rate window. Default Date.now. */
  now?: () => number;
  /** API requests admitted per sliding second; over it TMDB's 429 (status_code 25, Retry-After). Default unlimited. */
  requestsPerSecond?: number;
}

/** A sample TMDb account, as the control API shows it. */
export interface TmdbAccountInfo {
  /** Numeric v3 id: GET /3/account's `id`. */
  id: number;
  /** v4 object id: POST /4/auth/access_token's `account_id`. */
  accountObjectId: string;
  username: string;
  name: string;
}

export interface TmdbSimulator extends RunningSimulator {
  /** `url` + '/3': what TMDB_BASE_URL is set to. */
  readonly apiRoot: string;
  readonly token: string;
  /** Every movie id in the catalog, hand-written first, then synthetic in increasing order. */
  movieIds(): number[];
  /** Ids of the hand-written, real movies (Fight Club is 550, The Matrix 603, ...). */
  sampleMovieIds(): number[];
  /** What GET /3/movie/{id} answers, without appended responses; undefined for an unknown id. */
  movieDetails(id: number): TmdbMovieDetails | undefined;

  // Control API for TMDb accounts (not TMDb's): what a user would do on TMDb's site.
  // Accounts are named by numeric id, v4 object id or username; unknown ones throw.

  /** The sample accounts; the first is the approval page's default and starts with empty lists. */
  accounts(): TmdbAccountInfo[];
  /** Approves a live request token as the account (default the first), as the approval page does. Throws if spent or expired. */
  approveRequestToken(requestToken: string, account?: AccountRef): void;
  /** Replaces a list; entries without `createdAt` are added now, in the order given. Unknown movies throw. */
  setAccountList(account: AccountRef, kind: AccountListKind, entries: readonly AccountListInput[]): void;
  /** False when the movie was already there (its `created_at` is kept). */
  addToAccountList(account: AccountRef, kind: AccountListKind, tmdbId: number, createdAt?: Date | string | number): boolean;
  /** False when the movie was not there. */
  removeFromAccountList(account: AccountRef, kind: AccountListKind, tmdbId: number): boolean;
  /** The list oldest first, as `created_at.asc` pages it. */
  accountList(account: AccountRef, kind: AccountListKind): AccountListEntry[];
  /** Revokes every access token and session of the account: the next call with them answers 401 (status_code 3 on account routes). */
  revokeAllCredentials(account: AccountRef): void;
  /** How many access tokens and sessions of the account still work (unlink tests check they were revoked). */
  liveCredentials(account: AccountRef): { accessTokens: number; sessions: number };
}

export const DEFAULT_TMDB_TOKEN = 'tmdb-simulator-token';

export async function startTmdbSimulator(options: TmdbSimulatorOptions = {}): Promise<TmdbSimulator> {
  const token = options.token ?? DEFAULT_TMDB_TOKEN;
  const now = options.now ?? Date.now;
  const catalog = catalogOfSize(options.catalogSize ?? DEFAULT_CATALOG_SIZE);
  const accounts = new TmdbAccounts(catalog, token, now);
  const pageErrorStyle = options.pageErrorStyle ?? 'status-code-22';
  const running = await startSimulator({
    port: options.port,
    random: options.random,
    writeError: (reply, status) => reply.code(status).send(statusBody(statusForHttp(status))),
    register: (app) => {
      registerBodyParsers(app);
      if (options.requestsPerSecond !== undefined) {
        const window = new TmdbRateWindow(options.requestsPerSecond, now);
        app.addHook('onRequest', async (request, reply) => {
          if (request.url.startsWith(WEBSITE_PATH_PREFIX)) return;
          const waitSeconds = window.admit();
          if (waitSeconds === undefined) return;
          return reply.code(429).header('retry-after', String(waitSeconds)).send(statusBody(TMDB_STATUS.rateLimited));
        });
      }
      registerTmdbRoutes(app, { catalog, token, pageErrorStyle });
      registerTmdbAuthRoutes(app, accounts, token);
      registerTmdbAccountRoutes(app, accounts, catalog, pageErrorStyle);
      registerTmdbApprovalPage(app, accounts);
    },
  });
  return {
    ...running,
    apiRoot: `${running.url}/3`,
    token,
    movieIds: () => catalog.ids(),
    sampleMovieIds: () => [...catalog.sampleIds],
    movieDetails: (id) => {
      const movie = catalog.movie(id);
      return movie && renderDetails(movie);
    },
    accounts: () =>
      accounts
        .all()
        .map((account) => ({ id: account.id, accountObjectId: account.objectId, username: account.username, name: account.name })),
    approveRequestToken: (requestToken, account) => accounts.approve(requestToken, account),
    setAccountList: (account, kind, entries) => accounts.setList(account, kind, entries),
    addToAccountList: (account, kind, tmdbId, createdAt) => accounts.addToList(account, kind, tmdbId, createdAt),
    removeFromAccountList: (account, kind, tmdbId) => accounts.removeFromList(account, kind, tmdbId),
    accountList: (account, kind) => accounts.list(account, kind),
    revokeAllCredentials: (account) => accounts.revokeAll(account),
    liveCredentials: (account) => accounts.liveCredentials(account),
  };
}
