import { ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { parse } from 'yaml';
import { findFreePort } from '../../dev/embedded-database';
import { AirtableSimulator, startAirtableSimulator } from '../../simulators/airtable/airtable-simulator';
import { NotionSimulator, startNotionSimulator } from '../../simulators/notion/notion-simulator';
import { startTmdbSimulator, TmdbSimulator } from '../../simulators/tmdb/tmdb-simulator';
import { expectProblem, send } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { airtableSettings, notionSettings, tmdbSettings } from '../../simulators/simulator-settings';

/**
 * Two instances of the BUILT service (`node dist/src/main.js`, as in the image,
 * NODE_ENV=production) side by side on one PostgreSQL database and, when
 * REDIS_URL is set, one Redis: what several replicas behind an ingress need.
 * The upstreams are simulators started here, shared by both instances.
 */
const root = resolve(__dirname, '../..');
const redisUrl = process.env.REDIS_URL;
const RATE_LIMIT = 12;
// Production refuses static tokens under 32 characters.
const ADMIN_TOKEN = 'replica-admin-token-0123456789abcdef';
const USER_TOKEN = 'replica-user-token-0123456789abcdefg';
const LIMITED_TOKEN = 'replica-limit-token-0123456789abcdef';
const STATIC_API_TOKENS = `${ADMIN_TOKEN}:admin:ADMIN,${USER_TOKEN}:consumer:USER,${LIMITED_TOKEN}:limited:USER`;
const popularRequests = () => tmdb.countMatching(/^GET \/3\/movie\/popular$/);
/** The chart's commands, read from values.yaml so that the test runs what the CronJob would. */
const chartValues = parse(readFileSync(join(root, 'helm/cinemateca/values.yaml'), 'utf8'));
const values = { syncCommand: chartValues.sync.cronJob.command as string[] };

interface Instance {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let database: TestDatabase;
let tmdb: TmdbSimulator;
let notion: NotionSimulator;
let airtable: AirtableSimulator;
let workDir: string;
let baseEnv: Record<string, string>;
let firstMigration: string;
let a: Instance;
let b: Instance;
const started: Instance[] = [];

/** `npm run build`, unless dist/ is newer than every source it is built from. */
function ensureBuilt(): void {
  const main = join(root, 'dist/src/main.js');
  const newest = (path: string): number => {
    const stat = statSync(path);
    if (!stat.isDirectory()) return stat.mtimeMs;
    return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
  };
  const sources = ['src', 'migrations', 'package.json', 'tsconfig.json', 'tsconfig.build.json'].map((path) => join(root, path));
  if (existsSync(main) && statSync(main).mtimeMs > Math.max(...sources.map(newest))) return;
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8', timeout: 180_000 });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
}

function nodeEnv(extra: Record<string, string>): Record<string, string> {
  // From scratch: nothing of the test runner's environment (DATABASE_URL, REDIS_URL...) leaks in.
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: workDir, ...extra };
}

async function startInstance(name: string): Promise<Instance> {
  const port = await findFreePort();
  // The working directory is an empty temporary one: the service must need nothing from it and write nothing to it.
  const child = spawn(process.execPath, [join(root, 'dist/src/main.js')], {
    cwd: workDir,
    env: nodeEnv({ ...baseEnv, PORT: String(port) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) =>
    child.once('exit', (code, signal) => resolveExit({ code, signal })),
  );
  const instance: Instance = { name, url: `http://127.0.0.1:${port}`, child, output: () => output, exited };
  started.push(instance);
  return instance;
}

async function runMigrations(): Promise<string> {
  const command = join(root, 'dist/src/tools/run-migrations.cli.js');
  const { stdout } = await promisify(execFile)(process.execPath, [command], { cwd: workDir, env: nodeEnv(baseEnv), timeout: 30_000 });
  return stdout;
}

/** A one-shot command of the image (the CronJob's), with the instances' settings. */
function runCommand(command: string[]): { child: ChildProcess; stdout: () => string; exited: Promise<{ code: number | null }> } {
  const [program, script] = command;
  expect(program).toBe('node');
  const child = spawn(process.execPath, [join(root, script)], { cwd: workDir, env: nodeEnv(baseEnv), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null }>((resolveExit) => child.once('exit', (code) => resolveExit({ code })));
  return { child, stdout: () => stdout + (stderr ? `\n[stderr] ${stderr}` : ''), exited };
}

async function waitReady(instance: Instance, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (instance.child.exitCode !== null) throw new Error(`${instance.name} exited ${instance.child.exitCode}:\n${instance.output()}`);
    const response = await fetch(`${instance.url}/health/ready`).catch(() => undefined);
    if (response?.status === 200) return;
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  throw new Error(`${instance.name} not ready within ${timeoutMs} ms:\n${instance.output()}`);
}

async function stop(instance: Instance): Promise<void> {
  if (instance.child.exitCode !== null || instance.child.signalCode !== null) return;
  instance.child.kill('SIGTERM');
  const timer = setTimeout(() => instance.child.kill('SIGKILL'), 5000);
  await instance.exited;
  clearTimeout(timer);
}

beforeAll(async () => {
  ensureBuilt();
  workDir = mkdtempSync(join(tmpdir(), 'cinemateca-replicas-'));
  [database, tmdb, notion, airtable] = await Promise.all([
    createTestDatabase(),
    startTmdbSimulator(),
    startNotionSimulator(),
    startAirtableSimulator(),
  ]);
  baseEnv = {
    NODE_ENV: 'production',
    DATABASE_URL: database.url,
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    REDIS_KEY_PREFIX: `test:replicas:${randomBytes(4).toString('hex')}:`,
    JWT_SECRET: randomBytes(32).toString('base64url'),
    STATIC_API_TOKENS,
    CORS_ORIGINS: 'https://app.example',
    RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
    CACHE_TTL_SECONDS: '60',
    CACHE_STALE_TTL_SECONDS: '120',
    UPSTREAM_RETRIES: '1',
    UPSTREAM_TIMEOUT_MS: '3000',
    ...tmdbSettings(tmdb),
    ...notionSettings(notion),
    ...airtableSettings(airtable),
    SYNC_ON_STARTUP: 'false',
    SYNC_INTERVAL_MINUTES: '0',
    NOTION_RECONCILE_MINUTES: '0',
    LOG_LEVEL: 'warn',
  };
  // What the Helm hook / the compose one-shot does; the production instances never migrate themselves.
  firstMigration = await runMigrations();
  if (!redisUrl) {
    console.warn(
      'test/deploy/replicas: REDIS_URL IS NOT SET: the instances cache and count rate limits each in process; the shared-state assertions are replaced by what holds without Redis',
    );
  }
}, 240_000);

afterAll(async () => {
  await Promise.all(started.map((instance) => stop(instance)));
  await Promise.all([database?.drop(), tmdb?.close(), notion?.close(), airtable?.close()]);
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the built service, production settings', () => {
  it('refuses to start without its required settings, in one clear line', async () => {
    const missing = spawnSync(process.execPath, [join(root, 'dist/src/main.js')], {
      cwd: workDir,
      env: nodeEnv({ NODE_ENV: 'production' }),
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(missing.status).toBe(1);
    const lines = missing.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(
        /^cinemateca: Invalid settings: .*DATABASE_URL, JWT_SECRET, TMDB_API_TOKEN, CORS_ORIGINS must be set when NODE_ENV=production/,
      ),
    ]);
  });

  it('migrates once with the migration command (the hook), and a second run finds nothing to do', async () => {
    expect(firstMigration).toMatch(/^applied \w+/);
    expect((await runMigrations()).trim()).toBe('no pending migrations');
  });
});

describe('two instances side by side', () => {
  beforeAll(async () => {
    // Started at once, as a rollout does: both create the static tokens' users concurrently.
    [a, b] = await Promise.all([startInstance('A'), startInstance('B')]);
    await Promise.all([waitReady(a), waitReady(b)]);
  }, 60_000);

  it('both serve /health/ready on the one database (and the one Redis when configured)', async () => {
    for (const instance of [a, b]) {
      const ready = await send(instance.url, 'GET', '/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.info.database.status).toBe('up');
      expect(ready.body.info.cache).toEqual(
        redisUrl ? { status: 'up', backend: 'redis', state: 'connected' } : { status: 'up', backend: 'memory', state: 'in-process' },
      );
      const live = await send(instance.url, 'GET', '/health/live');
      expect(live.status).toBe(200);
    }
    // Both ran in production mode, so neither migrated at startup: the migration command above did it once.
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const applied = await client.query('SELECT name FROM schema_migrations');
      const names = applied.rows.map((row: { name: string }) => row.name);
      expect(new Set(names).size).toBe(names.length);
    } finally {
      await client.end();
    }
  });

  it('accepts a login token issued by one instance on the other', async () => {
    const credentials = {
      username: `replica${randomBytes(3).toString('hex')}`,
      email: `replica${randomBytes(3).toString('hex')}@example.com`,
      password: 'correct horse battery',
    };
    expect((await send(a.url, 'POST', '/api/v1/auth/register', { body: credentials })).status).toBe(201);
    const login = await send(a.url, 'POST', '/api/v1/auth/login', {
      body: { username: credentials.username, password: credentials.password },
    });
    expect(login.status).toBe(200);
    const me = await send(b.url, 'GET', '/api/v1/auth/me', { token: login.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.username).toBe(credentials.username);
  });

  it(redisUrl ? 'shares one rate limit across instances through Redis' : 'limits each instance on its own (no REDIS_URL)', async () => {
    const hit = (instance: Instance) => send(instance.url, 'GET', '/api/v1/auth/me', { token: LIMITED_TOKEN });
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT; i++) statuses.push((await hit(i % 2 === 0 ? a : b)).status);
    expect(statuses).toEqual(Array(RATE_LIMIT).fill(200));
    if (redisUrl) {
      // Half the requests went to each, yet the shared count is at the limit: both refuse now.
      for (const instance of [a, b]) {
        const refused = await hit(instance);
        expect(refused.status).toBe(429);
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    } else {
      // Each has counted only its half: A goes on to its own limit, then refuses.
      const more: number[] = [];
      for (let i = 0; i < RATE_LIMIT / 2 + 1; i++) more.push((await hit(a)).status);
      expect(more).toEqual([...Array(RATE_LIMIT / 2).fill(200), 429]);
    }
  });

  it(
    redisUrl
      ? 'serves a TMDB page cached through one instance as a HIT through the other'
      : 'caches TMDB pages per instance (no REDIS_URL)',
    async () => {
      const path = '/api/v1/movies/popular?page=7';
      const before = popularRequests();
      const first = await send(a.url, 'GET', path, { token: USER_TOKEN });
      expect({ status: first.status, cache: first.headers.get('x-cache') }).toEqual({ status: 200, cache: 'MISS' });
      expect(popularRequests()).toBe(before + 1);

      const second = await send(b.url, 'GET', path, { token: USER_TOKEN });
      expect(second.status).toBe(200);
      expect(second.body.items).toEqual(first.body.items);
      if (redisUrl) {
        expect(second.headers.get('x-cache')).toBe('HIT');
        expect(popularRequests()).toBe(before + 1);
      } else {
        expect(second.headers.get('x-cache')).toBe('MISS');
        expect(popularRequests()).toBe(before + 2);
      }
    },
  );

  it('runs an Airtable import triggered on both instances at once only once: one 200, the other 409 naming the run', async () => {
    // Slow Airtable answers keep the winner's run (and its advisory lock) going while the other asks.
    airtable.faults({ latencyMs: 200 });
    try {
      const [fromA, fromB] = await Promise.all(
        [a, b].map((instance) => send(instance.url, 'POST', '/api/v1/orders/sync?wait=20', { token: ADMIN_TOKEN })),
      );
      const [won, lost] = fromA.status === 409 ? [fromB, fromA] : [fromA, fromB];
      expect(won.status).toBe(200);
      expect(won.body).toEqual(expect.objectContaining({ trigger: 'api', status: 'succeeded', created: expect.any(Number) }));
      expect(won.body.created).toBeGreaterThan(0);
      expectProblem(lost, 409);
      expect(lost.body.runId).toBe(won.body.id);
    } finally {
      airtable.clearFaults();
    }
    const runs = await send(b.url, 'GET', '/api/v1/orders/sync/runs', { token: ADMIN_TOKEN });
    expect(runs.status).toBe(200);
    expect(runs.body.totalItems).toBe(1);
  });

  it('runs a Notion reconciliation asked of both instances at once only once: one 200, the other 409', async () => {
    // Slow Notion answers keep the winner's reconciliation (and its advisory lock) going while the other asks.
    notion.faults({ latencyMs: 300 });
    try {
      const answers = await Promise.all(
        [a, b].map((instance) => send(instance.url, 'POST', '/api/v1/reviews/reconcile', { token: ADMIN_TOKEN })),
      );
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      const [won, lost] = answers[0].status === 200 ? answers : [answers[1], answers[0]];
      expect(won.body).toEqual(expect.objectContaining({ checked: expect.any(Number), recreated: 0, updated: 0, archived: 0 }));
      expectProblem(lost, 409);
    } finally {
      notion.clearFaults();
    }
  });

  it('shares the import lock with the CronJob command: while `sync-orders.cli.js` imports, both instances answer 409 naming its run', async () => {
    // Slow Airtable answers keep the command's run going; its first Airtable request means the run is recorded and locked.
    airtable.faults({ latencyMs: 1000 });
    try {
      const before = airtable.requestCount();
      const command = runCommand(values.syncCommand);
      await waitFor(async () => airtable.requestCount() > before || command.child.exitCode !== null, 30_000);
      const answers = await Promise.all(
        [a, b].map((instance) => send(instance.url, 'POST', '/api/v1/orders/sync?wait=0', { token: ADMIN_TOKEN })),
      );
      const finished = await command.exited;
      expect({ code: finished.code, stdout: command.stdout() }).toEqual({
        code: 0,
        stdout: expect.stringMatching(/^sync:orders run \d+ succeeded/),
      });
      const runId = Number(/^sync:orders run (\d+)/.exec(command.stdout())?.[1]);
      for (const answer of answers) {
        expectProblem(answer, 409);
        expect(answer.body.runId).toBe(runId);
      }
    } finally {
      airtable.clearFaults();
    }
    const runs = await send(a.url, 'GET', '/api/v1/orders/sync/runs', { token: ADMIN_TOKEN });
    expect(runs.body.items[0]).toEqual(expect.objectContaining({ trigger: 'cli', status: 'succeeded' }));
  });

  it('on SIGTERM finishes the requests in flight (an upstream call, a database write), then exits 0 having written nothing to disk', async () => {
    // Two requests made slow for real: a TMDB page behind simulator latency, and registering a
    // name whose row another transaction holds uncommitted (the INSERT waits on its lock).
    const username = `slow${randomBytes(3).toString('hex')}`;
    const email = `${username}@example.com`;
    const holder = new Client({ connectionString: database.url });
    const observer = new Client({ connectionString: database.url });
    await Promise.all([holder.connect(), observer.connect()]);
    try {
      await holder.query('BEGIN');
      await holder.query(`INSERT INTO users (username, email, password_hash, role) VALUES ($1, $2, NULL, 'USER')`, [username, email]);
      const popularBefore = popularRequests();
      tmdb.faults({ latencyMs: 1500 });
      const movies = send(b.url, 'GET', '/api/v1/movies/popular?page=11', { token: USER_TOKEN });
      const register = send(b.url, 'POST', '/api/v1/auth/register', { body: { username, email, password: 'correct horse battery' } });
      await waitFor(async () => {
        const waiting = await observer.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE 'INSERT INTO%users%'`,
        );
        return waiting.rows[0].n > 0 && popularRequests() > popularBefore;
      }, 10_000);

      const signalledAt = Date.now();
      b.child.kill('SIGTERM');
      await new Promise((resolveWait) => setTimeout(resolveWait, 300));
      expect(b.child.exitCode).toBeNull();
      await holder.query('ROLLBACK');

      const [moviesResponse, registerResponse] = await Promise.all([movies, register]);
      expect({ status: moviesResponse.status, cache: moviesResponse.headers.get('x-cache') }).toEqual({ status: 200, cache: 'MISS' });
      expect(moviesResponse.body.items.length).toBeGreaterThan(0);
      expect({ status: registerResponse.status, username: registerResponse.body.username }).toEqual({ status: 201, username });
      const exit = await b.exited;
      expect({ exit, output: b.output() }).toEqual({ exit: { code: 0, signal: null }, output: expect.any(String) });
      // Well within the pods' termination grace period.
      expect(Date.now() - signalledAt).toBeLessThan(10_000);
    } finally {
      tmdb.clearFaults();
      await holder.query('ROLLBACK').catch(() => undefined);
      await Promise.all([holder.end(), observer.end()]);
    }
    // The other instance is unaffected, and no instance wrote to its working directory.
    expect((await send(a.url, 'GET', '/health/ready')).status).toBe(200);
    expect(readdirSync(workDir)).toEqual([]);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
