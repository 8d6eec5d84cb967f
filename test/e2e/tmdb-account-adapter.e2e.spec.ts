import { HttpService } from '@nestjs/axios';
import axios from 'axios';
import { UpstreamError } from '../../src/common/errors/domain-error';
import { Metrics } from '../../src/infra/metrics/metrics';
import { RetryPolicy } from '../../src/movies/upstream/retry-policy';
import { TmdbAccountAdapter, tmdbRoots } from '../../src/tmdb-account/tmdb-account.adapter';
import { TmdbAccountHttp } from '../../src/tmdb-account/tmdb-account.http';
import { CredentialsRejected, RequestTokenRefused } from '../../src/tmdb-account/tmdb-account.port';
import { startTmdbSimulator, TmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';

/** The adapter against the TMDB simulator over HTTP: TMDb's shapes in, our types and errors out. */
describe('TmdbAccountAdapter (TMDB simulator over HTTP)', () => {
  let sim: TmdbSimulator;
  let clock: number;
  let adapter: TmdbAccountAdapter;
  let metrics: Metrics;

  beforeAll(async () => {
    clock = Date.parse('2026-12-02T12:00:00Z');
    sim = await startTmdbSimulator({ catalogSize: 200, now: () => clock });
    metrics = new Metrics();
    const http = new HttpService(axios.create({ headers: { Authorization: `Bearer ${sim.token}` }, maxRedirects: 0 }) as never);
    const policy = new RetryPolicy({ retries: 2, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 5000 });
    adapter = new TmdbAccountAdapter(new TmdbAccountHttp(http, policy, 1000, metrics), sim.apiRoot);
  });
  afterAll(() => sim.close());
  afterEach(() => sim.clearFaults());

  const linked = async (username: string) => {
    const requestToken = await adapter.createRequestToken();
    sim.approveRequestToken(requestToken, username);
    const grant = await adapter.createAccessToken(requestToken);
    const sessionId = await adapter.createSession(grant.accessToken);
    const identity = await adapter.account(sessionId);
    return { grant, sessionId, identity, session: { accountId: identity.accountId, sessionId } };
  };

  it('puts v4 beside v3 under the same root', () => {
    expect(tmdbRoots('https://api.themoviedb.org/3')).toEqual({ v3: 'https://api.themoviedb.org/3', v4: 'https://api.themoviedb.org/4' });
    expect(tmdbRoots('http://proxy.local/tmdb/3/')).toEqual({ v3: 'http://proxy.local/tmdb/3', v4: 'http://proxy.local/tmdb/4' });
  });

  it('links through request token, approval, access token and v3 session, and says whose account it is', async () => {
    const { grant, identity } = await linked('moviebuff');
    const account = sim.accounts().find((one) => one.username === 'moviebuff')!;
    expect(grant.accountObjectId).toBe(account.accountObjectId);
    expect(identity).toEqual({ accountId: account.id, username: 'moviebuff' });
  });

  it('asks TMDb to send the user to redirect_to after approving, when given', async () => {
    const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
    expect(claims(await adapter.createRequestToken('https://app.example.com/linked')).redirect_to).toBe('https://app.example.com/linked');
    expect(claims(await adapter.createRequestToken()).redirect_to ?? null).toBeNull();
  });

  it('refuses an unapproved, a spent and an unknown request token as RequestTokenRefused', async () => {
    const unapproved = await adapter.createRequestToken();
    await expect(adapter.createAccessToken(unapproved)).rejects.toBeInstanceOf(RequestTokenRefused);
    sim.approveRequestToken(unapproved);
    await adapter.createAccessToken(unapproved);
    await expect(adapter.createAccessToken(unapproved)).rejects.toBeInstanceOf(RequestTokenRefused);
    await expect(adapter.createAccessToken('not-a-token')).rejects.toBeInstanceOf(RequestTokenRefused);
  });

  it('reads every page of a list oldest first, and writes both lists', async () => {
    const { session } = await linked('cinephile');
    const ids = sim.movieIds().slice(0, 45);
    sim.setAccountList(
      'cinephile',
      'favorite',
      ids.map((tmdbId) => ({ tmdbId })),
    );
    const first = await adapter.listPage(session, 'favorite', 1);
    expect(first.totalPages).toBe(3);
    expect(first.items.map((item) => item.tmdbId)).toEqual(ids.slice(0, 20));
    const details = sim.movieDetails(ids[0])!;
    expect(first.items[0]).toEqual({
      tmdbId: ids[0],
      title: details.title,
      releaseDate: details.release_date || null,
      posterPath: details.poster_path,
    });
    const third = await adapter.listPage(session, 'favorite', 3);
    expect(third.items.map((item) => item.tmdbId)).toEqual(ids.slice(40));

    await adapter.setListed(session, 'watchlist', 550, true);
    await adapter.setListed(session, 'watchlist', 550, true);
    expect(sim.accountList('cinephile', 'watchlist').map((entry) => entry.tmdbId)).toEqual([550]);
    await adapter.setListed(session, 'watchlist', 550, false);
    // Taking off what is not there is what was asked.
    await adapter.setListed(session, 'watchlist', 550, false);
    expect(sim.accountList('cinephile', 'watchlist')).toEqual([]);
    sim.setAccountList('cinephile', 'favorite', []);
  });

  it('answers not_found for a movie TMDb does not have', async () => {
    const { session } = await linked('cinephile');
    await expect(adapter.setListed(session, 'favorite', 999_999_999, true)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('turns a 401 on revoked credentials into CredentialsRejected, on reads and writes', async () => {
    const { session } = await linked('nightowl');
    sim.revokeAllCredentials('nightowl');
    await expect(adapter.account(session.sessionId)).rejects.toBeInstanceOf(CredentialsRejected);
    await expect(adapter.listPage(session, 'favorite', 1)).rejects.toBeInstanceOf(CredentialsRejected);
    await expect(adapter.setListed(session, 'favorite', 550, true)).rejects.toBeInstanceOf(CredentialsRejected);
  });

  it('does not blame the user for a 401 about our own API token (status_code 7): that is an UpstreamError', async () => {
    const { session } = await linked('cinephile');
    const http = new HttpService(axios.create({ headers: { Authorization: 'Bearer revoked-app-token' }, maxRedirects: 0 }) as never);
    const policy = new RetryPolicy({ retries: 0, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 5000 });
    const misconfigured = new TmdbAccountAdapter(new TmdbAccountHttp(http, policy, 1000, metrics), sim.apiRoot);
    const error = await misconfigured.listPage(session, 'favorite', 1).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).not.toBeInstanceOf(CredentialsRejected);
  });

  it('revokes the session and the access token, and takes "already gone" as done', async () => {
    const { grant, sessionId } = await linked('nightowl');
    const before = sim.liveCredentials('nightowl');
    await adapter.deleteSession(sessionId);
    await adapter.deleteAccessToken(grant.accessToken);
    expect(sim.liveCredentials('nightowl')).toEqual({ accessTokens: before.accessTokens - 1, sessions: before.sessions - 1 });
    await adapter.deleteSession(sessionId);
    await adapter.deleteAccessToken(grant.accessToken);
    await expect(adapter.account(sessionId)).rejects.toBeInstanceOf(CredentialsRejected);
  });

  it('retries 5xx and 429 (honouring Retry-After), and gives up with an UpstreamError naming no credential', async () => {
    const { session } = await linked('cinephile');
    sim.faults({ failNext: 1, status: 502, match: /^GET \/3\/account\/\d+\/favorite\/movies$/ });
    expect((await adapter.listPage(session, 'favorite', 1)).page).toBe(1);
    sim.faults({ rateLimitNext: 1, retryAfterSeconds: 0, match: /^POST \/3\/account\/\d+\/watchlist$/ });
    await adapter.setListed(session, 'watchlist', 603, true);
    expect(sim.accountList('cinephile', 'watchlist').map((entry) => entry.tmdbId)).toEqual([603]);
    await adapter.setListed(session, 'watchlist', 603, false);

    sim.faults({ failNext: 10, status: 503, match: /^POST \/3\/account\/\d+\/favorite$/ });
    const error = await adapter.setListed(session, 'favorite', 550, true).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).kind).toBe('upstream_unavailable');
    expect(JSON.stringify({ message: (error as Error).message, ...(error as object) })).not.toContain(session.sessionId);
    expect(await metrics.registry.metrics()).not.toContain(session.sessionId);
  });

  it('does not retry the single-use token exchange on a failure after which TMDb may have acted', async () => {
    const requestToken = await adapter.createRequestToken();
    sim.approveRequestToken(requestToken);
    sim.faults({ failNext: 1, status: 500, match: /^POST \/4\/auth\/access_token$/ });
    const exchanges = () => sim.countMatching(/^POST \/4\/auth\/access_token$/);
    const before = exchanges();
    await expect(adapter.createAccessToken(requestToken)).rejects.toBeInstanceOf(UpstreamError);
    expect(exchanges() - before).toBe(1);
  });
});
