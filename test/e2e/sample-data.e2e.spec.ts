import { Client } from 'pg';
import { NotionPacer } from '../../src/notion/notion-pacer';
import { loadSampleData, SampleDataOptions } from '../../dev/sample-data';
import { NotionSimulator, startNotionSimulator } from '../../simulators/notion/notion-simulator';
import { notionSettings } from '../../simulators/simulator-settings';
import { startTmdbSimulator, TmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';
import { databaseFingerprint } from '../support/database-fingerprint';
import { ADMIN_TOKEN, startTestApp, TestApp, USER_TOKEN } from '../support/test-app';
import { tmdbTestEnv } from '../support/tmdb-test-env';

/** The development sample data (dev/sample-data.ts), loaded twice through the API of a real app. */
describe('development sample data (e2e)', () => {
  let app: TestApp;
  let tmdb: TmdbSimulator;
  let notion: NotionSimulator;
  let db: Client;
  let options: SampleDataOptions;

  beforeAll(async () => {
    tmdb = await startTmdbSimulator();
    notion = await startNotionSimulator({ requestsPerSecond: 0 });
    app = await startTestApp({ ...tmdbTestEnv(tmdb), ...notionSettings(notion) });
    app.app.get(NotionPacer).configure({ requestsPerSecond: 1000, burst: 1000 });
    db = new Client({ connectionString: app.settings.database.url });
    await db.connect();
    options = { baseUrl: app.url, adminToken: ADMIN_TOKEN, userToken: USER_TOKEN, reconcileNotion: true };
  }, 60_000);
  afterAll(async () => {
    await db?.end();
    await app?.close();
    await Promise.all([tmdb?.close(), notion?.close()]);
  });

  const count = async (table: string) => Number((await db.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  const counts = async () => {
    const tables = ['catalog_movies', 'reviews', 'favorites', 'ratings', 'shared_lists'];
    const result: Record<string, number> = {};
    for (const table of tables) result[table] = await count(table);
    return result;
  };
  const total = async (path: string, token = USER_TOKEN) => (await app.request('GET', path, { token })).body.totalItems as number;

  it('fills the catalog, reviews (with their Notion pages), favorites, a shared list and ratings, then a second load adds nothing', async () => {
    const first = await loadSampleData(options);
    expect(first).toEqual({
      catalogMovies: 36,
      reviews: 24,
      favorites: 8,
      ratings: 10,
      sharedList: 'consumer-picks',
      notionPagesRestored: 0,
      problems: [],
    });
    expect(await total('/api/v1/catalog/movies')).toBe(36);
    expect(await count('reviews')).toBe(24);
    expect(notion.livePages()).toHaveLength(24);
    expect(await total('/api/v1/me/favorites')).toBe(8);
    expect(await total('/api/v1/me/ratings')).toBe(10);
    const shared = await app.request('GET', '/api/v1/shared-lists/consumer-picks');
    expect(shared.status).toBe(200);
    expect(shared.body.items).toHaveLength(8);
    // Every catalog movie came from TMDB: it carries the TMDB id of a movie the simulator has.
    const catalog = await app.request('GET', '/api/v1/catalog/movies?pageSize=100', { token: USER_TOKEN });
    expect(catalog.body.items.every((movie: { tmdbId: number }) => tmdb.movieDetails(movie.tmdbId) !== undefined)).toBe(true);

    const before = await databaseFingerprint(db);
    const second = await loadSampleData(options);
    expect(second).toEqual({ catalogMovies: 0, reviews: 0, favorites: 0, ratings: 0, notionPagesRestored: 0, problems: [] });
    expect(await databaseFingerprint(db)).toBe(before);
    expect(notion.livePages()).toHaveLength(24);
  });

  it('writes the review pages again into an emptied Notion (the simulator restarted) and adds nothing else', async () => {
    const pages = notion.livePages().map((page) => page.id);
    for (const id of pages.slice(0, 5)) notion.trashPage(id);
    const before = await counts();
    const again = await loadSampleData(options);
    expect(again).toEqual(
      expect.objectContaining({ catalogMovies: 0, reviews: 0, favorites: 0, ratings: 0, notionPagesRestored: 5, problems: [] }),
    );
    expect(await counts()).toEqual(before);
    expect(notion.livePages()).toHaveLength(24);
  });

  it('reports a part it could not load and still loads the others', async () => {
    const fresh = await startTestApp({ ...tmdbTestEnv(tmdb) });
    try {
      const report = await loadSampleData({
        baseUrl: fresh.url,
        adminToken: ADMIN_TOKEN,
        userToken: USER_TOKEN,
        catalogMovies: 3,
        reviewedMovies: 1,
      });
      // Notion is not configured in that app: the reviews fail (503), the rest goes in.
      expect(report.problems).toEqual([expect.stringMatching(/^catalog: POST \/api\/v1\/reviews answered 503/)]);
      expect(report).toEqual(expect.objectContaining({ catalogMovies: 3, reviews: 0, favorites: 8, ratings: 10 }));
    } finally {
      await fresh.close();
    }
  });
});
