import type { TmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';
import { tmdbSettings } from '../../simulators/simulator-settings';

/** The settings of an app that talks to a TMDB simulator: fast failures, no rate limit in the way. */
export function tmdbTestEnv(tmdb: TmdbSimulator, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...tmdbSettings(tmdb),
    UPSTREAM_RETRIES: '1',
    UPSTREAM_TIMEOUT_MS: '1000',
    RATE_LIMIT_PER_MINUTE: '100000',
    // Keeps what the tests leave in a shared Redis from lingering for a day.
    CACHE_STALE_TTL_SECONDS: '300',
    ...overrides,
  };
}
