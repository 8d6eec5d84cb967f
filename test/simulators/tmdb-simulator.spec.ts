import axios, { AxiosInstance } from 'axios';
import http from 'node:http';
import { startTmdbSimulator, TmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';
import { TmdbMovieDetails, TmdbMovieListItem, TmdbPage } from '../../simulators/tmdb/tmdb-api-types';

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

const DETAIL_KEYS = [
  'adult',
  'backdrop_path',
  'belongs_to_collection',
  'budget',
  'genres',
  'homepage',
  'id',
  'imdb_id',
  'original_language',
  'original_title',
  'overview',
  'popularity',
  'poster_path',
  'production_companies',
  'release_date',
  'revenue',
  'runtime',
  'spoken_languages',
  'status',
  'tagline',
  'title',
  'video',
  'vote_average',
  'vote_count',
];

const INVALID_PAGE = {
  success: false,
  status_code: 22,
  status_message: 'Invalid page: Pages start at 1 and max at 500. They are expected to be an integer.',
};
const NOT_FOUND = { success: false, status_code: 34, status_message: 'The resource you requested could not be found.' };

type MoviePage = TmdbPage<TmdbMovieListItem>;

describe('TMDB simulator', () => {
  let sim: TmdbSimulator;
  let tmdb: AxiosInstance;

  const list = async (path: string, params: Record<string, unknown> = {}): Promise<MoviePage> => {
    const response = await tmdb.get<MoviePage>(path, { params });
    expect(response.status).toBe(200);
    return response.data;
  };

  const expectSorted = (values: Array<number | string>, direction: 'asc' | 'desc') => {
    const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(values).toEqual(direction === 'asc' ? sorted : sorted.reverse());
  };

  beforeAll(async () => {
    sim = await startTmdbSimulator();
    tmdb = axios.create({
      baseURL: sim.apiRoot,
      headers: { Authorization: `Bearer ${sim.token}` },
      validateStatus: () => true,
    });
  });

  afterAll(async () => {
    await sim.close();
  });

  afterEach(() => sim.clearFaults());

  describe('authentication', () => {
    const invalidKey = { status_code: 7, status_message: 'Invalid API key: You must be granted a valid key.', success: false };

    it('refuses a request without a bearer token', async () => {
      const response = await axios.get(`${sim.apiRoot}/movie/popular`, { validateStatus: () => true });
      expect(response.status).toBe(401);
      expect(response.data).toEqual(invalidKey);
    });

    it('refuses a wrong token, even on a route that does not exist', async () => {
      for (const path of ['/movie/550', '/no/such/route']) {
        const response = await axios.get(`${sim.apiRoot}${path}`, {
          headers: { Authorization: 'Bearer not-the-token' },
          validateStatus: () => true,
        });
        expect(response.status).toBe(401);
        expect(response.data).toEqual(invalidKey);
      }
    });

    it('serves /3 under apiRoot with the default token', async () => {
      expect(sim.token).toBe('tmdb-simulator-token');
      expect(sim.apiRoot).toBe(`${sim.url}/3`);
      expect((await tmdb.get('/configuration')).status).toBe(200);
    });
  });

  it('serves the image configuration and the genre list', async () => {
    const configuration = (await tmdb.get('/configuration')).data;
    expect(configuration.images.secure_base_url).toBe('https://image.tmdb.org/t/p/');
    expect(configuration.images.poster_sizes).toContain('w500');
    for (const key of ['backdrop_sizes', 'logo_sizes', 'profile_sizes', 'still_sizes'])
      expect(configuration.images[key].length).toBeGreaterThan(0);
    expect(configuration.change_keys).toContain('title');

    const { genres } = (await tmdb.get('/genre/movie/list')).data;
    expect(genres).toHaveLength(19);
    expect(genres).toEqual(
      expect.arrayContaining([
        { id: 28, name: 'Action' },
        { id: 18, name: 'Drama' },
        { id: 878, name: 'Science Fiction' },
      ]),
    );
  });

  describe('popular', () => {
    it('answers pages of exactly 20 list items, most popular first, with more than 500 pages', async () => {
      const first = await list('/movie/popular', { language: 'en-US', region: 'US' });
      expect(first.page).toBe(1);
      expect(first.results).toHaveLength(20);
      expect(first.total_pages).toBeGreaterThan(500);
      expect(first.total_pages).toBe(Math.ceil(first.total_results / 20));
      for (const item of first.results) expect(Object.keys(item).sort()).toEqual(LIST_ITEM_KEYS);
      expectSorted(
        first.results.map((movie) => movie.popularity),
        'desc',
      );
      expect(first.results.map((movie) => movie.title)).toContain('Interstellar');

      const second = await list('/movie/popular', { page: 2 });
      expect(second.results[0].popularity).toBeLessThanOrEqual(first.results[19].popularity);
      expect(second.results.map((movie) => movie.id)).not.toContain(first.results[0].id);
    });

    it('serves a full page 500 and never lists adult titles', async () => {
      const last = await list('/movie/popular', { page: 500 });
      expect(last.page).toBe(500);
      expect(last.results).toHaveLength(20);
      expect(last.results.every((movie) => !movie.adult)).toBe(true);
    });
  });

  describe('page bounds', () => {
    it.each(['/movie/popular', '/discover/movie', '/search/movie'])('%s refuses page 0, 501 and "abc" as TMDB does today', async (path) => {
      for (const page of ['0', '501', 'abc', '-1']) {
        const response = await tmdb.get(path, { params: { page, query: 'the' } });
        expect([page, response.status]).toEqual([page, 400]);
        expect(response.data).toEqual(INVALID_PAGE);
      }
    });

    it('answers the legacy 422 errors array when asked to', async () => {
      const legacy = await startTmdbSimulator({ pageErrorStyle: 'legacy-errors-array' });
      try {
        const get = (page: string) =>
          axios.get(`${legacy.apiRoot}/movie/popular`, {
            params: { page },
            headers: { Authorization: `Bearer ${legacy.token}` },
            validateStatus: () => true,
          });
        const tooFar = await get('501');
        expect(tooFar.status).toBe(422);
        expect(tooFar.data).toEqual({ errors: ['page must be less than or equal to 500'], success: false });
        const tooLow = await get('0');
        expect(tooLow.status).toBe(422);
        expect(tooLow.data).toEqual({ errors: ['page must be greater than 0'], success: false });
        expect((await get('500')).status).toBe(200);
      } finally {
        await legacy.close();
      }
    });
  });

  describe('discover', () => {
    it('filters by genre: comma means all of them, pipe means any of them', async () => {
      const action = await list('/discover/movie', { with_genres: '28' });
      expect(action.results).toHaveLength(20);
      expect(action.results.every((movie) => movie.genre_ids.includes(28))).toBe(true);

      const actionSciFi = await list('/discover/movie', { with_genres: '28,878' });
      expect(actionSciFi.results.every((movie) => movie.genre_ids.includes(28) && movie.genre_ids.includes(878))).toBe(true);
      expect(actionSciFi.total_results).toBeLessThan(action.total_results);

      const actionOrComedy = await list('/discover/movie', { with_genres: '28|35' });
      expect(actionOrComedy.results.every((movie) => movie.genre_ids.includes(28) || movie.genre_ids.includes(35))).toBe(true);
      expect(actionOrComedy.total_results).toBeGreaterThan(action.total_results);

      const everything = await list('/discover/movie');
      const notAction = await list('/discover/movie', { without_genres: '28' });
      expect(action.total_results + notAction.total_results).toBe(everything.total_results);
    });

    it('filters by release year (primary_release_year and year)', async () => {
      const of1999 = await list('/discover/movie', { primary_release_year: 1999, sort_by: 'popularity.desc' });
      expect(of1999.results.every((movie) => movie.release_date.startsWith('1999-'))).toBe(true);
      expect(of1999.results.map((movie) => movie.title)).toEqual(expect.arrayContaining(['The Matrix', 'Fight Club']));
      expect(of1999.total_results).toBeLessThan((await list('/discover/movie')).total_results);

      const viaYear = await list('/discover/movie', { year: 1999 });
      expect(viaYear.total_results).toBe(of1999.total_results);
    });

    it('hides adult titles unless include_adult=true', async () => {
      const withoutAdult = await list('/discover/movie', { include_adult: false });
      const withAdult = await list('/discover/movie', { include_adult: true });
      expect(withAdult.total_results).toBeGreaterThan(withoutAdult.total_results);

      let adultSeen: TmdbMovieListItem | undefined;
      for (let page = 1; page <= 10 && !adultSeen; page += 1) {
        const [hidden, shown] = await Promise.all([
          list('/discover/movie', { page, sort_by: 'vote_count.asc' }),
          list('/discover/movie', { page, sort_by: 'vote_count.asc', include_adult: true }),
        ]);
        expect(hidden.results.some((movie) => movie.adult)).toBe(false);
        adultSeen = shown.results.find((movie) => movie.adult);
      }
      expect(adultSeen).toBeDefined();
    });

    it('hides video titles unless include_video=true', async () => {
      const [hidden, shown] = await Promise.all([
        list('/discover/movie', { include_video: false }),
        list('/discover/movie', { include_video: true }),
      ]);
      expect(shown.total_results).toBeGreaterThan(hidden.total_results);
      const [firstHidden, firstShown] = await Promise.all([
        list('/discover/movie', { sort_by: 'vote_count.asc', primary_release_year: 2015 }),
        list('/discover/movie', { sort_by: 'vote_count.asc', primary_release_year: 2015, include_video: true }),
      ]);
      expect(firstHidden.results.some((movie) => movie.video)).toBe(false);
      expect(firstShown.total_results).toBeGreaterThan(firstHidden.total_results);
    });

    it.each([
      ['popularity.asc', 'popularity', 'asc'],
      ['popularity.desc', 'popularity', 'desc'],
      ['vote_average.desc', 'vote_average', 'desc'],
      ['vote_average.asc', 'vote_average', 'asc'],
      ['vote_count.desc', 'vote_count', 'desc'],
      ['primary_release_date.desc', 'release_date', 'desc'],
      ['release_date.asc', 'release_date', 'asc'],
    ] as const)('sorts by %s', async (sortBy, field, direction) => {
      const page = await list('/discover/movie', { sort_by: sortBy, page: 3 });
      expect(page.results).toHaveLength(20);
      expectSorted(
        page.results.map((movie) => movie[field]),
        direction,
      );
    });

    it('sorts by title and keeps sorting across pages', async () => {
      const first = await list('/discover/movie', { sort_by: 'title.asc', primary_release_year: 2010 });
      const titles = first.results.map((movie) => movie.title.toLowerCase());
      expectSorted(titles, 'asc');
      const second = await list('/discover/movie', { sort_by: 'title.asc', primary_release_year: 2010, page: 2 });
      expect(second.results[0].title.toLowerCase() >= titles[19]).toBe(true);
    });

    it('filters by votes and original language, and sorts by revenue', async () => {
      const page = await list('/discover/movie', {
        'vote_count.gte': 1000,
        'vote_average.gte': 7,
        with_original_language: 'en',
        sort_by: 'revenue.desc',
      });
      expect(page.total_results).toBeGreaterThan(20);
      expect(page.results.every((movie) => movie.vote_count >= 1000 && movie.vote_average >= 7 && movie.original_language === 'en')).toBe(
        true,
      );
      expect(page.results[0].title).toBe('Avatar');
      expectSorted(
        page.results.map((movie) => sim.movieDetails(movie.id)?.revenue ?? -1),
        'desc',
      );
    });

    it('falls back to popularity.desc for a sort it does not know', async () => {
      const unknown = await list('/discover/movie', { sort_by: 'shoe_size.desc' });
      const popular = await list('/discover/movie', { sort_by: 'popularity.desc' });
      expect(unknown.results.map((movie) => movie.id)).toEqual(popular.results.map((movie) => movie.id));
    });
  });

  describe('search', () => {
    it('matches titles ignoring case and accents, exact match first', async () => {
      const matrix = await list('/search/movie', { query: 'MATRIX' });
      expect(matrix.results[0]).toMatchObject({ id: 603, title: 'The Matrix', release_date: '1999-03-31' });
      expect(matrix.results.every((movie) => movie.title.toLowerCase().includes('matrix'))).toBe(true);

      const amelie = await list('/search/movie', { query: 'amelie' });
      expect(amelie.results.map((movie) => movie.id)).toContain(194);

      const byOriginalTitle = await list('/search/movie', { query: 'cidade de deus' });
      expect(byOriginalTitle.results.map((movie) => movie.title)).toEqual(['City of God']);
    });

    it('pages results 20 at a time and filters by year', async () => {
      const the = await list('/search/movie', { query: 'the' });
      expect(the.total_results).toBeGreaterThan(40);
      expect(the.results).toHaveLength(20);
      expect(the.results.every((movie) => movie.title.toLowerCase().includes('the'))).toBe(true);

      const of2001 = await list('/search/movie', { query: 'the', year: 2001 });
      expect(of2001.total_results).toBeGreaterThan(0);
      expect(of2001.total_results).toBeLessThan(the.total_results);
      expect(of2001.results.every((movie) => movie.release_date.startsWith('2001'))).toBe(true);

      const pastTheEnd = await list('/search/movie', { query: 'matrix', page: 3 });
      expect(pastTheEnd).toEqual({ page: 3, results: [], total_pages: 1, total_results: 1 });
    });

    it('finds nothing, without an error, when the query is missing or matches nothing', async () => {
      const empty = { page: 1, results: [], total_pages: 1, total_results: 0 };
      expect(await list('/search/movie')).toEqual(empty);
      expect(await list('/search/movie', { query: '   ' })).toEqual(empty);
      expect(await list('/search/movie', { query: 'zzqx no such film' })).toEqual(empty);
    });
  });

  describe('movie details', () => {
    it('answers full details and appended videos, credits and watch providers', async () => {
      const response = await tmdb.get('/movie/550', {
        params: { language: 'en-US', append_to_response: 'videos,credits,watch/providers' },
      });
      expect(response.status).toBe(200);
      const movie = response.data;
      for (const key of DETAIL_KEYS) expect(movie).toHaveProperty(key);
      expect(movie).toMatchObject({
        id: 550,
        title: 'Fight Club',
        release_date: '1999-10-15',
        runtime: 139,
        imdb_id: 'tt0137523',
        status: 'Released',
        genres: [
          { id: 18, name: 'Drama' },
          { id: 53, name: 'Thriller' },
        ],
      });

      const trailer = movie.videos.results.find((video: { type: string }) => video.type === 'Trailer');
      expect(trailer).toMatchObject({ site: 'YouTube', iso_639_1: 'en', official: true });
      expect(trailer.key).toMatch(/^[\w-]{11}$/);
      for (const key of ['iso_3166_1', 'name', 'size', 'published_at', 'id']) expect(trailer).toHaveProperty(key);

      expect(movie.credits.cast).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'Brad Pitt', character: 'Tyler Durden', order: 1 })]),
      );
      expect(movie.credits.crew).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'David Fincher', job: 'Director', department: 'Directing' })]),
      );
      for (const person of [...movie.credits.cast, ...movie.credits.crew]) expect(person).toHaveProperty('profile_path');

      const providers = movie['watch/providers'].results;
      expect(Object.keys(providers).length).toBeGreaterThanOrEqual(2);
      expect(providers.US.link).toBe('https://www.themoviedb.org/movie/550-fight-club/watch?locale=US');
      expect(providers.US.flatrate[0]).toEqual({
        logo_path: expect.stringMatching(/^\/\w+\.jpg$/),
        provider_id: expect.any(Number),
        provider_name: expect.any(String),
        display_priority: expect.any(Number),
      });
      expect(providers.US.rent.length + providers.US.buy.length).toBeGreaterThan(0);
    });

    it('adds only what append_to_response asks for', async () => {
      const plain: TmdbMovieDetails & Record<string, unknown> = (await tmdb.get('/movie/603')).data;
      expect(plain.title).toBe('The Matrix');
      expect(plain).not.toHaveProperty('videos');
      expect(plain).not.toHaveProperty('credits');
      expect(plain.belongs_to_collection).toMatchObject({ id: 2344, name: 'The Matrix Collection' });

      const withCredits = (await tmdb.get('/movie/603', { params: { append_to_response: 'credits,keywords' } })).data;
      expect(withCredits.credits.cast.length).toBeGreaterThan(0);
      expect(withCredits).not.toHaveProperty('videos');
    });

    it('refuses more than 20 appended responses with status 27', async () => {
      const many = Array.from({ length: 21 }, (_, i) => `extra${i}`).join(',');
      const response = await tmdb.get('/movie/550', { params: { append_to_response: many } });
      expect(response.status).toBe(400);
      expect(response.data).toEqual({
        success: false,
        status_code: 27,
        status_message: 'Too many append to response objects: The maximum number of remote calls is 20.',
      });
    });

    it('keeps appended videos to the request language unless include_video_language widens it', async () => {
      const korean = (await tmdb.get('/movie/496243', { params: { language: 'ko-KR', append_to_response: 'videos' } })).data;
      expect(korean.videos.results.map((video: { iso_639_1: string }) => video.iso_639_1)).toEqual(['ko']);
      const both = (
        await tmdb.get('/movie/496243', { params: { language: 'ko-KR', include_video_language: 'ko,en', append_to_response: 'videos' } })
      ).data;
      expect(new Set(both.videos.results.map((video: { iso_639_1: string }) => video.iso_639_1))).toEqual(new Set(['ko', 'en']));
    });

    it('has details for every listed movie, consistent with the list item', async () => {
      const ids = sim.movieIds();
      expect(ids).toHaveLength(12_000);
      expect(new Set(ids).size).toBe(ids.length);
      expect(sim.sampleMovieIds().length).toBeGreaterThanOrEqual(30);

      const page = await list('/movie/popular', { page: 250 });
      for (const item of page.results.slice(0, 5)) {
        const details = (await tmdb.get(`/movie/${item.id}`)).data;
        expect(details).toMatchObject({
          id: item.id,
          title: item.title,
          popularity: item.popularity,
          release_date: item.release_date,
          poster_path: item.poster_path,
        });
        expect(details.genres.map((genre: { id: number }) => genre.id)).toEqual(item.genre_ids);
        expect(sim.movieDetails(item.id)).toEqual(details);
      }
    });

    it('keeps synthetic ids and their movies stable across runs', async () => {
      const firstSynthetic = sim.movieIds()[sim.sampleMovieIds().length];
      expect(firstSynthetic).toBe(1_100_030);
      expect(sim.movieDetails(firstSynthetic)?.title).toBe("Olivia's Highway");
      const lastId = sim.movieIds()[sim.movieIds().length - 1];
      expect(lastId).toBe(1_686_213);
      expect(sim.movieDetails(lastId)?.title).toBe('Winter in the Marsh');
    });

    it.each(['/movie/999999999', '/movie/0', '/movie/-3', '/movie/abc', '/movie/abc/credits', '/tv/popular', '/movie/550/nope'])(
      '%s answers 404 with status_code 34',
      async (path) => {
        const response = await tmdb.get(path);
        expect(response.status).toBe(404);
        expect(response.data).toEqual(NOT_FOUND);
      },
    );

    it('serves videos, credits and watch providers as their own endpoints too', async () => {
      const credits = (await tmdb.get('/movie/27205/credits')).data;
      expect(credits.id).toBe(27205);
      expect(credits.cast[0].name).toBe('Leonardo DiCaprio');
      const providers = (await tmdb.get('/movie/27205/watch/providers')).data;
      expect(Object.keys(providers.results)).toEqual(['DE', 'US']);
      const videos = (await tmdb.get('/movie/27205/videos')).data;
      expect(videos.results.length).toBeGreaterThan(0);
    });
  });

  describe('injected faults', () => {
    it('answers 429 with Retry-After and TMDB status 25, then recovers', async () => {
      sim.faults({ rateLimitNext: 1, retryAfterSeconds: 7 });
      const limited = await tmdb.get('/movie/popular');
      expect(limited.status).toBe(429);
      expect(limited.headers['retry-after']).toBe('7');
      expect(limited.data).toEqual({
        status_code: 25,
        status_message: 'Your request count (#) is over the allowed limit of (40).',
        success: false,
      });
      expect((await tmdb.get('/movie/popular')).status).toBe(200);
    });

    it.each([
      [503, 9, 'Service offline: This service is temporarily offline, try again later.'],
      [504, 24, 'Your request to the backend server timed out. Try again.'],
      [500, 11, 'Internal error: Something went wrong, contact TMDB.'],
      [502, 43, "Couldn't connect to the backend server."],
    ])('renders an injected %i as TMDB status %i', async (status, code, message) => {
      sim.faults({ failNext: 1, status, match: /^GET \/3\/movie\/550$/ });
      expect((await tmdb.get('/movie/603')).status).toBe(200);
      const failed = await tmdb.get('/movie/550');
      expect(failed.status).toBe(status);
      expect(failed.data).toEqual({ success: false, status_code: code, status_message: message });
      expect((await tmdb.get('/movie/550')).status).toBe(200);
    });
  });

  it('counts requests by method and path', async () => {
    const before = sim.countMatching(/^GET \/3\/search\/movie$/);
    const total = sim.requestCount();
    await tmdb.get('/search/movie', { params: { query: 'dune' } });
    await tmdb.get('/search/movie', { params: { query: 'coco' } });
    await tmdb.get('/movie/438631');
    expect(sim.countMatching(/^GET \/3\/search\/movie$/)).toBe(before + 2);
    expect(sim.requests.get('GET /3/movie/438631')).toBe(1);
    expect(sim.requestCount()).toBe(total + 3);
  });

  it('stops listening on close()', async () => {
    const other = await startTmdbSimulator({ token: 'other-token' });
    const url = `${other.apiRoot}/configuration`;
    expect((await axios.get(url, { headers: { Authorization: 'Bearer other-token' } })).status).toBe(200);
    await other.close();
    // A fresh connection: a pooled keep-alive socket would fail with ECONNRESET instead.
    const fresh = { headers: { Authorization: 'Bearer other-token' }, httpAgent: new http.Agent({ keepAlive: false }) };
    await expect(axios.get(url, fresh)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
