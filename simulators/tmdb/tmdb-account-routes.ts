import { createHash } from 'node:crypto';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AccountListKind } from './tmdb-account-lists';
import { TmdbAccounts } from './tmdb-accounts';
import { TmdbCatalog } from './tmdb-catalog';
import { statusBody, TMDB_STATUS, TMDB_SUCCESS, TmdbStatus } from './tmdb-errors';
import { pageError, pageOf, PageErrorStyle, parsePage } from './tmdb-paging';
import { renderListItem } from './tmdb-render';
import { bodyFields, queryValue } from './tmdb-request-body';
import { SampleAccount } from './tmdb-sample-accounts';

const fail = (reply: FastifyReply, status: TmdbStatus) => reply.code(status.http).send(statusBody(status));

/** The documented write answers carry `status_code` and `status_message` only (no `success`). */
const written = (reply: FastifyReply, status: TmdbStatus) =>
  reply.code(status.http).send({ status_code: status.code, status_message: status.message });

/** TMDb reads form-ish values leniently: `"true"` is true, `"550"` is 550. */
const asBoolean = (value: unknown) =>
  value === true || value === 'true' ? true : value === false || value === 'false' ? false : undefined;
const asMovieId = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value > 0
    ? value
    : typeof value === 'string' && /^[1-9]\d{0,9}$/.test(value)
      ? Number(value)
      : undefined;

function renderAccount(account: SampleAccount) {
  return {
    avatar: {
      gravatar: { hash: createHash('md5').update(`${account.username}@example.com`).digest('hex') },
      tmdb: { avatar_path: account.avatarPath },
    },
    id: account.id,
    iso_639_1: account.iso_639_1,
    iso_3166_1: account.iso_3166_1,
    name: account.name,
    include_adult: account.include_adult,
    username: account.username,
  };
}

/**
 * The v3 account routes a linked client uses: who the session's user is,
 * marking favorites and the watchlist, and reading both lists page by page.
 * A missing, unknown or revoked session, or an `{account_id}` that is not the
 * session's own, answers 401 with status_code 3.
 */
export function registerTmdbAccountRoutes(
  app: FastifyInstance,
  accounts: TmdbAccounts,
  catalog: TmdbCatalog,
  pageErrorStyle: PageErrorStyle,
): void {
  const sessionAccount = (request: FastifyRequest): SampleAccount | undefined => {
    const sessionId = queryValue(request, 'session_id');
    const accountId = sessionId === undefined ? undefined : accounts.credentials.accountOfSession(sessionId);
    return accountId === undefined ? undefined : accounts.byId(accountId);
  };
  const ownAccount = (request: FastifyRequest<{ Params: { accountId: string } }>) => {
    const account = sessionAccount(request);
    return account && request.params.accountId === String(account.id) ? account : undefined;
  };

  app.get('/3/account', async (request, reply) => {
    const account = sessionAccount(request);
    return account ? renderAccount(account) : fail(reply, TMDB_STATUS.authenticationFailed);
  });

  app.get<{ Params: { accountId: string } }>('/3/account/:accountId', async (request, reply) => {
    const account = ownAccount(request);
    return account ? renderAccount(account) : fail(reply, TMDB_STATUS.authenticationFailed);
  });

  const markRoute = (kind: AccountListKind) =>
    app.post<{ Params: { accountId: string } }>(`/3/account/:accountId/${kind}`, async (request, reply) => {
      const account = ownAccount(request);
      if (!account) return fail(reply, TMDB_STATUS.authenticationFailed);
      const body = bodyFields(request);
      const mediaId = asMovieId(body.media_id);
      const present = asBoolean(body[kind]);
      if ((body.media_type !== 'movie' && body.media_type !== 'tv') || mediaId === undefined || present === undefined) {
        return fail(reply, TMDB_STATUS.invalidParameters);
      }
      // The simulator has no TV shows, so a tv id is as unknown as a movie id never issued.
      if (body.media_type === 'tv' || !accounts.hasMovie(mediaId)) return fail(reply, TMDB_STATUS.notFound);
      if (!present) {
        accounts.lists.remove(account.id, kind, mediaId);
        return written(reply, TMDB_SUCCESS.deleted);
      }
      const outcome = accounts.lists.add(account.id, kind, mediaId, accounts.now());
      return written(reply, outcome === 'added' ? TMDB_SUCCESS.created : TMDB_SUCCESS.updated);
    });
  markRoute('favorite');
  markRoute('watchlist');

  const listRoute = (kind: AccountListKind) =>
    app.get<{ Params: { accountId: string } }>(`/3/account/:accountId/${kind}/movies`, async (request, reply) => {
      const account = ownAccount(request);
      if (!account) return fail(reply, TMDB_STATUS.authenticationFailed);
      const parsed = parsePage(queryValue(request, 'page'));
      if (!parsed.ok) {
        const { http, body } = pageError(parsed.problem, pageErrorStyle);
        return reply.code(http).send(body);
      }
      // Any sort_by but created_at.desc means TMDb's default, created_at.asc.
      const entries = accounts.lists.entries(account.id, kind);
      if (queryValue(request, 'sort_by') === 'created_at.desc') entries.reverse();
      return pageOf(entries, parsed.page, (entry) => renderListItem(catalog.movie(entry.tmdbId)!));
    });
  listRoute('favorite');
  listRoute('watchlist');
}
