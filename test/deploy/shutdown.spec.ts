import { Agent, get, IncomingHttpHeaders } from 'node:http';
import { startTmdbSimulator, TmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';
import { startTestApp, TestApp, USER_TOKEN } from '../support/test-app';
import { tmdbSettings } from '../../simulators/simulator-settings';

/**
 * Shutdown with a keep-alive client, as an ingress controller is: the answer to a
 * request in flight says `Connection: close`, so the connection does not outlive it
 * and closing the server does not wait for the client's idle timeout (Fastify's
 * keep-alive timeout is 72 s, beyond a pod's termination grace period).
 */
let tmdb: TmdbSimulator;
let app: TestApp | undefined;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(async () => {
  tmdb = await startTmdbSimulator();
  app = await startTestApp({ ...tmdbSettings(tmdb), UPSTREAM_RETRIES: '0' });
});

afterAll(async () => {
  agent.destroy();
  await app?.close();
  await tmdb.close();
});

function getWithKeepAlive(url: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolveResponse, reject) => {
    get(url, { agent, headers: { authorization: `Bearer ${USER_TOKEN}` } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolveResponse({ status: response.statusCode ?? 0, headers: response.headers, body }));
    }).on('error', reject);
  });
}

it('keeps connections alive while serving, answers a request in flight at shutdown with Connection: close, and closes promptly', async () => {
  const running = app as TestApp;
  const warmup = await getWithKeepAlive(`${running.url}/health/live`);
  expect({ status: warmup.status, connection: warmup.headers.connection }).toEqual({ status: 200, connection: 'keep-alive' });

  tmdb.faults({ latencyMs: 800 });
  const before = tmdb.countMatching(/^GET \/3\/movie\/popular$/);
  const inFlight = getWithKeepAlive(`${running.url}/api/v1/movies/popular?page=4`);
  const deadline = Date.now() + 5000;
  while (tmdb.countMatching(/^GET \/3\/movie\/popular$/) === before && Date.now() < deadline)
    await new Promise((resolveWait) => setTimeout(resolveWait, 20));
  expect(tmdb.countMatching(/^GET \/3\/movie\/popular$/)).toBe(before + 1);

  const closingStartedAt = Date.now();
  app = undefined;
  const closed = running.close();
  const response = await inFlight;
  expect(response.status).toBe(200);
  expect(response.headers.connection).toBe('close');
  expect(JSON.parse(response.body).items.length).toBeGreaterThan(0);
  await closed;
  expect(Date.now() - closingStartedAt).toBeLessThan(5000);
});
