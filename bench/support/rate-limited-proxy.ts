import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BaseRateLimiter } from '../../simulators/airtable/base-rate-limiter';

export interface RateLimitedProxy {
  /** Where to point TMDB_BASE_URL (the upstream's API root behind this proxy). */
  readonly apiRoot: string;
  /** Requests received and requests refused with 429, since the last reset. */
  counts(): { received: number; refused: number };
  reset(): void;
  close(): Promise<void>;
}

/**
 * TMDB's per-IP limit in front of the TMDB simulator: at most `requestsPerSecond` requests in any one-second
 * window, the rest refused with 429 and TMDB's body, and every request counted, so the benchmark can say how
 * many 429s the service drew.
 */
export async function startRateLimitedProxy(target: string, requestsPerSecond: number): Promise<RateLimitedProxy> {
  const limiter = new BaseRateLimiter(requestsPerSecond, 0);
  let received = 0;
  let refused = 0;
  const server: Server = createServer((request, response) => {
    received += 1;
    if (!limiter.admit()) {
      refused += 1;
      response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
      response.end(
        JSON.stringify({ success: false, status_code: 25, status_message: 'Your request count (#) is over the allowed limit of (40).' }),
      );
      return;
    }
    fetch(new URL(request.url ?? '/', target), {
      headers: { authorization: request.headers.authorization ?? '', accept: 'application/json' },
    })
      .then(async (upstream) => {
        const body = Buffer.from(await upstream.arrayBuffer());
        response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
        response.end(body);
      })
      .catch(() => {
        response.writeHead(502).end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    apiRoot: `http://127.0.0.1:${port}/3`,
    counts: () => ({ received, refused }),
    reset: () => {
      received = 0;
      refused = 0;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
