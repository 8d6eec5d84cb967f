import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { OpenApiFuzzer, Operation } from '../fuzz/openapi-fuzzer';
import { databaseFingerprint } from '../support/database-fingerprint';
import { ADMIN_TOKEN, expectProblem, startTestApp, TestApp, USER_TOKEN } from '../support/test-app';

/**
 * OWASP API Security Top 10 checks that hold for every route, driven by
 * openapi.json so a new route cannot escape them: authentication (API2),
 * function-level authorization (API5), object-level authorization on user ids
 * (API1), mass assignment (API3/API6), no internals in errors (API8).
 */
const document = JSON.parse(readFileSync(resolve(__dirname, '../../openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation & { security?: unknown[]; 'x-required-role'?: string }>>;
};
const operations = Object.entries(document.paths).flatMap(([template, item]) =>
  Object.entries(item).map(([method, operation]) => ({ template, method: method.toUpperCase(), operation })),
);
const secured = operations.filter(({ operation }) => (operation.security?.length ?? 0) > 0);
const adminOnly = operations.filter(({ operation }) => operation['x-required-role'] === 'ADMIN');
const withBody = operations.filter(({ operation }) => operation.requestBody?.content?.['application/json']);
const fuzzer = new OpenApiFuzzer(document, 7);

describe('API security (every route of openapi.json)', () => {
  let api: TestApp;
  let db: Client;

  beforeAll(async () => {
    // Every secured route is tried with forged tokens from one client: the failure limit would answer 429 past 20.
    api = await startTestApp({
      RATE_LIMIT_PER_MINUTE: '1000000',
      AUTH_FAILURES_PER_MINUTE: '100000',
      UPSTREAM_RETRIES: '0',
      UPSTREAM_TIMEOUT_MS: '500',
    });
    db = new Client({ connectionString: api.database!.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await api?.close();
  });

  it('has routes to check', () => {
    expect(secured.length).toBeGreaterThan(0);
  });

  it.each(secured.map((entry) => [`${entry.method} ${entry.template}`, entry] as const))(
    '%s refuses anonymous and forged callers with 401',
    async (_name, { template, method, operation }) => {
      const path = fuzzer.plausiblePath(template, operation);
      const body = fuzzer.plausibleBody(operation);
      const attempts: Array<Record<string, string>> = [
        {},
        { authorization: 'Bearer forged-token-123' },
        { authorization: 'Basic YWRtaW46YWRtaW4=' },
      ];
      for (const headers of attempts) {
        const response = await api.request(method, path, { body, headers });
        expectProblem(response, 401);
      }
    },
  );

  it('forbids every admin route to a USER, changing nothing', async () => {
    expect(adminOnly.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const { template, method, operation } of adminOnly) {
      const before = await databaseFingerprint(db);
      const response = await api.request(method, fuzzer.plausiblePath(template, operation), {
        token: USER_TOKEN,
        body: fuzzer.plausibleBody(operation),
      });
      if (response.status !== 403 || !response.headers.get('content-type')?.includes('problem+json'))
        failures.push(`${method} ${template} -> ${response.status}`);
      if ((await databaseFingerprint(db)) !== before) failures.push(`${method} ${template} changed the database`);
    }
    expect(failures).toEqual([]);
  });

  it.each(withBody.map((entry) => [`${entry.method} ${entry.template}`, entry] as const))(
    '%s rejects mass assignment of role, userId and id',
    async (_name, { template, method, operation }) => {
      const before = await databaseFingerprint(db);
      const body = { ...fuzzer.plausibleBody(operation), role: 'ADMIN', userId: 1, id: 999_999, isAdmin: true };
      const response = await api.request(method, fuzzer.plausiblePath(template, operation), { token: ADMIN_TOKEN, body });
      expectProblem(response, 400);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(expect.arrayContaining(['role', 'isAdmin']));
      expect(await databaseFingerprint(db)).toBe(before);
    },
  );

  it("refuses a USER acting on another user's data on every /users/{userId} route", async () => {
    const userRoutes = operations.filter(({ template }) => template.includes('{userId}'));
    expect(userRoutes.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const { template, method, operation } of userRoutes) {
      const before = await databaseFingerprint(db);
      const response = await api.request(method, template.replace('{userId}', '1'), {
        token: USER_TOKEN,
        body: fuzzer.plausibleBody(operation),
      });
      if (response.status !== 403) failures.push(`${method} ${template} -> ${response.status}`);
      if ((await databaseFingerprint(db)) !== before) failures.push(`${method} ${template} changed the database`);
    }
    expect(failures).toEqual([]);
  });
});
