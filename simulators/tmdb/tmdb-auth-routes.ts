import { FastifyInstance, FastifyReply } from 'fastify';
import { TmdbAccounts } from './tmdb-accounts';
import { statusBody, TMDB_STATUS, TMDB_SUCCESS, TmdbStatus } from './tmdb-errors';
import { bodyFields } from './tmdb-request-body';

const fail = (reply: FastifyReply, status: TmdbStatus) => reply.code(status.http).send(statusBody(status));
const SUCCESS = { success: true, status_code: 1, status_message: 'Success.' } as const;

/**
 * TMDb's v4 user authentication (request token -> approval on the site ->
 * access token), its logout, and the v3 session made from a v4 access token.
 * Every route here is called with the application's read token as Bearer,
 * which the simulator's API hook has already checked.
 */
export function registerTmdbAuthRoutes(app: FastifyInstance, accounts: TmdbAccounts, appToken: string): void {
  const { credentials } = accounts;

  app.post('/4/auth/request_token', async (request, reply) => {
    const { redirect_to: redirectTo } = bodyFields(request);
    if (redirectTo !== undefined && redirectTo !== null && typeof redirectTo !== 'string')
      return fail(reply, TMDB_STATUS.invalidParameters);
    return { ...SUCCESS, request_token: credentials.createRequestToken(redirectTo || null) };
  });

  // Unknown, expired, spent and not-yet-approved tokens all answer 33, as TMDb's
  // reference for this route lists; the table's 41 (422) is not documented for it.
  app.post('/4/auth/access_token', async (request, reply) => {
    const { request_token: requestToken } = bodyFields(request);
    if (typeof requestToken !== 'string') return fail(reply, TMDB_STATUS.invalidParameters);
    const granted = credentials.exchange(requestToken, (accountId) => accounts.byId(accountId)!.objectId);
    if (!granted) return fail(reply, TMDB_STATUS.invalidRequestToken);
    return { ...SUCCESS, access_token: granted.accessToken, account_id: accounts.byId(granted.accountId)!.objectId };
  });

  app.delete('/4/auth/access_token', async (request, reply) => {
    const { access_token: accessToken } = bodyFields(request);
    if (typeof accessToken !== 'string') return fail(reply, TMDB_STATUS.invalidParameters);
    if (!credentials.revokeAccessToken(accessToken)) return fail(reply, TMDB_STATUS.invalidToken);
    return { success: true, status_code: TMDB_SUCCESS.deleted.code, status_message: TMDB_SUCCESS.deleted.message };
  });

  app.post('/3/authentication/session/convert/4', async (request, reply) => {
    const { access_token: accessToken } = bodyFields(request);
    if (typeof accessToken !== 'string') return fail(reply, TMDB_STATUS.invalidParameters);
    // What TMDb answers when handed the application's own read token (seen in the wild, with `failure`).
    if (accessToken === appToken) return reply.code(401).send({ failure: true, ...statusBody(TMDB_STATUS.noWritePermission) });
    const sessionId = credentials.createSession(accessToken);
    if (!sessionId) return fail(reply, TMDB_STATUS.invalidToken);
    return { success: true, session_id: sessionId };
  });

  app.delete('/3/authentication/session', async (request, reply) => {
    const { session_id: sessionId } = bodyFields(request);
    if (typeof sessionId !== 'string') return fail(reply, TMDB_STATUS.invalidParameters);
    if (!credentials.deleteSession(sessionId)) return fail(reply, TMDB_STATUS.sessionNotFound);
    return { success: true };
  });
}
