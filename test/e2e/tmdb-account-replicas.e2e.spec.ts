import { randomBytes } from 'node:crypto';
import { startTmdbSimulator, TmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';
import { startTestApp, TestApp } from '../support/test-app';
import { controlClock, linkAccount, linkTestEnv, REFRESH_SECONDS, USERS } from './tmdb-account.helpers';

const eventually = async (check: () => Promise<boolean>, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
};

/**
 * Two replicas on one database and one Redis: a linked user's write on one is
 * in the other's item flags at once, and a link made or dropped on one is known
 * to the other's per-replica cache of who is linked.
 */
describe('linked TMDb accounts on two replicas', () => {
  const withRedis = Boolean(process.env.REDIS_URL);
  let tmdb: TmdbSimulator;
  let a: TestApp;
  let b: TestApp;
  let clockA: ReturnType<typeof controlClock>;
  let clockB: ReturnType<typeof controlClock>;

  beforeAll(async () => {
    tmdb = await startTmdbSimulator({ catalogSize: 200 });
    const env = linkTestEnv(tmdb, {
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      REDIS_KEY_PREFIX: `test:${randomBytes(4).toString('hex')}:`,
    });
    a = await startTestApp(env);
    b = await startTestApp({ ...env, DATABASE_URL: a.database!.url });
    clockA = controlClock(a);
    clockB = controlClock(b, clockA.now());
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await tmdb?.close();
  });

  const flags = async (api: TestApp, tmdbId: number) => {
    const page = await api.request('GET', '/api/v1/movies/popular?page=1', { token: USERS.ana });
    const item = page.body.items.find((one: { tmdbId: number }) => one.tmdbId === tmdbId);
    return { favorite: item.favorite as boolean, inWatchlist: item.inWatchlist as boolean };
  };

  it("shows a write made on one replica in the other's flags, and TMDb's own changes on both once stale", async () => {
    const popular = await a.request('GET', '/api/v1/movies/popular?page=1', { token: USERS.ana });
    const [first, second] = popular.body.items.map((item: { tmdbId: number }) => item.tmdbId) as number[];
    // B learns the user's state (not linked) before the link is made on A.
    expect(await flags(b, first)).toEqual({ favorite: false, inWatchlist: false });

    const { completed } = await linkAccount(a, tmdb, USERS.ana, 'cinephile');
    expect(completed.status).toBe(200);
    expect((await b.request('GET', '/api/v1/me/tmdb-account', { token: USERS.ana })).body.linked).toBe(true);

    expect((await a.request('PUT', `/api/v1/me/favorites/${first}`, { token: USERS.ana })).status).toBe(201);
    expect(tmdb.accountList('cinephile', 'favorite').map((entry) => entry.tmdbId)).toContain(first);
    expect(await flags(a, first)).toEqual({ favorite: true, inWatchlist: false });
    if (withRedis) expect(await eventually(async () => (await flags(b, first)).favorite)).toBe(true);

    // A change on TMDb's site: both replicas show it once their copy is older than the refresh window.
    tmdb.addToAccountList('cinephile', 'watchlist', second);
    clockA.advance(REFRESH_SECONDS * 1000 + 1000);
    clockB.advance(REFRESH_SECONDS * 1000 + 1000);
    expect(await flags(b, second)).toEqual({ favorite: false, inWatchlist: true });
    if (withRedis) expect(await eventually(async () => (await flags(a, second)).inWatchlist)).toBe(true);
    // Only one of them asked TMDb: the other found the copy fresh.
    const reads = tmdb.countMatching(/^GET \/3\/account\/\d+\/watchlist\/movies$/);
    await flags(a, second);
    expect(tmdb.countMatching(/^GET \/3\/account\/\d+\/watchlist\/movies$/)).toBe(reads);
  });

  it('knows on one replica that the user unlinked on the other: writes stay local', async () => {
    expect((await a.request('DELETE', '/api/v1/me/tmdb-account', { token: USERS.ana })).status).toBe(204);
    const popular = await b.request('GET', '/api/v1/movies/popular?page=1', { token: USERS.ana });
    const third: number = popular.body.items[2].tmdbId;
    expect((await b.request('PUT', `/api/v1/me/favorites/${third}`, { token: USERS.ana })).status).toBe(201);
    expect(tmdb.accountList('cinephile', 'favorite').map((entry) => entry.tmdbId)).not.toContain(third);
    expect((await b.request('GET', '/api/v1/me/tmdb-account', { token: USERS.ana })).body).toEqual({ linked: false });
  });
});
