import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { startAirtableSimulator, AirtableSimulator } from '../../simulators/airtable/airtable-simulator';
import { startNotionSimulator, NotionSimulator } from '../../simulators/notion/notion-simulator';
import { startTmdbSimulator, TmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';
import { SnapshotRefresher } from '../../src/movie-snapshots/snapshot-refresher';
import { databaseFingerprint } from '../support/database-fingerprint';
import { ADMIN_TOKEN, startTestApp, TestApp, USER_TOKEN } from '../support/test-app';
import { OpenApiFuzzer } from './openapi-fuzzer';
import { airtableSettings, notionSettings, tmdbSettings } from '../../simulators/simulator-settings';

const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const VARIANTS_PER_OPERATION = Number(process.env.FUZZ_VARIANTS ?? 60);

/** An accepted POST /orders/sync may still be importing in the background; rejected requests are judged after it. */
async function waitForBackgroundImports(client: Client): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const { rows } = await client.query(`SELECT count(*)::int AS running FROM order_sync_runs WHERE status = 'running'`);
    if (rows[0].running === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('an orders import is still running after 10 s');
}

describe('fuzzing every operation of openapi.json', () => {
  let tmdb: TmdbSimulator;
  let notion: NotionSimulator;
  let airtable: AirtableSimulator;
  let api: TestApp;
  let db: Client;

  beforeAll(async () => {
    tmdb = await startTmdbSimulator();
    notion = await startNotionSimulator({ requestsPerSecond: 0 });
    airtable = await startAirtableSimulator({ records: 50, requestsPerSecond: 0 });
    api = await startTestApp({
      RATE_LIMIT_PER_MINUTE: '1000000',
      ...tmdbSettings(tmdb),
      ...notionSettings(notion),
      ...airtableSettings(airtable),
      UPSTREAM_RETRIES: '0',
      // Linking TMDb accounts is configured, so its routes are fuzzed past the 503 they answer without a key.
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    });
    db = new Client({ connectionString: api.database!.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await api?.close();
    await Promise.all([tmdb?.close(), notion?.close(), airtable?.close()]);
  });

  // Once as a USER (every admin route must refuse, never half-act) and once as an ADMIN (every route reached).
  it.each([
    ['USER', USER_TOKEN],
    ['ADMIN', ADMIN_TOKEN],
  ])(
    'as %s: never answers 5xx, answers every 4xx as problem+json, and changes nothing when it rejects',
    async (role, token) => {
      const document = JSON.parse(readFileSync(resolve(__dirname, '../../openapi.json'), 'utf8'));
      const adminOnly = new Set(
        Object.entries(document.paths as Record<string, Record<string, { 'x-required-role'?: string }>>).flatMap(([template, item]) =>
          Object.entries(item)
            .filter(([, operation]) => operation['x-required-role'] === 'ADMIN')
            .map(([method]) => `${method.toUpperCase()} ${template}`),
        ),
      );
      const requests = new OpenApiFuzzer(document, SEED).generate(VARIANTS_PER_OPERATION);
      const failures: string[] = [];
      const statusCounts = new Map<number, number>();

      for (const request of requests) {
        const headers: Record<string, string> = { authorization: `Bearer ${token}` };
        let body: string | undefined = request.rawBody;
        if (request.body !== undefined) body = JSON.stringify(request.body);
        if (body !== undefined) headers['content-type'] = request.contentType ?? 'application/json';
        const mutating = request.method !== 'GET';
        // Lists refresh movie snapshots in the background; let those land before the database is fingerprinted.
        if (mutating) await Promise.all([waitForBackgroundImports(db), api.app.get(SnapshotRefresher).idle()]);
        const before = mutating ? await databaseFingerprint(db) : '';
        const response = await fetch(api.url + request.path, { method: request.method, headers, body });
        const text = await response.text();
        statusCounts.set(response.status, (statusCounts.get(response.status) ?? 0) + 1);
        const where = `${request.method} ${request.path.slice(0, 120)} -> ${response.status}`;

        if (response.status >= 500) failures.push(`${where}: ${text.slice(0, 200)}`);
        if (response.status >= 400) {
          if (!(response.headers.get('content-type') ?? '').includes('application/problem+json'))
            failures.push(`${where}: not problem+json`);
          if (/at .+\.(ts|js):\d+|QueryFailedError|SELECT |stack/.test(text)) failures.push(`${where}: leaks internals`);
          if ([tmdb.token, notion.token, airtable.token].some((secret) => text.includes(secret)))
            failures.push(`${where}: leaks an upstream secret`);
        }
        if (role === 'USER' && adminOnly.has(`${request.method} ${request.template}`) && response.status < 400) {
          failures.push(`${where}: an admin route answered a USER`);
        }
        if (mutating && response.status >= 400 && (await databaseFingerprint(db)) !== before) {
          failures.push(`${where}: the database changed for a rejected request`);
        }
      }
      console.log(
        `fuzz as ${role}: ${requests.length} requests (seed ${SEED}); statuses ${JSON.stringify(Object.fromEntries([...statusCounts].sort()))}`,
      );
      expect(failures).toEqual([]);
      expect(requests.length).toBeGreaterThan(100);
    },
    600_000,
  );
});
