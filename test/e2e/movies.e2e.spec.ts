import { startTmdbSimulator, TmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';
import { ADMIN_TOKEN, expectProblem, startTestApp, TestApp, USER_TOKEN } from '../support/test-app';
import { tmdbTestEnv } from '../support/tmdb-test-env';

describe('movies (e2e)', () => {
  let tmdb: TmdbSimulator;
  let api: TestApp;

  beforeAll(async () => {
    tmdb = await startTmdbSimulator();
    api = await startTestApp(tmdbTestEnv(tmdb));
  });
  afterAll(async () => {
    await api?.close();
    await tmdb?.close();
  });
  afterEach(() => tmdb.clearFaults());

  const get = (path: string, token = USER_TOKEN) => api.request('GET', `/api/v1${path}`, { token });

  it('lists popular movies in our camelCase shape, with image URLs from /configuration', async () => {
    const response = await get('/movies/popular');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-cache')).toBe('MISS');
    expect(response.headers.get('cache-control')).toContain('private');
    expect(response.body).toMatchObject({ page: 1, pageSize: 20, totalPages: 500, totalItems: 10000 });
    expect(response.body.items).toHaveLength(20);
    expect(response.body.items[0]).toEqual({
      tmdbId: expect.any(Number),
      title: expect.any(String),
      originalTitle: expect.any(String),
      originalLanguage: expect.any(String),
      releaseDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      overview: expect.any(String),
      genreIds: expect.any(Array),
      posterUrl: expect.stringMatching(/^https:\/\/image\.tmdb\.org\/t\/p\/w500\//),
      backdropUrl: expect.stringMatching(/^https:\/\/image\.tmdb\.org\/t\/p\/w1280\//),
      voteAverage: expect.any(Number),
      voteCount: expect.any(Number),
      popularity: expect.any(Number),
      adult: false,
      favorite: false,
      inWatchlist: false,
      myRating: null,
    });
    expect(response.text).not.toMatch(/poster_path|vote_average|status_code/);
    expect(tmdb.countMatching(/^GET \/3\/configuration$/)).toBe(1);
  });

  it('caps totalPages at 500 and serves page 500, but refuses pages outside 1..500 itself', async () => {
    const last = await get('/movies/popular?page=500');
    expect(last.status).toBe(200);
    expect(last.body.page).toBe(500);
    const before = tmdb.requestCount();
    for (const page of ['0', '501', 'abc', '1.5', '-1']) {
      const response = await get(`/movies/popular?page=${page}`);
      expectProblem(response, 400);
      expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'page' })]));
    }
    expectProblem(await get('/movies/popular?pageSize=50'), 400);
    expect(tmdb.requestCount()).toBe(before);
  });

  it('passes language and region through, and validates them', async () => {
    const response = await get('/movies/popular?language=pt-BR&region=BR');
    expect(response.status).toBe(200);
    expectProblem(await get('/movies/popular?language=portuguese'), 400);
    expectProblem(await get('/movies/popular?region=br'), 400);
  });

  it('discovers by year, genres and sort order', async () => {
    const response = await get('/movies/discover?year=1999&withGenres=18,53&sortBy=vote_average.desc');
    expect(response.status).toBe(200);
    expect(response.body.items.length).toBeGreaterThan(0);
    for (const movie of response.body.items) {
      expect(movie.releaseDate.startsWith('1999')).toBe(true);
      expect(movie.genreIds).toEqual(expect.arrayContaining([18, 53]));
    }
    const votes = response.body.items.map((movie: { voteAverage: number }) => movie.voteAverage);
    expect(votes).toEqual([...votes].sort((a, b) => b - a));
    expect((await get('/movies/discover?includeAdult=true')).status).toBe(200);
  });

  it('forwards includeVideo as include_video: video titles are listed only when asked for', async () => {
    const sorted = 'sortBy=vote_count.asc&year=2015';
    const [plain, off, on] = await Promise.all([
      get(`/movies/discover?${sorted}`),
      get(`/movies/discover?${sorted}&includeVideo=false`),
      get(`/movies/discover?${sorted}&includeVideo=true`),
    ]);
    expect([plain.status, off.status, on.status]).toEqual([200, 200, 200]);
    const videosOf2015 = tmdb.movieIds().filter((id) => {
      const movie = tmdb.movieDetails(id)!;
      return movie.video && !movie.adult && movie.release_date.startsWith('2015');
    }).length;
    expect(videosOf2015).toBeGreaterThan(0);
    expect(off.body.totalItems).toBe(plain.body.totalItems);
    expect(on.body.totalItems - plain.body.totalItems).toBe(videosOf2015);
  });

  it.each([
    ['sortBy=loudness.desc'],
    ['year=1800'],
    ['year=nineteen'],
    ['withGenres=drama'],
    ['withGenres=18,,53'],
    ['includeAdult=yes'],
    ['includeVideo=1'],
    ['unknown=1'],
  ])('refuses discover with %s', async (query) => {
    expectProblem(await get(`/movies/discover?${query}`), 400);
  });

  it('searches titles, and requires a query', async () => {
    const response = await get('/movies/search?query=fight%20club');
    expect(response.status).toBe(200);
    expect(response.body.items[0]).toMatchObject({ tmdbId: 550, title: 'Fight Club' });
    const none = await get('/movies/search?query=zzzqqqxxyy');
    expect(none.body).toMatchObject({ items: [], totalItems: 0, totalPages: 0 });
    expectProblem(await get('/movies/search'), 400);
    expectProblem(await get('/movies/search?query=%20%20'), 400);
    expectProblem(await get(`/movies/search?query=${'a'.repeat(201)}`), 400);
  });

  it('gives full details with videos, credits and watch providers, and local review figures', async () => {
    const response = await get('/movies/550');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      tmdbId: 550,
      title: 'Fight Club',
      releaseDate: '1999-10-15',
      runtime: 139,
      genres: expect.arrayContaining([{ id: 18, name: 'Drama' }]),
      imdbId: expect.stringMatching(/^tt/),
      favorite: false,
      myRating: null,
      averageRating: null,
      reviewCount: 0,
    });
    expect(
      response.body.videos.some(
        (video: { type: string; url: string }) => video.type === 'Trailer' && video.url.startsWith('https://www.youtube.com/'),
      ),
    ).toBe(true);
    expect(response.body.credits.cast[0]).toMatchObject({ name: expect.any(String), character: expect.any(String), order: 0 });
    expect(response.body.credits.cast.length).toBeLessThanOrEqual(20);
    expect(response.body.credits.crew.some((member: { job: string }) => member.job === 'Director')).toBe(true);
    expect(response.body.watchProviders.US).toMatchObject({ link: expect.stringContaining('themoviedb.org'), flatrate: expect.any(Array) });
    expect(tmdb.countMatching(/^GET \/3\/movie\/550\/(videos|credits)/)).toBe(0);
  });

  it("answers 404 for a movie TMDB doesn't have", async () => {
    const response = await get('/movies/999999999');
    expectProblem(response, 404);
    expect(response.body.type).toMatch(/movie-not-found$/);
  });

  it.each(['0', '-5', 'abc', String(2 ** 53), '1.5', '1e3', '0x10', '+7', '007', '2147483648'])(
    'refuses the movie id %s with a 400 problem',
    async (id) => {
      const response = await get(`/movies/${id}`);
      expectProblem(response, 400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'tmdbId' })]);
    },
  );

  it('needs a token', async () => {
    const response = await api.request('GET', '/api/v1/movies/popular');
    expectProblem(response, 401);
  });

  it("merges each caller's own flags into the same cached page, never sharing them", async () => {
    const first = await get('/movies/popular?page=3');
    const [a, b] = first.body.items.map((movie: { tmdbId: number }) => movie.tmdbId);
    expect((await api.request('PUT', `/api/v1/me/favorites/${a}`, { token: USER_TOKEN })).status).toBe(201);
    expect((await api.request('PUT', `/api/v1/me/ratings/${b}`, { token: USER_TOKEN, body: { stars: 3.5 } })).status).toBe(201);
    expect((await api.request('PUT', `/api/v1/me/ratings/${a}`, { token: ADMIN_TOKEN, body: { stars: 1 } })).status).toBe(201);
    expect((await api.request('PUT', `/api/v1/me/watchlist/${b}`, { token: USER_TOKEN })).status).toBe(201);
    expect((await api.request('PUT', `/api/v1/me/watchlist/${a}`, { token: ADMIN_TOKEN })).status).toBe(201);
    const upstreamBefore = tmdb.countMatching(/^GET \/3\/movie\/popular$/);

    const user = await get('/movies/popular?page=3');
    const admin = await get('/movies/popular?page=3', ADMIN_TOKEN);
    expect([user.headers.get('x-cache'), admin.headers.get('x-cache')]).toEqual(['HIT', 'HIT']);
    expect(tmdb.countMatching(/^GET \/3\/movie\/popular$/)).toBe(upstreamBefore);
    const flags = (body: { items: Array<{ tmdbId: number; favorite: boolean; inWatchlist: boolean; myRating: number | null }> }) =>
      body.items
        .filter((movie) => movie.tmdbId === a || movie.tmdbId === b)
        .map(({ tmdbId, favorite, inWatchlist, myRating }) => ({ tmdbId, favorite, inWatchlist, myRating }));
    expect(flags(user.body)).toEqual([
      { tmdbId: a, favorite: true, inWatchlist: false, myRating: null },
      { tmdbId: b, favorite: false, inWatchlist: true, myRating: 3.5 },
    ]);
    expect(flags(admin.body)).toEqual([
      { tmdbId: a, favorite: false, inWatchlist: true, myRating: 1 },
      { tmdbId: b, favorite: false, inWatchlist: false, myRating: null },
    ]);
    const details = await get(`/movies/${a}`);
    expect(details.body).toMatchObject({ favorite: true, inWatchlist: false, myRating: null });
    expect((await get(`/movies/${a}`, ADMIN_TOKEN)).body).toMatchObject({ favorite: false, inWatchlist: true, myRating: 1 });
    expect((await get(`/movies/${b}`)).body).toMatchObject({ favorite: false, inWatchlist: true, myRating: 3.5 });
  });
});
