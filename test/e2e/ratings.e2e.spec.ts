import { startTmdbSimulator, TmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';
import { ADMIN_TOKEN, expectProblem, startTestApp, TestApp, USER_TOKEN } from '../support/test-app';
import { tmdbTestEnv } from '../support/tmdb-test-env';

describe('ratings (e2e)', () => {
  let tmdb: TmdbSimulator;
  let api: TestApp;

  beforeAll(async () => {
    tmdb = await startTmdbSimulator({ catalogSize: 500 });
    api = await startTestApp(tmdbTestEnv(tmdb));
  });
  afterAll(async () => {
    await api?.close();
    await tmdb?.close();
  });
  afterEach(() => tmdb.clearFaults());

  const rate = (tmdbId: number | string, body: unknown, token = USER_TOKEN) =>
    api.request('PUT', `/api/v1/me/ratings/${tmdbId}`, { token, body });
  const rawRate = (tmdbId: number, rawBody: string) =>
    api.request('PUT', `/api/v1/me/ratings/${tmdbId}`, { token: USER_TOKEN, rawBody, headers: { 'content-type': 'application/json' } });
  const list = (query = '', token = USER_TOKEN) => api.request('GET', `/api/v1/me/ratings${query}`, { token });

  it('creates (201), then corrects (200) a rating', async () => {
    const created = await rate(550, { stars: 4.5 });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      tmdbId: 550,
      stars: 4.5,
      title: 'Fight Club',
      releaseDate: '1999-10-15',
      ratedAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const corrected = await rate(550, { stars: 2 });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ tmdbId: 550, stars: 2, ratedAt: created.body.ratedAt });
  });

  it.each([0, 0.5, 1, 2.5, 4.5, 5])('accepts %s stars', async (stars) => {
    const response = await rate(603, { stars });
    expect([200, 201]).toContain(response.status);
    expect(response.body.stars).toBe(stars);
  });

  it.each([
    ['5.5', { stars: 5.5 }],
    ['-1', { stars: -1 }],
    ['-0.5', { stars: -0.5 }],
    ['2.25', { stars: 2.25 }],
    ['4.9999', { stars: 4.9999 }],
    ['"five"', { stars: 'five' }],
    ['"4"', { stars: '4' }],
    ['null', { stars: null }],
    ['true', { stars: true }],
    ['[4]', { stars: [4] }],
    ['{}', { stars: {} }],
    ['no stars', {}],
    ['an unknown property', { stars: 4, comment: 'great' }],
  ])('refuses %s with a 400 problem that changes nothing', async (_label, body) => {
    await rate(13, { stars: 3 });
    const response = await rate(13, body);
    expectProblem(response, 400);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: expect.any(String), message: expect.any(String) })]),
    );
    const stored = (await list('?pageSize=100')).body.items.find((item: { tmdbId: number }) => item.tmdbId === 13);
    expect(stored.stars).toBe(3);
  });

  it('says why a rating is refused', async () => {
    const response = await rate(13, { stars: 2.25 });
    expect(response.body.errors).toEqual([{ field: 'stars', message: 'stars must be a multiple of 0.5 between 0 and 5' }]);
  });

  it('refuses a body that is not JSON, or 1e400', async () => {
    expectProblem(await rawRate(13, '{"stars": 4'), 400);
    expectProblem(await rawRate(13, '{"stars": 1e400}'), 400);
  });

  it.each(['0', '-5', 'abc', String(2 ** 53), '1.5'])('refuses the id %s', async (id) => {
    const response = await rate(id, { stars: 3 });
    expectProblem(response, 400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'tmdbId' })]);
  });

  it('needs the movie to exist in TMDB for a first rating', async () => {
    const response = await rate(999_999_999, { stars: 3 });
    expectProblem(response, 404);
    expect(response.body.type).toMatch(/movie-not-found$/);
    expect((await list('?pageSize=100')).body.items.some((item: { tmdbId: number }) => item.tmdbId === 999_999_999)).toBe(false);
  });

  it('answers 502 for a new rating when TMDB fails, but corrects an existing one without TMDB', async () => {
    await rate(680, { stars: 3 });
    tmdb.faults({ failNext: 100, status: 500 });
    expect((await rate(680, { stars: 3.5 })).status).toBe(200);
    expectProblem(await rate(tmdb.movieIds()[400], { stars: 1 }), 502);
  });

  it("lists the caller's ratings, most recently changed first, paginated, and only the caller's", async () => {
    const ids = tmdb.movieIds().slice(100, 105);
    for (const [index, id] of ids.entries()) await rate(id, { stars: index }, ADMIN_TOKEN);
    await rate(ids[0], { stars: 5 }, ADMIN_TOKEN);

    const first = await list('?page=1&pageSize=2', ADMIN_TOKEN);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ page: 1, pageSize: 2, totalItems: 5, totalPages: 3 });
    expect(first.body.items.map((item: { tmdbId: number }) => item.tmdbId)).toEqual([ids[0], ids[4]]);
    const last = await list('?page=3&pageSize=2', ADMIN_TOKEN);
    expect(last.body.items.map((item: { tmdbId: number }) => item.tmdbId)).toEqual([ids[1]]);
    const beyond = await list('?page=4&pageSize=2', ADMIN_TOKEN);
    expect(beyond.body).toMatchObject({ items: [], totalItems: 5, totalPages: 3 });

    const mine = await list('?pageSize=100');
    expect(mine.body.items.some((item: { tmdbId: number }) => ids.includes(item.tmdbId))).toBe(false);
    expectProblem(await list('?pageSize=101'), 400);
    expectProblem(await list('?page=0'), 400);
  });

  it('deletes a rating (204), then 404', async () => {
    await rate(238, { stars: 4 });
    expect((await api.request('DELETE', '/api/v1/me/ratings/238', { token: USER_TOKEN })).status).toBe(204);
    expectProblem(await api.request('DELETE', '/api/v1/me/ratings/238', { token: USER_TOKEN }), 404);
    expectProblem(await api.request('DELETE', '/api/v1/me/ratings/abc', { token: USER_TOKEN }), 400);
  });

  it("cannot touch another user's rating: a delete of one's own only", async () => {
    await rate(278, { stars: 4 }, ADMIN_TOKEN);
    expectProblem(await api.request('DELETE', '/api/v1/me/ratings/278', { token: USER_TOKEN }), 404);
    expect((await list('?pageSize=100', ADMIN_TOKEN)).body.items.some((item: { tmdbId: number }) => item.tmdbId === 278)).toBe(true);
  });

  it('needs a token', async () => {
    expectProblem(await api.request('GET', '/api/v1/me/ratings'), 401);
    expectProblem(await api.request('PUT', '/api/v1/me/ratings/550', { body: { stars: 3 } }), 401);
  });
});
