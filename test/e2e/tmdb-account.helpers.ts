import { randomBytes } from 'node:crypto';
import type { TmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';
import { LinkClock } from '../../src/tmdb-account/clock';
import { ADMIN_TOKEN, TestApp, USER_TOKEN } from '../support/test-app';
import { tmdbTestEnv } from '../support/tmdb-test-env';

/** Users of the link tests, each with a static token (created at startup). */
export const USERS = {
  admin: ADMIN_TOKEN,
  consumer: USER_TOKEN,
  ana: 'link-test-ana-0123456789',
  ben: 'link-test-ben-0123456789',
  cleo: 'link-test-cleo-012345678',
  dan: 'link-test-dan-0123456789',
  eve: 'link-test-eve-0123456789',
  fay: 'link-test-fay-0123456789',
} as const;

export const STATIC_API_TOKENS = [
  `${ADMIN_TOKEN}:admin:ADMIN`,
  `${USER_TOKEN}:consumer:USER`,
  ...Object.entries(USERS)
    .filter(([name]) => name !== 'admin' && name !== 'consumer')
    .map(([name, token]) => `${token}:${name}:USER`),
].join(',');

export const REFRESH_SECONDS = 60;

export function linkTestEnv(tmdb: TmdbSimulator, overrides: Record<string, string> = {}): Record<string, string> {
  return tmdbTestEnv(tmdb, {
    STATIC_API_TOKENS,
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    TMDB_ACCOUNT_REFRESH_SECONDS: String(REFRESH_SECONDS),
    ...overrides,
  });
}

/** The app's LinkClock, moved by the test instead of sleeping. */
export function controlClock(api: TestApp, start = Date.now()): { advance(ms: number): void; now(): number } {
  let now = start;
  const clock = api.app.get(LinkClock);
  clock.now = () => new Date(now);
  return { advance: (ms) => (now += ms), now: () => now };
}

/** POST link, approve on the simulator as `account`, PUT: what a user does end to end. */
export async function linkAccount(api: TestApp, tmdb: TmdbSimulator, token: string, account: string) {
  const started = await api.request('POST', '/api/v1/me/tmdb-account/link', { token });
  if (started.status !== 201) throw new Error(`link start answered ${started.status}: ${started.text}`);
  tmdb.approveRequestToken(started.body.requestToken, account);
  const completed = await api.request('PUT', '/api/v1/me/tmdb-account', { token, body: { requestToken: started.body.requestToken } });
  return { started, completed, requestToken: started.body.requestToken as string };
}

export const ids = (items: Array<{ tmdbId: number }>) => items.map((item) => item.tmdbId);
