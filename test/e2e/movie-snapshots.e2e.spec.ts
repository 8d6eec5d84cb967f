import { DataSource } from 'typeorm';
import { startTmdbSimulator, TmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';
import { SHARED_LIST_UPSTREAM_CALLS } from '../../src/favorites/favorites.service';
import { SnapshotRefresher } from '../../src/movie-snapshots/snapshot-refresher';
import { ADMIN_TOKEN, startTestApp, TestApp, USER_TOKEN } from '../support/test-app';
import { tmdbTestEnv } from '../support/tmdb-test-env';

const CONSUMER = 2;
const ADMIN = 1;

const eventually = async (check: () => Promise<boolean>, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
};

/**
 * Favorites, the watchlist and shared lists answer from movie snapshots shared by all users: warm, without
 * TMDB; stale, at once and refreshed behind; missing, after TMDB; public, within a bounded number of calls.
 */
describe('movie snapshots behind the per-user lists (e2e)', () => {
  let tmdb: TmdbSimulator;
  let api: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    tmdb = await startTmdbSimulator({ catalogSize: 400 });
    api = await startTestApp(tmdbTestEnv(tmdb));
    db = api.app.get(DataSource);
  });
  afterAll(async () => {
    await api?.close();
    await tmdb?.close();
  });
  beforeEach(async () => {
    await settled(api);
    for (const table of ['favorites', 'watchlist', 'ratings', 'shared_lists'])
      await db.query(`DELETE FROM ${table} WHERE user_id = $1`, [CONSUMER]);
  });
  afterEach(() => tmdb.clearFaults());

  const settled = (app: TestApp) => app.app.get(SnapshotRefresher).idle();
  const movieCalls = (tmdbId?: number) => tmdb.countMatching(tmdbId ? new RegExp(`^GET /3/movie/${tmdbId}$`) : /^GET \/3\/movie\/\d+$/);
  const get = (app: TestApp, path: string, token: string | undefined = USER_TOKEN) => app.request('GET', `/api/v1${path}`, { token });
  const favorite = (tmdbId: number) => api.request('PUT', `/api/v1/me/favorites/${tmdbId}`, { token: USER_TOKEN });
  const watch = (tmdbId: number) => api.request('PUT', `/api/v1/me/watchlist/${tmdbId}`, { token: USER_TOKEN });
  const snapshot = async (tmdbId: number) =>
    (await db.query('SELECT details, fetched_at FROM movie_snapshots WHERE tmdb_id = $1', [tmdbId]))[0] as
      { details: { title: string }; fetched_at: Date } | undefined;

  it('serves a warm list without any TMDB call, even on a fresh replica with an empty cache', async () => {
    const movies = tmdb.movieIds().slice(20, 26);
    for (const id of movies.slice(0, 4)) expect((await favorite(id)).status).toBe(201);
    for (const id of movies.slice(2)) expect((await watch(id)).status).toBe(201);
    expect(
      (await api.request('PUT', '/api/v1/me/favorites/share', { token: USER_TOKEN, body: { listName: 'snapshots-warm' } })).status,
    ).toBe(201);
    const here = await get(api, '/me/favorites?pageSize=100');

    const fresh = await startTestApp({ ...tmdbTestEnv(tmdb), DATABASE_URL: api.database!.url });
    try {
      const before = tmdb.requestCount();
      const [favorites, watchlist, shared] = await Promise.all([
        get(fresh, '/me/favorites?pageSize=100'),
        get(fresh, '/me/watchlist?pageSize=100'),
        get(fresh, '/shared-lists/snapshots-warm?pageSize=100', undefined),
      ]);
      await settled(fresh);
      expect(tmdb.requestCount()).toBe(before);
      expect(favorites.body.items).toHaveLength(4);
      expect(favorites.body).toEqual(here.body);
      expect(
        favorites.body.items.every((item: { detailsPartial: boolean; runtime: number }) => !item.detailsPartial && item.runtime > 0),
      ).toBe(true);
      expect(watchlist.body.items.map((item: { tmdbId: number }) => item.tmdbId)).toEqual(movies.slice(2).reverse());
      expect(watchlist.body.items.every((item: { detailsPartial: boolean; title: string }) => !item.detailsPartial && item.title)).toBe(
        true,
      );
      expect(shared.body.items).toEqual(favorites.body.items);
    } finally {
      await fresh.close();
    }
  });

  it('answers from a stale snapshot at once, then refreshes it in the background through TMDB', async () => {
    const [known, stale] = tmdb.movieIds().slice(40, 42);
    expect((await favorite(known)).status).toBe(201);
    // A snapshot of `stale` taken long ago, which this process has never asked TMDB for.
    await db.query(
      `INSERT INTO movie_snapshots (tmdb_id, shape, details, fetched_at)
       SELECT $1, shape, jsonb_set(jsonb_set(details, '{tmdbId}', to_jsonb($1::int)), '{title}', '"An old title"'), '2026-01-01T00:00:00Z'
         FROM movie_snapshots WHERE tmdb_id = $2`,
      [stale, known],
    );
    await db.query(`INSERT INTO favorites (user_id, tmdb_id, title) VALUES ($1, $2, 'Stored title')`, [CONSUMER, stale]);
    expect(movieCalls(stale)).toBe(0);

    const first = await get(api, '/me/favorites');
    const staleItem = first.body.items.find((item: { tmdbId: number }) => item.tmdbId === stale);
    // The answer did not wait for TMDB: it holds the old copy, though TMDB has since been asked.
    expect(staleItem).toMatchObject({ title: 'An old title', detailsPartial: false, detailsFetchedAt: '2026-01-01T00:00:00.000Z' });
    await settled(api);
    expect(movieCalls(stale)).toBe(1);
    const refreshed = await snapshot(stale);
    expect(refreshed!.details.title).toBe(tmdb.movieDetails(stale)!.title);
    expect(refreshed!.fetched_at.getTime()).toBeGreaterThan(Date.parse('2026-06-01T00:00:00Z'));

    const second = await get(api, '/me/favorites');
    expect(second.body.items.find((item: { tmdbId: number }) => item.tmdbId === stale)).toMatchObject({
      title: tmdb.movieDetails(stale)!.title,
      detailsFetchedAt: refreshed!.fetched_at.toISOString(),
    });
    await settled(api);
    expect(movieCalls(stale)).toBe(1);
  });

  it('shows on another replica, through Redis, a snapshot stored here, though that replica kept a fresh older one', async () => {
    const [known, movie] = tmdb.movieIds().slice(70, 72);
    expect((await favorite(known)).status).toBe(201);
    // A fresh snapshot of `movie` with a title TMDB no longer gives, as a replica may have stored a moment ago.
    await db.query(
      `INSERT INTO movie_snapshots (tmdb_id, shape, details, fetched_at)
       SELECT $1, shape, jsonb_set(jsonb_set(details, '{tmdbId}', to_jsonb($1::int)), '{title}', '"A title since changed"'), now()
         FROM movie_snapshots WHERE tmdb_id = $2`,
      [movie, known],
    );
    await db.query(`INSERT INTO favorites (user_id, tmdb_id, title) VALUES ($1, $2, 'Stored title')`, [CONSUMER, movie]);
    // A long TTL: that replica would never refresh its copy on its own while this test runs.
    const other = await startTestApp({
      ...tmdbTestEnv(tmdb, { CACHE_TTL_SECONDS: '3600' }),
      DATABASE_URL: api.database!.url,
      REDIS_KEY_PREFIX: api.settings.cache.keyPrefix,
    });
    try {
      const shownOn = async (app: TestApp) =>
        (await get(app, '/me/favorites')).body.items.find((item: { tmdbId: number }) => item.tmdbId === movie) as {
          title: string;
          detailsFetchedAt: string;
        };
      expect(await shownOn(other)).toMatchObject({ title: 'A title since changed' });
      expect(await shownOn(other)).toMatchObject({ title: 'A title since changed' });

      // Another user adds the movie here, which stores what TMDB says of it now.
      expect((await api.request('PUT', `/api/v1/me/favorites/${movie}`, { token: ADMIN_TOKEN })).status).toBe(201);
      const stored = (await snapshot(movie))!;
      expect(stored.details.title).toBe(tmdb.movieDetails(movie)!.title);

      expect(await eventually(async () => (await shownOn(other)).detailsFetchedAt === stored.fetched_at.toISOString())).toBe(true);
      expect(await shownOn(other)).toMatchObject({ title: tmdb.movieDetails(movie)!.title });
      await settled(other);
      expect(movieCalls(movie)).toBe(1);
    } finally {
      await other.close();
      await db.query('DELETE FROM favorites WHERE user_id = $1 AND tmdb_id = $2', [ADMIN, movie]);
    }
  });

  it('keeps the stale snapshot when the refresh fails, and refreshes it on a later read', async () => {
    const [known, stale] = tmdb.movieIds().slice(50, 52);
    expect((await watch(known)).status).toBe(201);
    await db.query(
      `UPDATE movie_snapshots SET tmdb_id = $1, details = jsonb_set(details, '{tmdbId}', to_jsonb($1::int)), fetched_at = '2026-01-01T00:00:00Z' WHERE tmdb_id = $2`,
      [stale, known],
    );
    await db.query(`UPDATE watchlist SET tmdb_id = $1 WHERE user_id = $2`, [stale, CONSUMER]);
    tmdb.faults({ failNext: 100, status: 500, match: new RegExp(`/movie/${stale}$`) });
    const during = await get(api, '/me/watchlist');
    expect(during.body.items).toEqual([
      expect.objectContaining({ tmdbId: stale, detailsPartial: false, detailsFetchedAt: '2026-01-01T00:00:00.000Z' }),
    ]);
    await settled(api);
    expect((await snapshot(stale))!.fetched_at.toISOString()).toBe('2026-01-01T00:00:00.000Z');

    tmdb.clearFaults();
    await get(api, '/me/watchlist');
    await settled(api);
    expect((await snapshot(stale))!.details.title).toBe(tmdb.movieDetails(stale)!.title);
  });

  it('waits on TMDB only for a movie without a snapshot, once, and keeps what it got', async () => {
    const [forFavorites, forWatchlist] = tmdb.movieIds().slice(60, 62);
    await db.query(`INSERT INTO favorites (user_id, tmdb_id, title) VALUES ($1, $2, 'Stored title')`, [CONSUMER, forFavorites]);
    await db.query(`INSERT INTO watchlist (user_id, tmdb_id) VALUES ($1, $2)`, [CONSUMER, forWatchlist]);
    expect(await snapshot(forFavorites)).toBeUndefined();

    const favorites = await get(api, '/me/favorites');
    const watchlist = await get(api, '/me/watchlist');
    expect(favorites.body.items).toEqual([
      expect.objectContaining({
        tmdbId: forFavorites,
        title: tmdb.movieDetails(forFavorites)!.title,
        detailsPartial: false,
        detailsFetchedAt: expect.any(String),
      }),
    ]);
    expect(watchlist.body.items).toEqual([
      expect.objectContaining({
        tmdbId: forWatchlist,
        title: tmdb.movieDetails(forWatchlist)!.title,
        detailsPartial: false,
        detailsFetchedAt: expect.any(String),
      }),
    ]);
    expect([movieCalls(forFavorites), movieCalls(forWatchlist)]).toEqual([1, 1]);
    expect((await snapshot(forFavorites))!.details.title).toBe(tmdb.movieDetails(forFavorites)!.title);
    expect(await snapshot(forWatchlist)).toBeDefined();

    await get(api, '/me/favorites');
    await get(api, '/me/watchlist');
    await settled(api);
    expect([movieCalls(forFavorites), movieCalls(forWatchlist)]).toEqual([1, 1]);
  });

  it(`lets one read of a public list wait on at most ${SHARED_LIST_UPSTREAM_CALLS} TMDB calls, fetching the rest behind`, async () => {
    const movies = tmdb.movieIds().slice(100, 125);
    await db.query(
      `INSERT INTO favorites (user_id, tmdb_id, title, release_date) SELECT $1, id, 'Stored ' || id, '2020-01-01' FROM unnest($2::int[]) AS ids (id)`,
      [CONSUMER, movies],
    );
    expect(
      (await api.request('PUT', '/api/v1/me/favorites/share', { token: USER_TOKEN, body: { listName: 'snapshots-public' } })).status,
    ).toBe(201);
    const callsBefore = movieCalls();

    const first = await get(api, '/shared-lists/snapshots-public?pageSize=100', undefined);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(movies.length);
    const whole = first.body.items.filter((item: { detailsPartial: boolean }) => !item.detailsPartial);
    expect(whole).toHaveLength(SHARED_LIST_UPSTREAM_CALLS);
    expect(
      first.body.items.filter(
        (item: { detailsPartial: boolean; title: string }) => item.detailsPartial && item.title.startsWith('Stored '),
      ),
    ).toHaveLength(movies.length - SHARED_LIST_UPSTREAM_CALLS);

    await settled(api);
    expect(movieCalls() - callsBefore).toBe(movies.length);
    const second = await get(api, '/shared-lists/snapshots-public?pageSize=100', undefined);
    expect(second.body.items.every((item: { detailsPartial: boolean }) => !item.detailsPartial)).toBe(true);
    await settled(api);
    expect(movieCalls() - callsBefore).toBe(movies.length);
  });
});
