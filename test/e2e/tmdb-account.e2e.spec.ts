import { startTmdbSimulator, TmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';
import { expectProblem, startTestApp, TestApp } from '../support/test-app';
import { controlClock, ids, linkAccount, linkTestEnv, REFRESH_SECONDS, USERS } from './tmdb-account.helpers';

const MINUTE = 60_000;

/**
 * Linking a TMDb account, end to end: the real application (PostgreSQL, Redis
 * when REDIS_URL is set) against the TMDB simulator over HTTP. The app's clock
 * is moved by the tests; the simulator keeps real time.
 */
describe('linked TMDb accounts (e2e)', () => {
  let tmdb: TmdbSimulator;
  let api: TestApp;
  let clock: ReturnType<typeof controlClock>;

  beforeAll(async () => {
    tmdb = await startTmdbSimulator({ catalogSize: 300 });
    api = await startTestApp(linkTestEnv(tmdb));
    clock = controlClock(api);
  });
  afterAll(async () => {
    await api?.close();
    await tmdb?.close();
  });
  afterEach(() => tmdb.clearFaults());

  const status = (token: string) => api.request('GET', '/api/v1/me/tmdb-account', { token });
  const put = (token: string, requestToken: unknown) => api.request('PUT', '/api/v1/me/tmdb-account', { token, body: { requestToken } });
  const favorites = async (token: string) => ids((await api.request('GET', '/api/v1/me/favorites?pageSize=100', { token })).body.items);
  const watchlist = async (token: string) => ids((await api.request('GET', '/api/v1/me/watchlist?pageSize=100', { token })).body.items);
  const accountIds = (account: string, kind: 'favorite' | 'watchlist') => tmdb.accountList(account, kind).map((entry) => entry.tmdbId);
  const accountOf = (username: string) => tmdb.accounts().find((account) => account.username === username)!;
  const popularFlags = async (token: string, tmdbId: number) => {
    const page = await api.request('GET', '/api/v1/movies/popular?page=1', { token });
    const item = page.body.items.find((one: { tmdbId: number }) => one.tmdbId === tmdbId);
    return { favorite: item.favorite as boolean, inWatchlist: item.inWatchlist as boolean };
  };

  describe('starting a link', () => {
    it('answers 201 with the request token, the approval URL on TMDB_AUTH_URL and the 15-minute expiry', async () => {
      expect((await status(USERS.ana)).body).toEqual({ linked: false });
      const started = await api.request('POST', '/api/v1/me/tmdb-account/link', { token: USERS.ana });
      expect(started.status).toBe(201);
      expect(started.body).toEqual({ requestToken: expect.any(String), approveUrl: expect.any(String), expiresAt: expect.any(String) });
      expect(started.body.approveUrl).toBe(`${tmdb.url}/auth/access?request_token=${encodeURIComponent(started.body.requestToken)}`);
      expect(Date.parse(started.body.expiresAt)).toBe(clock.now() + 15 * MINUTE);
      // The approval page is where approveUrl points.
      const page = await fetch(started.body.approveUrl);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(started.body.requestToken);
    });

    it('needs a token', async () => {
      expectProblem(await api.request('POST', '/api/v1/me/tmdb-account/link'), 401);
      expectProblem(await api.request('GET', '/api/v1/me/tmdb-account'), 401);
    });

    it('answers 502/503/504 when TMDb fails, and stores nothing', async () => {
      tmdb.faults({ failNext: 10, status: 503, match: /^POST \/4\/auth\/request_token$/ });
      expectProblem(await api.request('POST', '/api/v1/me/tmdb-account/link', { token: USERS.ana }), 503);
    });
  });

  describe('completing a link: refused request tokens (400)', () => {
    it('refuses a token not approved yet, then accepts it once approved', async () => {
      const started = await api.request('POST', '/api/v1/me/tmdb-account/link', { token: USERS.fay });
      const early = await put(USERS.fay, started.body.requestToken);
      expectProblem(early, 400);
      expect((await status(USERS.fay)).body).toEqual({ linked: false });
      tmdb.approveRequestToken(started.body.requestToken, 'nightowl');
      const linked = await put(USERS.fay, started.body.requestToken);
      expect(linked.status).toBe(200);
      expect(linked.body).toMatchObject({ linked: true, accountId: accountOf('nightowl').id, username: 'nightowl' });
      expect((await api.request('DELETE', '/api/v1/me/tmdb-account', { token: USERS.fay })).status).toBe(204);
    });

    it("refuses an unknown token and another user's token (which stays good for its owner)", async () => {
      expectProblem(await put(USERS.ana, 'eyJhbGciOiJIUzI1NiJ9.unknown.token'), 400);
      const started = await api.request('POST', '/api/v1/me/tmdb-account/link', { token: USERS.ben });
      tmdb.approveRequestToken(started.body.requestToken, 'cinephile');
      const foreign = await put(USERS.ana, started.body.requestToken);
      expectProblem(foreign, 400);
      expect(foreign.body.type).toMatch(/link-request-invalid$/);
      expect((await status(USERS.ana)).body).toEqual({ linked: false });
      expect(tmdb.liveCredentials('cinephile').accessTokens).toBe(0);
      // Ben's own PUT would still work: the foreign attempt did not spend it at TMDb.
      expect((await put(USERS.ben, started.body.requestToken)).status).toBe(200);
      expect((await api.request('DELETE', '/api/v1/me/tmdb-account', { token: USERS.ben })).status).toBe(204);
    });

    it('refuses a stale token (older than 15 minutes) without asking TMDb', async () => {
      const started = await api.request('POST', '/api/v1/me/tmdb-account/link', { token: USERS.ana });
      tmdb.approveRequestToken(started.body.requestToken, 'cinephile');
      clock.advance(15 * MINUTE + 1000);
      const exchanges = tmdb.countMatching(/^POST \/4\/auth\/access_token$/);
      expectProblem(await put(USERS.ana, started.body.requestToken), 400);
      expect(tmdb.countMatching(/^POST \/4\/auth\/access_token$/)).toBe(exchanges);
      expect((await status(USERS.ana)).body).toEqual({ linked: false });
    });

    it.each([
      ['no requestToken', {}],
      ['a number', { requestToken: 5 }],
      ['null', { requestToken: null }],
      ['an empty string', { requestToken: '' }],
      ['spaces and quotes', { requestToken: 'a b"c' }],
      ['an unknown property', { requestToken: 'abc', extra: 1 }],
    ])('answers 400 for %s in the body', async (_case, body) => {
      expectProblem(await api.request('PUT', '/api/v1/me/tmdb-account', { token: USERS.ana, body }), 400);
    });
  });

  describe('merging both ways', () => {
    it('imports what only the account has, exports what only Cinemateca has, and counts both', async () => {
      // Cinemateca: favorites 550 (also on the account) and 13, 680 (only here); watchlist 155 (only here).
      for (const id of [550, 13, 680])
        expect((await api.request('PUT', `/api/v1/me/favorites/${id}`, { token: USERS.cleo })).status).toBe(201);
      expect((await api.request('PUT', '/api/v1/me/watchlist/155', { token: USERS.cleo })).status).toBe(201);
      // moviebuff: favorites 550, 603, 27205; watchlist 157336, 496243.
      const before = { favorite: accountIds('moviebuff', 'favorite'), watchlist: accountIds('moviebuff', 'watchlist') };
      expect(before).toEqual({ favorite: [550, 603, 27205], watchlist: [157336, 496243] });

      const { completed } = await linkAccount(api, tmdb, USERS.cleo, 'moviebuff');
      expect(completed.status).toBe(200);
      expect(completed.body).toEqual({
        linked: true,
        accountId: accountOf('moviebuff').id,
        username: 'moviebuff',
        linkedAt: expect.any(String),
        refreshedAt: expect.any(String),
        favorites: { imported: 2, exported: 2 },
        watchlist: { imported: 2, exported: 1 },
      });
      expect(accountIds('moviebuff', 'favorite').sort()).toEqual([13, 550, 603, 680, 27205].sort());
      expect(accountIds('moviebuff', 'watchlist').sort()).toEqual([155, 157336, 496243].sort());
      expect((await favorites(USERS.cleo)).sort()).toEqual([13, 550, 603, 680, 27205].sort());
      expect((await watchlist(USERS.cleo)).sort()).toEqual([155, 157336, 496243].sort());
      // Imported watchlist entries keep the account's order, newest first here.
      const list = await watchlist(USERS.cleo);
      expect(list.indexOf(496243)).toBeLessThan(list.indexOf(157336));

      const shown = await status(USERS.cleo);
      expect(shown.body).toEqual({
        linked: true,
        accountId: accountOf('moviebuff').id,
        username: 'moviebuff',
        linkedAt: completed.body.linkedAt,
        refreshedAt: completed.body.refreshedAt,
      });
    });

    it('answers 409 when the TMDb account is linked to another user, and leaves no credentials behind', async () => {
      const live = tmdb.liveCredentials('moviebuff');
      const { completed } = await linkAccount(api, tmdb, USERS.dan, 'moviebuff');
      expectProblem(completed, 409);
      expect(completed.body.type).toMatch(/tmdb-account-linked-elsewhere$/);
      expect((await status(USERS.dan)).body).toEqual({ linked: false });
      expect(tmdb.liveCredentials('moviebuff')).toEqual(live);
    });

    it('finishes a merge cut short by TMDb on the next attempt, counting it whole', async () => {
      tmdb.setAccountList('nightowl', 'favorite', [{ tmdbId: 129 }]);
      tmdb.setAccountList('nightowl', 'watchlist', []);
      for (const id of [550, 603]) await api.request('PUT', `/api/v1/me/favorites/${id}`, { token: USERS.eve });
      tmdb.faults({ failNext: 100, status: 503, match: /^POST \/3\/account\/\d+\/favorite$/ });
      const { completed, requestToken } = await linkAccount(api, tmdb, USERS.eve, 'nightowl');
      expectProblem(completed, 503);
      // Linked, with the merge pending: nothing was half-applied silently.
      expect((await status(USERS.eve)).body).toMatchObject({ linked: true, username: 'nightowl', refreshedAt: null });
      tmdb.clearFaults();

      const again = await put(USERS.eve, requestToken);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({
        favorites: { imported: 1, exported: 2 },
        watchlist: { imported: 0, exported: 0 },
        refreshedAt: expect.any(String),
      });
      expect(accountIds('nightowl', 'favorite').sort()).toEqual([129, 550, 603]);
      expect((await favorites(USERS.eve)).sort()).toEqual([129, 550, 603]);
      expect((await api.request('DELETE', '/api/v1/me/tmdb-account', { token: USERS.eve })).status).toBe(204);
    });

    it('or lets the next refresh (any read) finish it', async () => {
      tmdb.setAccountList('nightowl', 'favorite', [{ tmdbId: 129 }]);
      tmdb.setAccountList('nightowl', 'watchlist', [{ tmdbId: 680 }]);
      await api.request('PUT', '/api/v1/me/watchlist/13', { token: USERS.fay });
      tmdb.faults({ failNext: 100, status: 502, match: /^POST \/3\/account\/\d+\/watchlist$/ });
      const { completed } = await linkAccount(api, tmdb, USERS.fay, 'nightowl');
      expectProblem(completed, 502);
      tmdb.clearFaults();
      clock.advance(11_000);
      expect((await watchlist(USERS.fay)).sort()).toEqual([13, 680]);
      expect(accountIds('nightowl', 'watchlist').sort()).toEqual([13, 680]);
      expect((await status(USERS.fay)).body.refreshedAt).toEqual(expect.any(String));
      expect((await api.request('DELETE', '/api/v1/me/tmdb-account', { token: USERS.fay })).status).toBe(204);
    });
  });

  describe('linking again', () => {
    it('relinks the same account with fresh credentials (the old ones revoked), and refuses another account (409)', async () => {
      tmdb.setAccountList('nightowl', 'favorite', []);
      tmdb.setAccountList('nightowl', 'watchlist', []);
      expect((await linkAccount(api, tmdb, USERS.consumer, 'nightowl')).completed.status).toBe(200);
      expect(tmdb.liveCredentials('nightowl')).toEqual({ accessTokens: 1, sessions: 1 });
      const again = await linkAccount(api, tmdb, USERS.consumer, 'nightowl');
      expect(again.completed.status).toBe(200);
      expect(tmdb.liveCredentials('nightowl')).toEqual({ accessTokens: 1, sessions: 1 });
      // The stored credentials are the new ones: writes still reach the account.
      expect((await api.request('PUT', '/api/v1/me/favorites/862', { token: USERS.consumer })).status).toBe(201);
      expect(accountIds('nightowl', 'favorite')).toEqual([862]);

      const other = await linkAccount(api, tmdb, USERS.consumer, 'cinephile');
      expectProblem(other.completed, 409);
      expect(other.completed.body.type).toMatch(/tmdb-account-already-linked$/);
      expect(tmdb.liveCredentials('cinephile').accessTokens).toBe(0);
      expect((await status(USERS.consumer)).body.username).toBe('nightowl');
      expect((await api.request('DELETE', '/api/v1/me/tmdb-account', { token: USERS.consumer })).status).toBe(204);
    });

    it('answers 502/503/504 when TMDb fails after spending the request token, revokes what it granted, and needs a new link', async () => {
      const started = await api.request('POST', '/api/v1/me/tmdb-account/link', { token: USERS.consumer });
      tmdb.approveRequestToken(started.body.requestToken, 'nightowl');
      tmdb.faults({ failNext: 100, status: 503, match: /^POST \/3\/authentication\/session\/convert\/4$/ });
      expectProblem(await put(USERS.consumer, started.body.requestToken), 503);
      tmdb.clearFaults();
      expect(tmdb.liveCredentials('nightowl')).toEqual({ accessTokens: 0, sessions: 0 });
      expect((await status(USERS.consumer)).body).toEqual({ linked: false });
      expectProblem(await put(USERS.consumer, started.body.requestToken), 400);
    });
  });

  describe('while linked', () => {
    it('writes to TMDb first, then here', async () => {
      expect((await api.request('PUT', '/api/v1/me/favorites/278', { token: USERS.cleo })).status).toBe(201);
      expect(accountIds('moviebuff', 'favorite')).toContain(278);
      expect((await api.request('PUT', '/api/v1/me/watchlist/278', { token: USERS.cleo })).status).toBe(201);
      expect(accountIds('moviebuff', 'watchlist')).toContain(278);
      expect((await api.request('DELETE', '/api/v1/me/favorites/278', { token: USERS.cleo })).status).toBe(204);
      expect(accountIds('moviebuff', 'favorite')).not.toContain(278);
      expect((await api.request('DELETE', '/api/v1/me/watchlist/278', { token: USERS.cleo })).status).toBe(204);
      expect(accountIds('moviebuff', 'watchlist')).not.toContain(278);
    });

    it('changes nothing here when TMDb fails on a write (502/503/504)', async () => {
      const before = { favorites: await favorites(USERS.cleo), watchlist: await watchlist(USERS.cleo) };
      tmdb.faults({ failNext: 100, status: 503, match: /^POST \/3\/account\/\d+\/(favorite|watchlist)$/ });
      expectProblem(await api.request('PUT', '/api/v1/me/favorites/238', { token: USERS.cleo }), 503);
      expectProblem(await api.request('DELETE', '/api/v1/me/favorites/550', { token: USERS.cleo }), 503);
      expectProblem(await api.request('PUT', '/api/v1/me/watchlist/238', { token: USERS.cleo }), 503);
      tmdb.faults({ failNext: 100, status: 500, match: /^POST \/3\/account\/\d+\/(favorite|watchlist)$/ });
      expectProblem(await api.request('DELETE', '/api/v1/me/watchlist/155', { token: USERS.cleo }), 502);
      tmdb.clearFaults();
      expect({ favorites: await favorites(USERS.cleo), watchlist: await watchlist(USERS.cleo) }).toEqual(before);
      expect(accountIds('moviebuff', 'favorite')).not.toContain(238);
    });

    it('shows changes made on TMDb itself once the copy is older than TMDB_ACCOUNT_REFRESH_SECONDS: flags and the shared list', async () => {
      expect(
        (await api.request('PUT', '/api/v1/me/favorites/share', { token: USERS.cleo, body: { listName: 'cleo-on-tmdb' } })).status,
      ).toBe(201);
      const popular = await api.request('GET', '/api/v1/movies/popular?page=1', { token: USERS.cleo });
      const target: number = popular.body.items
        .map((item: { tmdbId: number }) => item.tmdbId)
        .find((id: number) => !accountIds('moviebuff', 'favorite').includes(id) && !accountIds('moviebuff', 'watchlist').includes(id));
      clock.advance(REFRESH_SECONDS * 1000 + 1000);
      expect(await popularFlags(USERS.cleo, target)).toEqual({ favorite: false, inWatchlist: false });

      tmdb.addToAccountList('moviebuff', 'favorite', target);
      tmdb.addToAccountList('moviebuff', 'watchlist', target);
      tmdb.removeFromAccountList('moviebuff', 'favorite', 13);
      // Within the window the local copy answers.
      clock.advance((REFRESH_SECONDS - 5) * 1000);
      expect(await popularFlags(USERS.cleo, target)).toEqual({ favorite: false, inWatchlist: false });
      // Past it, the first read refreshes from the account.
      clock.advance(10_000);
      expect(await popularFlags(USERS.cleo, target)).toEqual({ favorite: true, inWatchlist: true });
      const shared = await api.request('GET', '/api/v1/shared-lists/cleo-on-tmdb?pageSize=100');
      expect(ids(shared.body.items)).toContain(target);
      expect(ids(shared.body.items)).not.toContain(13);

      tmdb.removeFromAccountList('moviebuff', 'favorite', target);
      clock.advance(REFRESH_SECONDS * 1000 + 1000);
      // The owner's shared list refreshes too, even read anonymously.
      expect(ids((await api.request('GET', '/api/v1/shared-lists/cleo-on-tmdb?pageSize=100')).body.items)).not.toContain(target);
      expect(await popularFlags(USERS.cleo, target)).toEqual({ favorite: false, inWatchlist: true });
    });

    it('answers reads from the local copy while TMDb cannot refresh it', async () => {
      const before = await favorites(USERS.cleo);
      tmdb.faults({ failNext: 100, status: 503, match: /^GET \/3\/account\/\d+\/favorite\/movies$/ });
      clock.advance(REFRESH_SECONDS * 1000 + 1000);
      const list = await api.request('GET', '/api/v1/me/favorites?pageSize=100', { token: USERS.cleo });
      expect(list.status).toBe(200);
      expect(ids(list.body.items)).toEqual(before);
      expect((await status(USERS.cleo)).body.linked).toBe(true);
      tmdb.clearFaults();
    });

    it('reads all pages of a long account list', async () => {
      const many = tmdb.movieIds().slice(20, 65);
      tmdb.setAccountList(
        'moviebuff',
        'watchlist',
        many.map((tmdbId) => ({ tmdbId })),
      );
      clock.advance(REFRESH_SECONDS * 1000 + 1000);
      expect((await watchlist(USERS.cleo)).sort((a, b) => a - b)).toEqual([...many].sort((a, b) => a - b));
      expect(tmdb.countMatching(/^GET \/3\/account\/\d+\/watchlist\/movies$/)).toBeGreaterThanOrEqual(3);
    });
  });

  describe('credentials revoked on TMDb', () => {
    it('drops the link on a write (409 tmdb-account-unlinked), changes nothing and keeps the data', async () => {
      await linkAccount(api, tmdb, USERS.dan, 'cinephile');
      await api.request('PUT', '/api/v1/me/favorites/550', { token: USERS.dan });
      tmdb.revokeAllCredentials('cinephile');
      const write = await api.request('PUT', '/api/v1/me/favorites/603', { token: USERS.dan });
      expectProblem(write, 409);
      expect(write.body.type).toBe('https://cinemateca.dev/problems/tmdb-account-unlinked');
      expect((await status(USERS.dan)).body).toEqual({ linked: false });
      expect(await favorites(USERS.dan)).toEqual([550]);
      // Unlinked now: writes are local again.
      expect((await api.request('PUT', '/api/v1/me/favorites/603', { token: USERS.dan })).status).toBe(201);
    });

    it('drops the link on a read and answers from the local copy', async () => {
      tmdb.setAccountList('cinephile', 'favorite', []);
      await linkAccount(api, tmdb, USERS.dan, 'cinephile');
      tmdb.revokeAllCredentials('cinephile');
      clock.advance(REFRESH_SECONDS * 1000 + 1000);
      const list = await api.request('GET', '/api/v1/me/favorites', { token: USERS.dan });
      expect(list.status).toBe(200);
      expect(ids(list.body.items).sort()).toEqual([550, 603]);
      expect((await status(USERS.dan)).body).toEqual({ linked: false });
    });
  });

  describe('unlinking', () => {
    it('revokes the session and the access token at TMDb, forgets them, keeps the lists (204), then 404', async () => {
      tmdb.setAccountList('cinephile', 'favorite', []);
      tmdb.setAccountList('cinephile', 'watchlist', []);
      await linkAccount(api, tmdb, USERS.ben, 'cinephile');
      await api.request('PUT', '/api/v1/me/favorites/550', { token: USERS.ben });
      expect(tmdb.liveCredentials('cinephile')).toEqual({ accessTokens: 1, sessions: 1 });
      expect((await api.request('DELETE', '/api/v1/me/tmdb-account', { token: USERS.ben })).status).toBe(204);
      expect(tmdb.liveCredentials('cinephile')).toEqual({ accessTokens: 0, sessions: 0 });
      expect((await status(USERS.ben)).body).toEqual({ linked: false });
      expect(await favorites(USERS.ben)).toEqual([550]);
      expectProblem(await api.request('DELETE', '/api/v1/me/tmdb-account', { token: USERS.ben }), 404);
      // Local writes no longer reach the account.
      await api.request('PUT', '/api/v1/me/favorites/603', { token: USERS.ben });
      expect(accountIds('cinephile', 'favorite')).toEqual([550]);
    });

    it('keeps the link when TMDb fails to revoke (the user can try again)', async () => {
      await linkAccount(api, tmdb, USERS.ben, 'cinephile');
      tmdb.faults({ failNext: 100, status: 504, match: /^DELETE \/3\/authentication\/session$/ });
      expectProblem(await api.request('DELETE', '/api/v1/me/tmdb-account', { token: USERS.ben }), 504);
      expect((await status(USERS.ben)).body.linked).toBe(true);
      tmdb.clearFaults();
      expect((await api.request('DELETE', '/api/v1/me/tmdb-account', { token: USERS.ben })).status).toBe(204);
    });
  });
});

describe('linked TMDb accounts without ENCRYPTION_KEY', () => {
  let tmdb: TmdbSimulator;
  let api: TestApp;

  beforeAll(async () => {
    tmdb = await startTmdbSimulator({ catalogSize: 50 });
    api = await startTestApp(linkTestEnv(tmdb, { ENCRYPTION_KEY: '' }));
  });
  afterAll(async () => {
    await api?.close();
    await tmdb?.close();
  });

  it('answers 503 to linking, and still answers the status', async () => {
    const started = await api.request('POST', '/api/v1/me/tmdb-account/link', { token: USERS.ana });
    expectProblem(started, 503);
    expect(started.body.type).toMatch(/tmdb-linking-not-configured$/);
    expectProblem(await api.request('PUT', '/api/v1/me/tmdb-account', { token: USERS.ana, body: { requestToken: 'abc' } }), 503);
    expect((await api.request('GET', '/api/v1/me/tmdb-account', { token: USERS.ana })).body).toEqual({ linked: false });
    expect(tmdb.countMatching(/^POST \/4\/auth\/request_token$/)).toBe(0);
  });
});
