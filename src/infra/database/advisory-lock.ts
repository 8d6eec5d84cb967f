import { DataSource, QueryRunner } from 'typeorm';

/** A PostgreSQL advisory lock key: one bigint, or a (class, object) pair of integers. */
export type AdvisoryLockKey = { readonly bigint: string } | { readonly classId: number; readonly objectId: number };

/** A session lock and the connection holding it; work written through `connection` dies with the lock. */
export interface HeldAdvisoryLock {
  readonly connection: QueryRunner;
  release(): Promise<void>;
}

const lockCall = (fn: string, key: AdvisoryLockKey): [string, unknown[]] =>
  'bigint' in key
    ? [`SELECT ${fn}($1::bigint) AS locked`, [key.bigint]]
    : [`SELECT ${fn}($1::int, $2::int) AS locked`, [key.classId, key.objectId]];

/**
 * Tries a session-level advisory lock on a connection of its own, held until `release()`: it spans many
 * transactions, and dies with the session if the process or its connection does, so a crashed replica never
 * blocks the others. Undefined when another session holds it.
 */
export async function tryAdvisoryLock(dataSource: DataSource, key: AdvisoryLockKey): Promise<HeldAdvisoryLock | undefined> {
  const connection = dataSource.createQueryRunner();
  try {
    const [sql, parameters] = lockCall('pg_try_advisory_lock', key);
    const [row] = (await connection.query(sql, parameters)) as { locked: boolean }[];
    if (!row.locked) {
      await connection.release();
      return undefined;
    }
  } catch (error) {
    await connection.release();
    throw error;
  }
  const release = async () => {
    try {
      const [sql, parameters] = lockCall('pg_advisory_unlock', key);
      await connection.query(sql, parameters);
    } catch {
      // The session ends when the pool drops the connection, and the lock with it.
    } finally {
      await connection.release().catch(() => undefined);
    }
  };
  return { connection, release };
}
