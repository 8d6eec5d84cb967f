import axios, { AxiosInstance } from 'axios';
import { tmdbSettings } from '../../simulators/simulator-settings';
import { startTmdbSimulator, TmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';

const START = Date.parse('2026-12-02T12:00:00Z');
const MINUTE = 60_000;

const LIST_ITEM_KEYS = [
  'adult',
  'backdrop_path',
  'genre_ids',
  'id',
  'original_language',
  'original_title',
  'overview',
  'popularity',
  'poster_path',
  'release_date',
  'title',
  'video',
  'vote_average',
  'vote_count',
].sort();

const status = (code: number, message: string) => ({ success: false, status_code: code, status_message: message });
const AUTH_FAILED = status(3, 'Authentication failed: You do not have permissions to access the service.');
const INVALID_PARAMETERS = status(5, 'Invalid parameters: Your request parameters are incorrect.');
const INVALID_REQUEST_TOKEN = status(33, 'Invalid request token: The request token is either expired or invalid.');
const NOT_FOUND = status(34, 'The resource you requested could not be found.');
const INVALID_TOKEN = status(35, 'Invalid token.');

const jwtClaims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

describe('TMDB simulator: user authentication and account routes', () => {
  let sim: TmdbSimulator;
  let tmdb: AxiosInstance;
  let site: AxiosInstance;
  let clock: number;

  beforeEach(async () => {
    clock = START;
    sim = await startTmdbSimulator({ catalogSize: 100, now: () => clock });
    tmdb = axios.create({ baseURL: sim.url, headers: { Authorization: `Bearer ${sim.token}` }, validateStatus: () => true });
    // The browser: no application token, no redirects followed.
    site = axios.create({ baseURL: sim.url, validateStatus: () => true, maxRedirects: 0 });
  });

  afterEach(async () => {
    await sim.close();
  });

  const requestToken = async (body?: object): Promise<string> => {
    const response = await tmdb.post('/4/auth/request_token', body);
    expect(response.status).toBe(200);
    return response.data.request_token;
  };

  const approveOnSite = (token: string, username?: string) =>
    site.post('/auth/access/approve', new URLSearchParams({ request_token: token, ...(username && { username }) }));

  /** The whole flow a linking client runs; answers the credentials it ends with. */
  const link = async (username?: string) => {
    const token = await requestToken();
    expect((await approveOnSite(token, username)).status).toBe(200);
    const access = await tmdb.post('/4/auth/access_token', { request_token: token });
    expect(access.status).toBe(200);
    const session = await tmdb.post('/3/authentication/session/convert/4', { access_token: access.data.access_token });
    expect(session.status).toBe(200);
    const account = (await tmdb.get('/3/account', { params: { session_id: session.data.session_id } })).data;
    return {
      accessToken: access.data.access_token as string,
      sessionId: session.data.session_id as string,
      accountId: account.id as number,
    };
  };

  describe('linking (v4 request token, approval page, access token, v3 session)', () => {
    it('runs the documented flow end to end and redirects to redirect_to after approval', async () => {
      const created = await tmdb.post('/4/auth/request_token', { redirect_to: 'http://localhost:5173/linked' });
      expect(created.status).toBe(200);
      expect(created.data).toEqual({ success: true, status_code: 1, status_message: 'Success.', request_token: expect.any(String) });
      const token = created.data.request_token;
      const claims = jwtClaims(token);
      expect(claims.exp - claims.nbf).toBe(900);
      expect(claims.nbf).toBe(START / 1000);
      expect(claims.scopes).toEqual(['pending_request_token']);
      expect(claims.redirect_to).toBe('http://localhost:5173/linked');

      const approval = await site.get('/auth/access', { params: { request_token: token } });
      expect(approval.status).toBe(200);
      expect(approval.headers['content-type']).toMatch(/^text\/html/);
      expect(approval.data).toContain('action="/auth/access/approve"');
      expect(approval.data).toContain(`value="${token}"`);
      for (const account of sim.accounts()) expect(approval.data).toContain(`value="${account.username}"`);
      expect(approval.data).toContain('moviebuff (Ben Okafor): 3 favorites, 2 on the watchlist');

      const approved = await approveOnSite(token, 'moviebuff');
      expect(approved.status).toBe(302);
      expect(approved.headers.location).toBe('http://localhost:5173/linked');

      const access = await tmdb.post('/4/auth/access_token', { request_token: token });
      const moviebuff = sim.accounts().find((account) => account.username === 'moviebuff')!;
      expect(access.status).toBe(200);
      expect(access.data).toEqual({
        access_token: expect.any(String),
        account_id: moviebuff.accountObjectId,
        success: true,
        status_code: 1,
        status_message: 'Success.',
      });
      expect(moviebuff.accountObjectId).toMatch(/^[0-9a-f]{24}$/);
      expect(jwtClaims(access.data.access_token)).toMatchObject({ sub: moviebuff.accountObjectId, scopes: ['api_read', 'api_write'] });
      expect(jwtClaims(access.data.access_token).exp).toBeUndefined();

      const session = await tmdb.post('/3/authentication/session/convert/4', { access_token: access.data.access_token });
      expect(session.status).toBe(200);
      expect(session.data).toEqual({ success: true, session_id: expect.stringMatching(/^[0-9a-f]{40}$/) });

      const account = await tmdb.get('/3/account', { params: { session_id: session.data.session_id } });
      expect(account.status).toBe(200);
      expect(account.data).toEqual({
        avatar: {
          gravatar: { hash: expect.stringMatching(/^[0-9a-f]{32}$/) },
          tmdb: { avatar_path: expect.stringMatching(/^\/\w+\.png$/) },
        },
        id: moviebuff.id,
        iso_639_1: 'en',
        iso_3166_1: 'US',
        name: 'Ben Okafor',
        include_adult: false,
        username: 'moviebuff',
      });
      const byId = await tmdb.get(`/3/account/${moviebuff.id}`, { params: { session_id: session.data.session_id } });
      expect(byId.data).toEqual(account.data);
    });

    it('shows an approved page without redirect_to, and approves as the first account by default', async () => {
      const token = await requestToken();
      expect(jwtClaims(token).redirect_to).toBeNull();
      const approved = await approveOnSite(token);
      expect(approved.status).toBe(200);
      expect(approved.data).toContain('id="approved"');
      const access = await tmdb.post('/4/auth/access_token', { request_token: token });
      expect(access.data.account_id).toBe(sim.accounts()[0].accountObjectId);
    });

    it('treats a request token as single use', async () => {
      const token = await requestToken();
      sim.approveRequestToken(token, 'nightowl');
      expect((await tmdb.post('/4/auth/access_token', { request_token: token })).status).toBe(200);
      const again = await tmdb.post('/4/auth/access_token', { request_token: token });
      expect(again.status).toBe(401);
      expect(again.data).toEqual(INVALID_REQUEST_TOKEN);
      expect((await site.get('/auth/access', { params: { request_token: token } })).status).toBe(400);
      expect(() => sim.approveRequestToken(token)).toThrow(/request token/);
    });

    it('refuses a token not approved yet with 33 and still lets it be approved afterwards', async () => {
      const token = await requestToken();
      const early = await tmdb.post('/4/auth/access_token', { request_token: token });
      expect(early.status).toBe(401);
      expect(early.data).toEqual(INVALID_REQUEST_TOKEN);
      sim.approveRequestToken(token);
      expect((await tmdb.post('/4/auth/access_token', { request_token: token })).status).toBe(200);
    });

    it('expires request tokens after 15 minutes, approved or not', async () => {
      const approved = await requestToken();
      const pending = await requestToken();
      sim.approveRequestToken(approved);

      clock = START + 15 * MINUTE - 1;
      expect((await site.get('/auth/access', { params: { request_token: pending } })).status).toBe(200);

      clock = START + 15 * MINUTE;
      const late = await tmdb.post('/4/auth/access_token', { request_token: approved });
      expect(late.status).toBe(401);
      expect(late.data).toEqual(INVALID_REQUEST_TOKEN);
      const page = await site.get('/auth/access', { params: { request_token: pending } });
      expect(page.status).toBe(400);
      expect(page.data).toContain('Invalid request token');
      expect((await approveOnSite(pending)).status).toBe(400);
      expect(() => sim.approveRequestToken(pending)).toThrow();
    });

    it('refuses unknown tokens, bad bodies and calls without the application token', async () => {
      const unknown = await tmdb.post('/4/auth/access_token', { request_token: 'not-a-token' });
      expect([unknown.status, unknown.data]).toEqual([401, INVALID_REQUEST_TOKEN]);
      const missing = await tmdb.post('/4/auth/access_token', {});
      expect([missing.status, missing.data]).toEqual([422, INVALID_PARAMETERS]);
      const badRedirect = await tmdb.post('/4/auth/request_token', { redirect_to: 42 });
      expect([badRedirect.status, badRedirect.data]).toEqual([422, INVALID_PARAMETERS]);
      const raw = { headers: { 'content-type': 'application/json' }, transformRequest: [(data: string) => data] };
      const notJson = await tmdb.post('/4/auth/access_token', '{"request_token":', raw);
      expect(notJson.status).toBe(400);
      expect(notJson.data).toEqual(status(47, 'The input is not valid.'));

      const anonymous = await site.post('/4/auth/request_token', {});
      expect(anonymous.status).toBe(401);
      expect(anonymous.data.status_code).toBe(7);
      // An empty JSON body is TMDb's "no body" for the optional redirect_to.
      const empty = await tmdb.post('/4/auth/request_token', '', raw);
      expect(empty.status).toBe(200);

      // Clients that name a charset are read the same way.
      const withCharset = await tmdb.post('/4/auth/access_token', JSON.stringify({ request_token: 'x' }), {
        headers: { 'content-type': 'application/json; charset=utf-8' },
        transformRequest: [(data: string) => data],
      });
      expect([withCharset.status, withCharset.data]).toEqual([401, INVALID_REQUEST_TOKEN]);

      const unknownPage = await site.get('/auth/access');
      expect(unknownPage.status).toBe(400);
      const unknownUser = await approveOnSite(await requestToken(), 'nobody');
      expect(unknownUser.status).toBe(400);
    });

    it('will not make a session from the application token or an unknown one', async () => {
      const appToken = await tmdb.post('/3/authentication/session/convert/4', { access_token: sim.token });
      expect(appToken.status).toBe(401);
      expect(appToken.data).toEqual({ failure: true, ...status(36, "This token hasn't been granted write permission by the user.") });
      const unknown = await tmdb.post('/3/authentication/session/convert/4', { access_token: 'eyJ.nope.nope' });
      expect([unknown.status, unknown.data]).toEqual([401, INVALID_TOKEN]);
    });
  });

  describe('revocation', () => {
    it('logs out an access token and deletes a session, each on its own', async () => {
      const { accessToken, sessionId, accountId } = await link();
      expect(sim.liveCredentials(accountId)).toEqual({ accessTokens: 1, sessions: 1 });

      const logout = await tmdb.delete('/4/auth/access_token', { data: { access_token: accessToken } });
      expect(logout.status).toBe(200);
      expect(logout.data).toEqual({ success: true, status_code: 13, status_message: 'The item/record was deleted successfully.' });
      const convert = await tmdb.post('/3/authentication/session/convert/4', { access_token: accessToken });
      expect([convert.status, convert.data]).toEqual([401, INVALID_TOKEN]);
      const again = await tmdb.delete('/4/auth/access_token', { data: { access_token: accessToken } });
      expect([again.status, again.data]).toEqual([401, INVALID_TOKEN]);
      // The session made earlier is a separate credential: it works until deleted.
      expect((await tmdb.get('/3/account', { params: { session_id: sessionId } })).status).toBe(200);

      const deleted = await tmdb.delete('/3/authentication/session', { data: { session_id: sessionId } });
      expect(deleted.status).toBe(200);
      expect(deleted.data).toEqual({ success: true });
      const account = await tmdb.get('/3/account', { params: { session_id: sessionId } });
      expect([account.status, account.data]).toEqual([401, AUTH_FAILED]);
      const twice = await tmdb.delete('/3/authentication/session', { data: { session_id: sessionId } });
      expect([twice.status, twice.data]).toEqual([404, status(37, 'The requested session could not be found.')]);
      expect(sim.liveCredentials(accountId)).toEqual({ accessTokens: 0, sessions: 0 });
    });

    it('answers 401 status_code 3 on every account route once the user revokes the application', async () => {
      const { accessToken, sessionId, accountId } = await link();
      const other = await link('moviebuff');
      sim.revokeAllCredentials(accountId);
      expect(sim.liveCredentials(accountId)).toEqual({ accessTokens: 0, sessions: 0 });

      const params = { session_id: sessionId };
      const calls = [
        tmdb.get('/3/account', { params }),
        tmdb.get(`/3/account/${accountId}`, { params }),
        tmdb.post(`/3/account/${accountId}/favorite`, { media_type: 'movie', media_id: 550, favorite: true }, { params }),
        tmdb.post(`/3/account/${accountId}/watchlist`, { media_type: 'movie', media_id: 550, watchlist: true }, { params }),
        tmdb.get(`/3/account/${accountId}/favorite/movies`, { params }),
        tmdb.get(`/3/account/${accountId}/watchlist/movies`, { params }),
      ];
      for (const response of await Promise.all(calls)) expect([response.status, response.data]).toEqual([401, AUTH_FAILED]);
      expect(sim.accountList(accountId, 'favorite')).toEqual([]);
      const convert = await tmdb.post('/3/authentication/session/convert/4', { access_token: accessToken });
      expect(convert.status).toBe(401);
      // Another account's credentials are untouched.
      expect((await tmdb.get('/3/account', { params: { session_id: other.sessionId } })).status).toBe(200);
    });
  });

  describe('favorites and watchlist', () => {
    it.each(['favorite', 'watchlist'] as const)('%s: adds (1), re-adds (12) and removes (13) with the documented codes', async (kind) => {
      const { sessionId, accountId } = await link();
      const mark = (mediaId: unknown, present: unknown, mediaType: unknown = 'movie') =>
        tmdb.post(
          `/3/account/${accountId}/${kind}`,
          { media_type: mediaType, media_id: mediaId, [kind]: present },
          { params: { session_id: sessionId } },
        );

      const added = await mark(550, true);
      expect([added.status, added.data]).toEqual([201, { status_code: 1, status_message: 'Success.' }]);
      expect(sim.accountList(accountId, kind)).toEqual([{ tmdbId: 550, createdAt: new Date(START) }]);

      clock += MINUTE;
      const readded = await mark('550', 'true');
      expect([readded.status, readded.data]).toEqual([
        201,
        { status_code: 12, status_message: 'The item/record was updated successfully.' },
      ]);
      expect(sim.accountList(accountId, kind)).toEqual([{ tmdbId: 550, createdAt: new Date(START) }]);

      const removed = await mark(550, false);
      expect([removed.status, removed.data]).toEqual([
        200,
        { status_code: 13, status_message: 'The item/record was deleted successfully.' },
      ]);
      expect(sim.accountList(accountId, kind)).toEqual([]);
      expect((await mark(550, false)).status).toBe(200);

      const unknownMovie = await mark(999_999_999, true);
      expect([unknownMovie.status, unknownMovie.data]).toEqual([404, NOT_FOUND]);
      expect((await mark(1399, true, 'tv')).status).toBe(404);
      for (const [mediaId, present, mediaType] of [
        [550, 'yes', 'movie'],
        [-1, true, 'movie'],
        [550, true, 'person'],
        [undefined, true, 'movie'],
      ]) {
        const bad = await mark(mediaId, present, mediaType);
        expect([bad.status, bad.data]).toEqual([422, INVALID_PARAMETERS]);
      }
      expect(sim.accountList(accountId, kind)).toEqual([]);
    });

    it('only lets a session write and read its own account', async () => {
      const mine = await link();
      const theirs = sim.accounts()[1];
      const before = sim.accountList(theirs.id, 'favorite');
      const params = { session_id: mine.sessionId };
      for (const accountId of [theirs.id, theirs.accountObjectId, 'abc']) {
        const write = await tmdb.post(
          `/3/account/${accountId}/favorite`,
          { media_type: 'movie', media_id: 13, favorite: true },
          { params },
        );
        expect([write.status, write.data]).toEqual([401, AUTH_FAILED]);
        expect((await tmdb.get(`/3/account/${accountId}/favorite/movies`, { params })).status).toBe(401);
      }
      expect((await tmdb.get('/3/account')).data).toEqual(AUTH_FAILED);
      expect(sim.accountList(theirs.id, 'favorite')).toEqual(before);
    });

    it('pages account lists 20 at a time by created_at, ascending unless asked otherwise', async () => {
      const { sessionId, accountId } = await link();
      const ids = sim.movieIds().slice(0, 45);
      // Added newest-id-first, a minute apart, so created_at order differs from id order.
      sim.setAccountList(
        accountId,
        'watchlist',
        [...ids].reverse().map((tmdbId, index) => ({ tmdbId, createdAt: START - (45 - index) * MINUTE })),
      );
      const page = (query: Record<string, unknown>) =>
        tmdb.get(`/3/account/${accountId}/watchlist/movies`, { params: { session_id: sessionId, language: 'en-US', ...query } });

      const first = await page({});
      expect(first.status).toBe(200);
      expect(first.data).toMatchObject({ page: 1, total_pages: 3, total_results: 45 });
      expect(first.data.results).toHaveLength(20);
      for (const item of first.data.results) expect(Object.keys(item).sort()).toEqual(LIST_ITEM_KEYS);
      expect(first.data.results[0]).toEqual(expect.objectContaining({ id: ids[44], title: sim.movieDetails(ids[44])!.title }));

      const ascending: number[] = [];
      for (let number = 1; number <= 3; number += 1)
        ascending.push(...(await page({ page: number, sort_by: 'created_at.asc' })).data.results.map((item: { id: number }) => item.id));
      expect(ascending).toEqual([...ids].reverse());
      expect((await page({ page: 3 })).data.results).toHaveLength(5);

      const descending = await page({ sort_by: 'created_at.desc' });
      expect(descending.data.results.map((item: { id: number }) => item.id)).toEqual(ids.slice(0, 20));
      expect((await page({ page: 4 })).data).toMatchObject({ page: 4, results: [], total_results: 45 });
      for (const bad of ['0', '501', 'x']) {
        const refused = await page({ page: bad });
        expect([refused.status, refused.data.status_code]).toEqual([400, 22]);
      }

      const favorites = await tmdb.get(`/3/account/${accountId}/favorite/movies`, { params: { session_id: sessionId } });
      expect(favorites.data).toEqual({ page: 1, results: [], total_pages: 1, total_results: 0 });
    });

    it('shows changes made on the site (control API) and writes made through the API', async () => {
      const { sessionId, accountId } = await link('moviebuff');
      expect(sim.accountList('moviebuff', 'favorite').map((entry) => entry.tmdbId)).toEqual([550, 603, 27205]);
      expect(sim.addToAccountList('moviebuff', 'favorite', 13)).toBe(true);
      expect(sim.addToAccountList('moviebuff', 'favorite', 13)).toBe(false);
      expect(sim.removeFromAccountList(accountId, 'favorite', 603)).toBe(true);
      expect(sim.removeFromAccountList(accountId, 'favorite', 603)).toBe(false);
      const listed = await tmdb.get(`/3/account/${accountId}/favorite/movies`, { params: { session_id: sessionId } });
      expect(listed.data.results.map((item: { id: number }) => item.id)).toEqual([550, 27205, 13]);

      clock += MINUTE;
      await tmdb.post(
        `/3/account/${accountId}/favorite`,
        { media_type: 'movie', media_id: 680, favorite: true },
        { params: { session_id: sessionId } },
      );
      expect(sim.accountList(accountId, 'favorite').at(-1)).toEqual({ tmdbId: 680, createdAt: new Date(START + MINUTE) });

      expect(() => sim.addToAccountList('moviebuff', 'favorite', 999_999_999)).toThrow(/no movie/);
      expect(() => sim.setAccountList('nobody', 'favorite', [])).toThrow(/no account/);
    });

    it('renders injected faults in TMDb format and changes nothing', async () => {
      const { sessionId, accountId } = await link();
      sim.faults({ failNext: 1, status: 503, match: /^POST \/3\/account\// });
      const failed = await tmdb.post(
        `/3/account/${accountId}/favorite`,
        { media_type: 'movie', media_id: 550, favorite: true },
        { params: { session_id: sessionId } },
      );
      expect([failed.status, failed.data.status_code]).toEqual([503, 9]);
      expect(sim.accountList(accountId, 'favorite')).toEqual([]);
    });
  });

  it('points TMDB_AUTH_URL at its own root, where the approval page lives', () => {
    expect(tmdbSettings(sim)).toEqual({ TMDB_API_TOKEN: sim.token, TMDB_BASE_URL: `${sim.url}/3`, TMDB_AUTH_URL: sim.url });
  });
});

describe('TMDB simulator: rate limit', () => {
  it('answers 429 with status_code 25 and Retry-After over its rate, and admits again a second later', async () => {
    let clock = START;
    const sim = await startTmdbSimulator({ catalogSize: 100, now: () => clock, requestsPerSecond: 3 });
    try {
      const tmdb = axios.create({ baseURL: sim.url, headers: { Authorization: `Bearer ${sim.token}` }, validateStatus: () => true });
      for (let i = 0; i < 3; i += 1) expect((await tmdb.get('/3/movie/550')).status).toBe(200);
      clock += 400;
      const limited = await tmdb.post('/4/auth/request_token');
      expect(limited.status).toBe(429);
      expect(limited.headers['retry-after']).toBe('1');
      expect(limited.data).toEqual(status(25, 'Your request count (#) is over the allowed limit of (40).'));
      // The website is not the API: the approval page is never limited.
      expect((await axios.get(`${sim.url}/auth/access`, { validateStatus: () => true })).status).toBe(400);

      clock = START + 1000;
      expect((await tmdb.post('/4/auth/request_token')).status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it('admits everything when no rate is given', async () => {
    const sim = await startTmdbSimulator({ catalogSize: 100 });
    try {
      const calls = Array.from({ length: 60 }, () =>
        axios.get(`${sim.apiRoot}/configuration`, { headers: { Authorization: `Bearer ${sim.token}` } }),
      );
      expect((await Promise.all(calls)).every((response) => response.status === 200)).toBe(true);
    } finally {
      await sim.close();
    }
  });
});
