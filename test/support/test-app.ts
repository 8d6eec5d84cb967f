import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApplication } from '../../src/app.factory';
import { loadSettings, Settings } from '../../src/config/settings';
import { createTestDatabase, TestDatabase } from './test-database';

export const ADMIN_TOKEN = 'abcdef1234567890';
export const USER_TOKEN = '1234567890';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is, for malformed or non-JSON bodies. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly url: string;
  readonly settings: Settings;
  /** The database made for this app; undefined when the caller passed DATABASE_URL. */
  readonly database?: TestDatabase;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

/**
 * The real application on a fresh database, listening on a random loopback
 * port. Uses the Redis that REDIS_URL names (under a key prefix of its own),
 * or the in-process cache when it is unset. A DATABASE_URL in `env` is used as
 * is (the caller owns that database); otherwise a fresh one is made and dropped.
 */
export async function startTestApp(env: Record<string, string | undefined> = {}): Promise<TestApp> {
  const database = env.DATABASE_URL ? undefined : await createTestDatabase();
  const settings = loadSettings({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    REDIS_URL: process.env.REDIS_URL,
    REDIS_KEY_PREFIX: `test:${randomBytes(4).toString('hex')}:`,
    SYNC_ON_STARTUP: 'false',
    SYNC_INTERVAL_MINUTES: '0',
    NOTION_RECONCILE_MINUTES: '0',
    ...env,
    DATABASE_URL: env.DATABASE_URL ?? database?.url,
  });
  let app: NestFastifyApplication;
  try {
    app = await createApplication(settings);
    await app.listen({ port: 0, host: '127.0.0.1' });
  } catch (error) {
    await database?.drop();
    throw error;
  }
  const address = app.getHttpServer().address();
  const url = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
  return {
    app,
    url,
    settings,
    database,
    request: (method, path, options) => send(url, method, path, options),
    close: async () => {
      await app.close();
      await database?.drop();
    },
  };
}

export async function send<T = any>(baseUrl: string, method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(baseUrl + path, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

/** Asserts the RFC 9457 shape every error of the API must have. */
export function expectProblem(response: ApiResponse, status: number): void {
  expect({ status: response.status, contentType: response.headers.get('content-type') }).toEqual({
    status,
    contentType: expect.stringContaining('application/problem+json'),
  });
  expect(response.body).toEqual(
    expect.objectContaining({
      type: expect.any(String),
      title: expect.any(String),
      status,
      detail: expect.any(String),
      instance: expect.any(String),
    }),
  );
  expect(response.text).not.toMatch(/at .+\.(ts|js):\d+|QueryFailedError|SELECT |INSERT /);
}
