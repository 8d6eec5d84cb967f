import { gunzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { startTmdbSimulator, TmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';
import { MAX_LIST_ENTRIES } from '../../src/user-marks/list-cap';
import { rawRequest } from '../support/raw-request';
import { ADMIN_TOKEN, expectProblem, startTestApp, TestApp, USER_TOKEN } from '../support/test-app';
import { tmdbSettings } from '../../simulators/simulator-settings';

const OPPENHEIMER = 872585;
const BARBIE = 346698; // released the same day as Oppenheimer
const DUNE = 438631;
const FIGHT_CLUB = 550;
const MATRIX = 603;

describe('favorites (e2e)', () => {
  let tmdb: TmdbSimulator;
  let api: TestApp;

  beforeAll(async () => {
    tmdb = await startTmdbSimulator({ catalogSize: 300 });
    api = await startTestApp({
      ...tmdbSettings(tmdb),
      UPSTREAM_RETRIES: '2',
      UPSTREAM_TIMEOUT_MS: '1000',
      RATE_LIMIT_PER_MINUTE: '100000',
      // Keeps what the tests leave in a shared Redis from lingering for a day.
      CACHE_STALE_TTL_SECONDS: '300',
    });
  });
  afterAll(async () => {
    await api?.close();
    await tmdb?.close();
  });
  afterEach(() => tmdb.clearFaults());

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

  /** The user with no favorites and no ratings, so each test starts from a known state (registering is slow). */
  async function clean(user: User): Promise<User> {
    const dataSource = api.app.get(DataSource);
    await dataSource.query('DELETE FROM favorites WHERE user_id = $1', [user.id]);
    await dataSource.query('DELETE FROM ratings WHERE user_id = $1', [user.id]);
    return user;
  }
  const emptyUser = () => clean(alice);

  beforeAll(async () => {
    [alice, bob] = await Promise.all([register('alice'), register('bob')]);
  });

  const add = (token: string, tmdbId: number | string) => api.request('PUT', `/api/v1/me/favorites/${tmdbId}`, { token });
  const remove = (token: string, tmdbId: number | string) => api.request('DELETE', `/api/v1/me/favorites/${tmdbId}`, { token });
  const rate = (token: string, tmdbId: number, stars: number) =>
    api.request('PUT', `/api/v1/me/ratings/${tmdbId}`, { token, body: { stars } });
  const list = (token: string, query = '') => api.request('GET', `/api/v1/me/favorites${query}`, { token });
  const ids = (response: { body: { items: Array<{ tmdbId: number }> } }) => response.body.items.map((item) => item.tmdbId);

  it('adds a favorite (201), and again (200), storing what TMDB said', async () => {
    const { token } = await emptyUser();
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
    expect((await list(token)).body.totalItems).toBe(1);
  });

  it('answers 404 for a movie TMDB does not have, and keeps nothing', async () => {
    const { token } = await emptyUser();
    const response = await add(token, 999_999_999);
    expectProblem(response, 404);
    expect(response.body.type).toMatch(/movie-not-found$/);
    expect((await list(token)).body.totalItems).toBe(0);
  });

  it('answers 503 for a new favorite when TMDB is unavailable', async () => {
    const { token } = await emptyUser();
    tmdb.faults({ failNext: 10, status: 503, match: /movie\/13$/ });
    expectProblem(await add(token, 13), 503);
  });

  it(`refuses a new favorite past ${MAX_LIST_ENTRIES} (409 ListFull), and takes one again once there is room`, async () => {
    const { id, token } = await emptyUser();
    const dataSource = api.app.get(DataSource);
    await dataSource.query(
      `INSERT INTO favorites (user_id, tmdb_id, title) SELECT $1, 800000 + n, 'm' || n FROM generate_series(1, $2) AS n`,
      [id, MAX_LIST_ENTRIES],
    );
    const full = await add(token, FIGHT_CLUB);
    expectProblem(full, 409);
    expect(full.body).toMatchObject({ type: expect.stringMatching(/list-full$/), limit: MAX_LIST_ENTRIES });
    expect((await list(token)).body.totalItems).toBe(MAX_LIST_ENTRIES);
    await dataSource.query(`UPDATE favorites SET tmdb_id = $2 WHERE user_id = $1 AND tmdb_id = 800001`, [id, MATRIX]);
    expect((await add(token, MATRIX)).status).toBe(200);
    expect((await remove(token, MATRIX)).status).toBe(204);
    expect((await add(token, FIGHT_CLUB)).status).toBe(201);
    expect((await list(token, '?pageSize=1')).body.totalItems).toBe(MAX_LIST_ENTRIES);
  });

  it.each(['0', '-5', 'abc', String(2 ** 53), '1.5'])('refuses the id %s', async (id) => {
    expectProblem(await add(USER_TOKEN, id), 400);
    expectProblem(await remove(USER_TOKEN, id), 400);
  });

  it('removes a favorite (204); removing it again or a non-favorite is a 404', async () => {
    const { token } = await emptyUser();
    await add(token, MATRIX);
    expect((await remove(token, MATRIX)).status).toBe(204);
    const again = await remove(token, MATRIX);
    expectProblem(again, 404);
    expect(again.body.type).toMatch(/favorite-not-found$/);
    expectProblem(await remove(token, FIGHT_CLUB), 404);
  });

  it('lists favorites with full details and myRating, newest first, ties by rating then id', async () => {
    const { token } = await emptyUser();
    for (const id of [FIGHT_CLUB, BARBIE, DUNE, OPPENHEIMER, MATRIX]) expect((await add(token, id)).status).toBe(201);
    await rate(token, BARBIE, 4);
    await rate(token, OPPENHEIMER, 5);
    await rate(token, MATRIX, 2);

    const response = await list(token);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ page: 1, pageSize: 20, totalItems: 5, totalPages: 1 });
    expect(ids(response)).toEqual([OPPENHEIMER, BARBIE, DUNE, FIGHT_CLUB, MATRIX]);
    expect(response.body.items[0]).toMatchObject({
      tmdbId: OPPENHEIMER,
      title: 'Oppenheimer',
      releaseDate: '2023-07-19',
      favorite: true,
      myRating: 5,
      detailsPartial: false,
      runtime: 181,
      genres: expect.any(Array),
      videos: expect.any(Array),
      credits: { cast: expect.any(Array), crew: expect.any(Array) },
      watchProviders: expect.any(Object),
      addedAt: expect.any(String),
    });
    expect(response.body.items[2]).toMatchObject({ tmdbId: DUNE, myRating: null });

    // Equal date and equal (no) rating: the id decides, so pages never overlap.
    await api.request('DELETE', `/api/v1/me/ratings/${BARBIE}`, { token });
    await api.request('DELETE', `/api/v1/me/ratings/${OPPENHEIMER}`, { token });
    expect(ids(await list(token)).slice(0, 2)).toEqual([BARBIE, OPPENHEIMER]);
    await rate(token, BARBIE, 1);
    expect(ids(await list(token)).slice(0, 2)).toEqual([BARBIE, OPPENHEIMER]);
    await rate(token, OPPENHEIMER, 1.5);
    expect(ids(await list(token)).slice(0, 2)).toEqual([OPPENHEIMER, BARBIE]);
  });

  it('answers an unchanged long list with the same JSON and ETag, plain or gzipped, 304 to that tag, and a new tag after a rating', async () => {
    const { token } = await emptyUser();
    // Over 64 KiB of JSON, so the gzipped answer is streamed (and its copy kept once sent).
    const movies = tmdb.movieIds().slice(0, 30);
    for (const id of movies) expect((await add(token, id)).status).toBe(201);
    const path = '/api/v1/me/favorites?pageSize=100';
    const get = (headers: Record<string, string> = {}) => rawRequest(api.url, path, { authorization: `Bearer ${token}`, ...headers });

    const plain = await get();
    const text = plain.body.toString();
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(plain.body.length).toBeGreaterThan(64 * 1024);
    expect(text).toBe(JSON.stringify(JSON.parse(text)));
    expect(JSON.parse(text).items).toHaveLength(movies.length);
    const tag = plain.headers.etag as string;
    expect(tag).toMatch(/^"[^"]+"$/);
    expect((await get()).headers.etag).toBe(tag);

    for (let read = 0; read < 2; read += 1) {
      const gzipped = await get({ 'accept-encoding': 'gzip' });
      expect(gzipped.headers).toMatchObject({ 'content-encoding': 'gzip', etag: `${tag.slice(0, -1)}-gzip"` });
      expect(gunzipSync(gzipped.body).toString()).toBe(text);
    }
    const revalidated = await get({ 'accept-encoding': 'gzip', 'if-none-match': `${tag.slice(0, -1)}-gzip"` });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);

    expect((await rate(token, movies[3], 4)).status).toBe(201);
    const changed = await get({ 'accept-encoding': 'gzip', 'if-none-match': tag });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(`${tag.slice(0, -1)}-gzip"`);
    const items: Array<{ tmdbId: number; myRating: number | null }> = JSON.parse(gunzipSync(changed.body).toString()).items;
    expect(items.find((item) => item.tmdbId === movies[3])!.myRating).toBe(4);
  });

  it('sorts by rating or release date in either direction, unknown dates and unrated movies last', async () => {
    const { id, token } = await emptyUser();
    for (const movie of [FIGHT_CLUB, DUNE, OPPENHEIMER, MATRIX]) await add(token, movie);
    await rate(token, FIGHT_CLUB, 3);
    await rate(token, DUNE, 4.5);
    await rate(token, MATRIX, 3);
    await api.app.get(DataSource).query('UPDATE favorites SET release_date = NULL WHERE user_id = $1 AND tmdb_id = $2', [id, MATRIX]);

    expect(ids(await list(token))).toEqual([OPPENHEIMER, DUNE, FIGHT_CLUB, MATRIX]);
    expect(ids(await list(token, '?sort=releaseDate&order=asc'))).toEqual([FIGHT_CLUB, DUNE, OPPENHEIMER, MATRIX]);
    // Fight Club and The Matrix both have 3 stars: the newer one first, the unknown date last.
    expect(ids(await list(token, '?sort=rating'))).toEqual([DUNE, FIGHT_CLUB, MATRIX, OPPENHEIMER]);
    expect(ids(await list(token, '?sort=rating&order=asc'))).toEqual([FIGHT_CLUB, MATRIX, DUNE, OPPENHEIMER]);
    for (const query of ['?sort=title', '?order=up', '?sort=', '?page=0', '?pageSize=101', '?pageSize=abc'])
      expectProblem(await list(token, query), 400);
  });

  it('paginates: exact pages, the last partial page, and past the end', async () => {
    const { token } = await emptyUser();
    const movies = tmdb.sampleMovieIds().slice(0, 5);
    await Promise.all(movies.map((movie) => add(token, movie)));
    const all = ids(await list(token));
    const page1 = await list(token, '?page=1&pageSize=2');
    const page3 = await list(token, '?page=3&pageSize=2');
    const page4 = await list(token, '?page=4&pageSize=2');
    expect(page1.body).toMatchObject({ page: 1, pageSize: 2, totalItems: 5, totalPages: 3 });
    expect([...ids(page1), ...ids(await list(token, '?page=2&pageSize=2')), ...ids(page3)]).toEqual(all);
    expect(ids(page3)).toHaveLength(1);
    expect(page4.body).toMatchObject({ items: [], page: 4, totalItems: 5, totalPages: 3 });
    expect((await list(token, '?pageSize=100')).body.items).toHaveLength(5);
  });

  it("shows a favorite TMDB can't describe now with what was stored and detailsPartial", async () => {
    const { id, token } = await emptyUser();
    await add(token, FIGHT_CLUB); // its details are now cached
    const uncached = tmdb.movieIds().slice(200, 204);
    const dataSource = api.app.get(DataSource);
    for (const [index, movie] of uncached.entries()) {
      await dataSource.query(
        `INSERT INTO favorites (user_id, tmdb_id, title, release_date, poster_path) VALUES ($1, $2, $3, $4, '/stored.jpg')`,
        [id, movie, `Stored ${index}`, `2030-01-0${index + 1}`],
      );
    }
    tmdb.faults({ failNext: 1000, status: 500 });
    const started = Date.now();
    const response = await list(token);
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(response.body.items).toHaveLength(5);
    expect(response.body.items[0]).toEqual(
      expect.objectContaining({
        tmdbId: uncached[3],
        title: 'Stored 3',
        releaseDate: '2030-01-04',
        posterUrl: 'https://image.tmdb.org/t/p/w500/stored.jpg',
        favorite: true,
        myRating: null,
        detailsPartial: true,
        overview: null,
        runtime: null,
        videos: [],
      }),
    );
    expect(response.body.items.filter((item: { detailsPartial: boolean }) => item.detailsPartial)).toHaveLength(4);
    // The cached one is still whole.
    expect(response.body.items[4]).toMatchObject({ tmdbId: FIGHT_CLUB, detailsPartial: false, runtime: 139 });
  });

  it('shows a favorite whose movie TMDB has since removed as partial', async () => {
    const { id, token } = await emptyUser();
    await api.app.get(DataSource).query(`INSERT INTO favorites (user_id, tmdb_id, title) VALUES ($1, 999999998, 'Gone')`, [id]);
    const response = await list(token);
    expect(response.body.items).toEqual([
      expect.objectContaining({ tmdbId: 999999998, title: 'Gone', releaseDate: null, posterUrl: null, detailsPartial: true }),
    ]);
  });

  describe('other users', () => {
    it("lets a USER read their own list at /users/{id}/favorites, but not another's (403)", async () => {
      await clean(alice);
      await clean(bob);
      await add(alice.token, FIGHT_CLUB);
      const own = await api.request('GET', `/api/v1/users/${alice.id}/favorites`, { token: alice.token });
      expect(own.status).toBe(200);
      expect(ids(own)).toEqual([FIGHT_CLUB]);
      const other = await api.request('GET', `/api/v1/users/${alice.id}/favorites`, { token: bob.token });
      expectProblem(other, 403);
      expect(other.text).not.toContain('Fight Club');
      expectProblem(await api.request('GET', '/api/v1/users/1/favorites', { token: USER_TOKEN }), 403);
    });

    it("lets an ADMIN read anyone's list, with that user's ratings", async () => {
      await clean(alice);
      await add(alice.token, MATRIX);
      await rate(alice.token, MATRIX, 4);
      await rate(ADMIN_TOKEN, MATRIX, 1);
      const response = await api.request('GET', `/api/v1/users/${alice.id}/favorites?sort=rating`, { token: ADMIN_TOKEN });
      expect(response.status).toBe(200);
      expect(response.body.items).toEqual([expect.objectContaining({ tmdbId: MATRIX, myRating: 4 })]);
    });

    it('lets only an ADMIN delete all favorites of a user (204)', async () => {
      await clean(alice);
      await add(alice.token, FIGHT_CLUB);
      await add(alice.token, MATRIX);
      expectProblem(await api.request('DELETE', `/api/v1/users/${alice.id}/favorites`, { token: alice.token }), 403);
      expect((await list(alice.token)).body.totalItems).toBe(2);
      expect((await api.request('DELETE', `/api/v1/users/${alice.id}/favorites`, { token: ADMIN_TOKEN })).status).toBe(204);
      expect((await list(alice.token)).body.totalItems).toBe(0);
      expect((await api.request('DELETE', `/api/v1/users/${alice.id}/favorites`, { token: ADMIN_TOKEN })).status).toBe(204);
    });

    it('answers 404 for an unknown user and 400 for an invalid id', async () => {
      expectProblem(await api.request('GET', '/api/v1/users/999999/favorites', { token: ADMIN_TOKEN }), 404);
      expectProblem(await api.request('DELETE', '/api/v1/users/999999/favorites', { token: ADMIN_TOKEN }), 404);
      for (const id of ['0', '-1', 'me', String(2 ** 53)]) {
        expectProblem(await api.request('GET', `/api/v1/users/${id}/favorites`, { token: ADMIN_TOKEN }), 400);
      }
    });

    it("never changes another user's favorites through /me", async () => {
      await clean(alice);
      await clean(bob);
      await add(alice.token, FIGHT_CLUB);
      expectProblem(await remove(bob.token, FIGHT_CLUB), 404);
      expect(ids(await list(alice.token))).toEqual([FIGHT_CLUB]);
      expect((await list(bob.token)).body.totalItems).toBe(0);
    });

    it('needs a token', async () => {
      expectProblem(await api.request('GET', '/api/v1/me/favorites'), 401);
      expectProblem(await api.request('PUT', '/api/v1/me/favorites/550'), 401);
      expectProblem(await api.request('GET', '/api/v1/users/2/favorites'), 401);
    });
  });
});
