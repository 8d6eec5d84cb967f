import { DataSource } from 'typeorm';
import { startTmdbSimulator, TmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';
import { ConflictError, UpstreamError } from '../../src/common/errors/domain-error';
import { FavoritesService } from '../../src/favorites/favorites.service';
import { LinkedAccountPort } from '../../src/user-marks/linked-account.port';
import { WatchlistService } from '../../src/watchlist/watchlist.service';
import { MAX_LIST_ENTRIES } from '../../src/user-marks/list-cap';
import { expectProblem, startTestApp, TestApp, USER_TOKEN } from '../support/test-app';
import { tmdbTestEnv } from '../support/tmdb-test-env';

const FIGHT_CLUB = 550;
const MATRIX = 603;
const DUNE = 438631;

describe('watchlist (e2e)', () => {
  let tmdb: TmdbSimulator;
  let api: TestApp;
  let db: DataSource;

  interface User {
    id: number;
    token: string;
  }
  let alice: User;
  let bob: User;

  async function register(name: string): Promise<User> {
    const password = 'long enough password';
    const registered = await api.request('POST', '/api/v1/auth/register', {
      body: { username: name, email: `${name}@example.com`, password },
    });
    const login = await api.request('POST', '/api/v1/auth/login', { body: { username: name, password } });
    return { id: registered.body.id, token: login.body.accessToken };
  }

  beforeAll(async () => {
    tmdb = await startTmdbSimulator({ catalogSize: 300 });
    api = await startTestApp(tmdbTestEnv(tmdb));
    db = api.app.get(DataSource);
    [alice, bob] = await Promise.all([register('wl-alice'), register('wl-bob')]);
  });
  afterAll(async () => {
    await api?.close();
    await tmdb?.close();
  });
  afterEach(() => tmdb.clearFaults());

  /** Alice with an empty watchlist, no favorites and no ratings: each test starts from a known state. */
  async function emptyAlice(): Promise<User> {
    for (const table of ['watchlist', 'favorites', 'ratings']) await db.query(`DELETE FROM ${table} WHERE user_id = $1`, [alice.id]);
    return alice;
  }
  const count = async (userId: number) => Number((await db.query('SELECT count(*) AS n FROM watchlist WHERE user_id = $1', [userId]))[0].n);

  const add = (token: string, tmdbId: number | string) => api.request('PUT', `/api/v1/me/watchlist/${tmdbId}`, { token });
  const remove = (token: string, tmdbId: number | string) => api.request('DELETE', `/api/v1/me/watchlist/${tmdbId}`, { token });
  const list = (token: string, query = '') => api.request('GET', `/api/v1/me/watchlist${query}`, { token });
  const ids = (response: { body: { items: Array<{ tmdbId: number }> } }) => response.body.items.map((item) => item.tmdbId);

  it('adds a movie (201), and again (200) with the same answer', async () => {
    const { token } = await emptyAlice();
    const first = await add(token, FIGHT_CLUB);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      tmdbId: FIGHT_CLUB,
      title: 'Fight Club',
      releaseDate: '1999-10-15',
      posterUrl: expect.stringMatching(/^https:\/\/image\.tmdb\.org\/t\/p\/w500\//),
      addedAt: expect.any(String),
    });
    const again = await add(token, FIGHT_CLUB);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await count(alice.id)).toBe(1);
  });

  it('answers 404 for a movie TMDB does not have, and keeps nothing', async () => {
    const { id, token } = await emptyAlice();
    const response = await add(token, 999_999_999);
    expectProblem(response, 404);
    expect(response.body.type).toMatch(/movie-not-found$/);
    expect(await count(id)).toBe(0);
  });

  it('answers 503 when TMDB is unavailable for a new movie, and keeps nothing', async () => {
    const { id, token } = await emptyAlice();
    tmdb.faults({ failNext: 10, status: 503, match: /movie\/13$/ });
    expectProblem(await add(token, 13), 503);
    expect(await count(id)).toBe(0);
  });

  it.each(['0', '-5', 'abc', String(2 ** 53), '1.5', '0x1A', '1e3', '026'])('refuses the id %s and changes nothing', async (id) => {
    const before = await count(2);
    expectProblem(await add(USER_TOKEN, id), 400);
    expectProblem(await remove(USER_TOKEN, id), 400);
    expect(await count(2)).toBe(before);
  });

  it('removes a movie (204); removing it again, or one never added, is a 404', async () => {
    const { token } = await emptyAlice();
    await add(token, MATRIX);
    await add(token, FIGHT_CLUB);
    expect((await remove(token, MATRIX)).status).toBe(204);
    const again = await remove(token, MATRIX);
    expectProblem(again, 404);
    expect(again.body.type).toMatch(/watchlist-entry-not-found$/);
    expectProblem(await remove(token, DUNE), 404);
    expect(ids(await list(token))).toEqual([FIGHT_CLUB]);
  });

  it("lists newest addition first, items like /movies/popular's with the caller's flags and addedAt", async () => {
    const { id, token } = await emptyAlice();
    for (const movie of [FIGHT_CLUB, MATRIX, DUNE]) expect((await add(token, movie)).status).toBe(201);
    // Equal times: the movie id settles the order, so pages never overlap.
    await db.query(`UPDATE watchlist SET added_at = '2026-01-01T00:00:00Z' WHERE user_id = $1 AND tmdb_id IN ($2, $3)`, [
      id,
      FIGHT_CLUB,
      MATRIX,
    ]);
    await db.query(`UPDATE watchlist SET added_at = '2026-02-01T00:00:00Z' WHERE user_id = $1 AND tmdb_id = $2`, [id, DUNE]);
    await api.request('PUT', `/api/v1/me/favorites/${MATRIX}`, { token });
    await api.request('PUT', `/api/v1/me/ratings/${DUNE}`, { token, body: { stars: 4.5 } });

    const response = await list(token);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ page: 1, pageSize: 20, totalItems: 3, totalPages: 1 });
    expect(ids(response)).toEqual([DUNE, FIGHT_CLUB, MATRIX]);
    expect(response.body.items[0]).toEqual({
      tmdbId: DUNE,
      title: expect.any(String),
      originalTitle: expect.any(String),
      originalLanguage: expect.any(String),
      releaseDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      overview: expect.any(String),
      genreIds: expect.arrayContaining([expect.any(Number)]),
      posterUrl: expect.stringMatching(/^https:\/\/image\.tmdb\.org\/t\/p\/w500\//),
      backdropUrl: expect.stringMatching(/^https:\/\/image\.tmdb\.org\/t\/p\/w1280\//),
      voteAverage: expect.any(Number),
      voteCount: expect.any(Number),
      popularity: expect.any(Number),
      adult: false,
      favorite: false,
      inWatchlist: true,
      myRating: 4.5,
      addedAt: '2026-02-01T00:00:00.000Z',
      detailsPartial: false,
      detailsFetchedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(response.body.items[2]).toMatchObject({
      tmdbId: MATRIX,
      title: 'The Matrix',
      favorite: true,
      inWatchlist: true,
      myRating: null,
    });
    expect(response.text).not.toMatch(/poster_path|vote_average|runtime|credits/);
  });

  it('paginates: exact pages, the last partial page, past the end; refuses bad page queries', async () => {
    const { token } = await emptyAlice();
    const movies = tmdb.sampleMovieIds().slice(0, 5);
    for (const movie of movies) await add(token, movie);
    const all = ids(await list(token));
    expect(all).toEqual([...movies].reverse());
    const page1 = await list(token, '?page=1&pageSize=2');
    const page3 = await list(token, '?page=3&pageSize=2');
    expect(page1.body).toMatchObject({ page: 1, pageSize: 2, totalItems: 5, totalPages: 3 });
    expect([...ids(page1), ...ids(await list(token, '?page=2&pageSize=2')), ...ids(page3)]).toEqual(all);
    expect((await list(token, '?page=4&pageSize=2')).body).toMatchObject({ items: [], page: 4, totalItems: 5, totalPages: 3 });
    for (const query of ['?page=0', '?pageSize=101', '?pageSize=abc', '?sort=title']) expectProblem(await list(token, query), 400);
  });

  it('shows a movie TMDB cannot describe now with its id, flags and detailsPartial', async () => {
    const { id, token } = await emptyAlice();
    await db.query(`INSERT INTO watchlist (user_id, tmdb_id) VALUES ($1, 999999998)`, [id]);
    const response = await list(token);
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      expect.objectContaining({
        tmdbId: 999999998,
        title: null,
        releaseDate: null,
        posterUrl: null,
        genreIds: [],
        inWatchlist: true,
        detailsPartial: true,
      }),
    ]);
  });

  it(`refuses a new movie past ${MAX_LIST_ENTRIES} (409 ListFull), and takes one again once there is room`, async () => {
    const { id, token } = await emptyAlice();
    await db.query(`INSERT INTO watchlist (user_id, tmdb_id) SELECT $1, 800000 + n FROM generate_series(1, $2) AS n`, [
      id,
      MAX_LIST_ENTRIES,
    ]);
    const full = await add(token, FIGHT_CLUB);
    expectProblem(full, 409);
    expect(full.body).toMatchObject({ type: expect.stringMatching(/list-full$/), limit: MAX_LIST_ENTRIES });
    expect(await count(id)).toBe(MAX_LIST_ENTRIES);
    // A movie already there is still an idempotent 200.
    await db.query(`UPDATE watchlist SET tmdb_id = $2 WHERE user_id = $1 AND tmdb_id = 800001`, [id, MATRIX]);
    expect((await add(token, MATRIX)).status).toBe(200);
    expect((await remove(token, MATRIX)).status).toBe(204);
    expect((await add(token, FIGHT_CLUB)).status).toBe(201);
    expect(await count(id)).toBe(MAX_LIST_ENTRIES);
  });

  it("keeps each user's watchlist to themselves", async () => {
    const { token } = await emptyAlice();
    await db.query('DELETE FROM watchlist WHERE user_id = $1', [bob.id]);
    await add(token, FIGHT_CLUB);
    expectProblem(await remove(bob.token, FIGHT_CLUB), 404);
    expect(ids(await list(token))).toEqual([FIGHT_CLUB]);
    expect((await list(bob.token)).body.totalItems).toBe(0);
    const bobsView = await api.request('GET', `/api/v1/movies/${FIGHT_CLUB}`, { token: bob.token });
    expect(bobsView.body).toMatchObject({ inWatchlist: false });
    expect((await api.request('GET', `/api/v1/movies/${FIGHT_CLUB}`, { token })).body).toMatchObject({ inWatchlist: true });
  });

  describe('through the linked-account seam', () => {
    afterEach(() => jest.restoreAllMocks());
    const linked = () => api.app.get(LinkedAccountPort);
    const favorites = async (userId: number) =>
      (await db.query('SELECT tmdb_id FROM favorites WHERE user_id = $1', [userId])).map((row: { tmdb_id: number }) => row.tmdb_id);

    it('writes to the linked account before anything changes here, and nothing changes when it fails', async () => {
      const { id, token } = await emptyAlice();
      const mirror = jest.spyOn(linked(), 'mirrorWrite');
      mirror.mockRejectedValueOnce(new UpstreamError('upstream_unavailable', 'tmdb', 'TMDb is down.'));
      mirror.mockRejectedValueOnce(new UpstreamError('upstream_unavailable', 'tmdb', 'TMDb is down.'));
      expectProblem(await add(token, MATRIX), 503);
      expect(await count(id)).toBe(0);
      expectProblem(await api.request('PUT', `/api/v1/me/favorites/${MATRIX}`, { token }), 503);
      expect(await favorites(id)).toEqual([]);

      expect((await add(token, MATRIX)).status).toBe(201);
      expect((await api.request('PUT', `/api/v1/me/favorites/${MATRIX}`, { token })).status).toBe(201);
      mirror.mockRejectedValueOnce(new ConflictError('TmdbAccountUnlinked', 'Link your TMDb account again.'));
      expectProblem(await remove(token, MATRIX), 409);
      expect(await count(id)).toBe(1);
      mirror.mockRejectedValueOnce(new UpstreamError('upstream_timeout', 'tmdb', 'TMDb timed out.'));
      expectProblem(await api.request('DELETE', `/api/v1/me/favorites/${MATRIX}`, { token }), 504);
      expect(await favorites(id)).toEqual([MATRIX]);

      expect((await remove(token, MATRIX)).status).toBe(204);
      expect(mirror.mock.calls).toEqual([
        [id, 'watchlist', MATRIX, true],
        [id, 'favorite', MATRIX, true],
        [id, 'watchlist', MATRIX, true],
        [id, 'favorite', MATRIX, true],
        [id, 'watchlist', MATRIX, false],
        [id, 'favorite', MATRIX, false],
        [id, 'watchlist', MATRIX, false],
      ]);
    });

    it('is not written for a movie TMDB does not have, nor past the cap', async () => {
      const { id, token } = await emptyAlice();
      const mirror = jest.spyOn(linked(), 'mirrorWrite');
      expectProblem(await add(token, 999_999_999), 404);
      await db.query(`INSERT INTO watchlist (user_id, tmdb_id) SELECT $1, 800000 + n FROM generate_series(1, $2) AS n`, [
        id,
        MAX_LIST_ENTRIES,
      ]);
      expectProblem(await add(token, FIGHT_CLUB), 409);
      expect(mirror).not.toHaveBeenCalled();
    });

    it('refreshes from the linked account before the watchlist, the favorites and a shared list are read', async () => {
      const { id, token } = await emptyAlice();
      const refresh = jest.spyOn(linked(), 'refreshIfStale');
      await list(token);
      await api.request('GET', '/api/v1/me/favorites', { token });
      expect((await api.request('PUT', '/api/v1/me/favorites/share', { token, body: { listName: 'wl-alice-list' } })).status).toBeLessThan(
        300,
      );
      await api.request('GET', '/api/v1/shared-lists/wl-alice-list');
      expect(refresh.mock.calls).toEqual([[id], [id], [id]]);
    });

    it('imports, lists and removes entries for a merge, telling the flags cache', async () => {
      const { id, token } = await emptyAlice();
      const watchlist = api.app.get(WatchlistService);
      const favoriteList = api.app.get(FavoritesService);
      const popular = async () => (await api.request('GET', `/api/v1/movies/${DUNE}`, { token })).body;
      expect(await popular()).toMatchObject({ favorite: false, inWatchlist: false });

      const addedAt = new Date('2025-05-05T05:05:05Z');
      expect(await watchlist.importEntries(id, [{ tmdbId: DUNE, addedAt }, { tmdbId: MATRIX }, { tmdbId: MATRIX }])).toBe(2);
      expect(await watchlist.importEntries(id, [{ tmdbId: DUNE }])).toBe(0);
      expect(await favoriteList.importEntries(id, [{ tmdbId: DUNE, addedAt }, { tmdbId: 999_999_999 }])).toBe(1);
      expect(await popular()).toMatchObject({ favorite: true, inWatchlist: true });
      expect(await watchlist.listEntries(id)).toEqual([
        { tmdbId: DUNE, addedAt },
        { tmdbId: MATRIX, addedAt: expect.any(Date) },
      ]);
      expect(await favoriteList.listEntries(id)).toEqual([{ tmdbId: DUNE, addedAt }]);
      expect((await api.request('GET', '/api/v1/me/favorites', { token })).body.items[0]).toMatchObject({
        tmdbId: DUNE,
        detailsPartial: false,
        releaseDate: expect.any(String),
      });

      expect(await watchlist.removeEntries(id, [DUNE, FIGHT_CLUB])).toBe(1);
      expect(await favoriteList.removeEntries(id, [DUNE])).toBe(1);
      expect(await popular()).toMatchObject({ favorite: false, inWatchlist: false });
      expect(ids(await list(token))).toEqual([MATRIX]);
    });

    it('imports no favorite while TMDB fails, so the merge can be finished later', async () => {
      const { id } = await emptyAlice();
      tmdb.faults({ failNext: 100, status: 500 });
      await expect(api.app.get(FavoritesService).importEntries(id, [{ tmdbId: 13 }, { tmdbId: 14 }])).rejects.toBeInstanceOf(UpstreamError);
      expect(await favorites(id)).toEqual([]);
    });
  });

  it('needs a token', async () => {
    expectProblem(await api.request('GET', '/api/v1/me/watchlist'), 401);
    expectProblem(await api.request('PUT', '/api/v1/me/watchlist/550'), 401);
    expectProblem(await api.request('DELETE', '/api/v1/me/watchlist/550'), 401);
  });
});
