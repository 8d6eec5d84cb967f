import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

/** Refuses anything whose name does not say it is for tests: a test must never touch real data. */
export function assertTestDatabaseName(name: string): void {
  if (!/test/i.test(name)) throw new Error(`refusing to use database "${name}": its name must contain "test"`);
}

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_SERVER_URL;
  if (!url) throw new Error('TEST_DATABASE_SERVER_URL is not set: run the tests through jest (global setup)');
  return url;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function onServer<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabase(serverUrl(), 'postgres') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database for one test file, dropped by `drop()`. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `cinemateca_test_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  assertTestDatabaseName(name);
  await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  return {
    name,
    url: withDatabase(serverUrl(), name),
    drop: () => onServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
