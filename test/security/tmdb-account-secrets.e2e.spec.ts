import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { CredentialBox } from '../../src/tmdb-account/credential-box';
import { startTmdbSimulator, TmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';
import { ApiResponse, startTestApp, TestApp } from '../support/test-app';
import { controlClock, linkAccount, linkTestEnv, REFRESH_SECONDS, USERS } from '../e2e/tmdb-account.helpers';

/**
 * The TMDb access token and session id of a linked user never leave the
 * process: not in a response, a log line (captured here at trace level from
 * the logger's own writes), an error or a metric; in the database they are sealed.
 */
describe('linked TMDb account credentials stay secret', () => {
  const key = randomBytes(32);
  const logged: string[] = [];
  const responses: ApiResponse[] = [];
  const original = { write: fs.write, writeSync: fs.writeSync };
  let tmdb: TmdbSimulator;
  let api: TestApp;
  let db: Client;

  beforeAll(async () => {
    // pino writes through sonic-boom, which calls fs.write/fs.writeSync on fds 1 and 2: keep those lines here.
    const capture = (fd: number, data: unknown) =>
      (fd === 1 || fd === 2) && (logged.push(Buffer.isBuffer(data) ? data.toString('utf8') : String(data)), true);
    (fs as { write: unknown }).write = (fd: number, data: unknown, ...rest: unknown[]) => {
      if (!capture(fd, data)) return (original.write as (...args: unknown[]) => void)(fd, data, ...rest);
      const callback = rest.find((arg) => typeof arg === 'function') as ((error: null, written: number) => void) | undefined;
      process.nextTick(() => callback?.(null, Buffer.byteLength(data as string)));
    };
    (fs as { writeSync: unknown }).writeSync = (fd: number, data: unknown, ...rest: unknown[]) =>
      capture(fd, data) ? Buffer.byteLength(data as string) : (original.writeSync as (...args: unknown[]) => number)(fd, data, ...rest);

    tmdb = await startTmdbSimulator({ catalogSize: 100 });
    api = await startTestApp({ ...linkTestEnv(tmdb, { ENCRYPTION_KEY: key.toString('base64') }), LOG_LEVEL: 'trace' });
    db = new Client({ connectionString: api.database!.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await api?.close();
    await tmdb?.close();
    fs.write = original.write;
    fs.writeSync = original.writeSync;
  });

  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await api.request(method, path, { token, body });
    responses.push(response);
    return response;
  };

  it('appear in no response, log line or metric, and only sealed in the database', async () => {
    const clock = controlClock(api);
    await call('PUT', '/api/v1/me/favorites/550', USERS.ana);
    const { started, completed } = await linkAccount(api, tmdb, USERS.ana, 'moviebuff');
    responses.push(started, completed);
    expect(completed.status).toBe(200);

    const { rows } = await db.query(`SELECT user_id, access_token_sealed, session_id_sealed FROM tmdb_account_links`);
    expect(rows).toHaveLength(1);
    const box = new CredentialBox(key);
    const accessToken = box.open(rows[0].access_token_sealed, { userId: rows[0].user_id, purpose: 'tmdb-access-token' });
    const sessionId = box.open(rows[0].session_id_sealed, { userId: rows[0].user_id, purpose: 'tmdb-session-id' });
    expect(accessToken.length).toBeGreaterThan(20);
    expect(sessionId.length).toBeGreaterThan(20);

    // Every path that touches them: status, writes, TMDb failing, a refresh, revocation, a 409, unlink.
    await call('GET', '/api/v1/me/tmdb-account', USERS.ana);
    await call('PUT', '/api/v1/me/favorites/603', USERS.ana);
    await call('PUT', '/api/v1/me/watchlist/13', USERS.ana);
    tmdb.faults({ failNext: 10, status: 500, match: /^POST \/3\/account/ });
    expect((await call('PUT', '/api/v1/me/favorites/680', USERS.ana)).status).toBe(502);
    tmdb.faults({ failNext: 10, status: 503, match: /^GET \/3\/account/ });
    clock.advance(REFRESH_SECONDS * 1000 + 1000);
    await call('GET', '/api/v1/movies/popular', USERS.ana);
    await call('GET', '/api/v1/me/favorites', USERS.ana);
    tmdb.clearFaults();
    tmdb.revokeAllCredentials('moviebuff');
    expect((await call('PUT', '/api/v1/me/favorites/278', USERS.ana)).status).toBe(409);
    await linkAccount(api, tmdb, USERS.ana, 'moviebuff').then(({ started: s, completed: c }) => responses.push(s, c));
    await call('DELETE', '/api/v1/me/tmdb-account', USERS.ana);
    const metrics = await fetch(`${api.url}/metrics`).then((response) => response.text());
    await new Promise((resolve) => setTimeout(resolve, 100));

    const logText = logged.join('');
    expect(logText).toMatch(/upstream request failed/);
    expect(logText).toMatch(/TMDb account link dropped/);
    for (const secret of [accessToken, sessionId]) {
      expect(responses.filter((response) => response.text.includes(secret)).length).toBe(0);
      expect(logText.includes(secret)).toBe(false);
      expect(metrics.includes(secret)).toBe(false);
      expect(JSON.stringify(rows).includes(secret)).toBe(false);
    }
    expect(logText.includes(tmdb.token)).toBe(false);
  });
});
