import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startTmdbSimulator, TmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';
import { startTestApp, TestApp, USER_TOKEN } from '../support/test-app';
import { tmdbSettings } from '../../simulators/simulator-settings';

const eventually = async (check: () => Promise<boolean>, timeoutMs = 5000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
};

/**
 * The per-user flags merged into movie lists are kept in each replica; a write
 * anywhere must show everywhere (at once here, through Redis elsewhere).
 */
describe('per-user flags cache (two replicas, one database)', () => {
  let tmdb: TmdbSimulator;
  let first: TestApp;
  let second: TestApp;
  const withRedis = Boolean(process.env.REDIS_URL);

  beforeAll(async () => {
    tmdb = await startTmdbSimulator();
    const shared = { ...tmdbSettings(tmdb), RATE_LIMIT_PER_MINUTE: '100000', REDIS_KEY_PREFIX: `test:${randomBytes(4).toString('hex')}:` };
    first = await startTestApp(shared);
    second = await startTestApp({ ...shared, DATABASE_URL: first.database!.url });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await tmdb?.close();
  });

  const flagsOn = async (api: TestApp, tmdbId: number) => {
    const response = await api.request('GET', '/api/v1/movies/popular?page=1', { token: USER_TOKEN });
    const movie = response.body.items.find((item: { tmdbId: number }) => item.tmdbId === tmdbId);
    return { favorite: movie.favorite as boolean, inWatchlist: movie.inWatchlist as boolean, myRating: movie.myRating as number | null };
  };

  it('shows a write at once on the replica that made it, and on the other through Redis', async () => {
    const popular = await first.request('GET', '/api/v1/movies/popular?page=1', { token: USER_TOKEN });
    const tmdbId: number = popular.body.items[0].tmdbId;
    expect(await flagsOn(first, tmdbId)).toEqual({ favorite: false, inWatchlist: false, myRating: null });
    expect(await flagsOn(second, tmdbId)).toEqual({ favorite: false, inWatchlist: false, myRating: null });

    expect((await first.request('PUT', `/api/v1/me/favorites/${tmdbId}`, { token: USER_TOKEN })).status).toBe(201);
    expect((await first.request('PUT', `/api/v1/me/ratings/${tmdbId}`, { token: USER_TOKEN, body: { stars: 4.5 } })).status).toBe(201);
    expect(await flagsOn(first, tmdbId)).toEqual({ favorite: true, inWatchlist: false, myRating: 4.5 });
    if (withRedis) {
      expect(
        await eventually(async () => (await flagsOn(second, tmdbId)).favorite && (await flagsOn(second, tmdbId)).myRating === 4.5),
      ).toBe(true);
    }

    expect((await second.request('DELETE', `/api/v1/me/favorites/${tmdbId}`, { token: USER_TOKEN })).status).toBe(204);
    expect(await flagsOn(second, tmdbId)).toEqual({ favorite: false, inWatchlist: false, myRating: 4.5 });
    if (withRedis) expect(await eventually(async () => !(await flagsOn(first, tmdbId)).favorite)).toBe(true);
  });

  it('shows a watchlist write at once on the replica that made it, and on the other through Redis', async () => {
    const popular = await first.request('GET', '/api/v1/movies/popular?page=1', { token: USER_TOKEN });
    const tmdbId: number = popular.body.items[2].tmdbId;
    // Both replicas hold the user's flags in memory before the write.
    expect((await flagsOn(first, tmdbId)).inWatchlist).toBe(false);
    expect((await flagsOn(second, tmdbId)).inWatchlist).toBe(false);

    expect((await first.request('PUT', `/api/v1/me/watchlist/${tmdbId}`, { token: USER_TOKEN })).status).toBe(201);
    expect((await flagsOn(first, tmdbId)).inWatchlist).toBe(true);
    expect((await first.request('GET', `/api/v1/movies/${tmdbId}`, { token: USER_TOKEN })).body.inWatchlist).toBe(true);
    if (withRedis) expect(await eventually(async () => (await flagsOn(second, tmdbId)).inWatchlist)).toBe(true);

    expect((await second.request('DELETE', `/api/v1/me/watchlist/${tmdbId}`, { token: USER_TOKEN })).status).toBe(204);
    expect((await flagsOn(second, tmdbId)).inWatchlist).toBe(false);
    if (withRedis) expect(await eventually(async () => !(await flagsOn(first, tmdbId)).inWatchlist)).toBe(true);
  });

  it('asks the database for users with more marks than it keeps', async () => {
    const ids = Array.from({ length: 2100 }, (_, index) => 900_000 + index);
    await first.app
      .get(DataSource)
      .query(`INSERT INTO favorites (user_id, tmdb_id, title) SELECT 1, id, 'm' || id FROM unnest($1::int[]) AS ids (id)`, [ids]);
    const admin = await first.request('GET', '/api/v1/movies/popular?page=1', { token: 'abcdef1234567890' });
    expect(admin.status).toBe(200);
    expect(admin.body.items.every((item: { favorite: boolean }) => item.favorite === false)).toBe(true);
    // Not cached: a direct database change shows at once.
    const tmdbId: number = admin.body.items[1].tmdbId;
    await first.app.get(DataSource).query(`INSERT INTO favorites (user_id, tmdb_id, title) VALUES (1, $1, 'x')`, [tmdbId]);
    const after = await first.request('GET', '/api/v1/movies/popular?page=1', { token: 'abcdef1234567890' });
    expect(after.body.items[1].favorite).toBe(true);
  });
});
