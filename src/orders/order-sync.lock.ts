import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';

/** Arbitrary, fixed: the advisory lock key of the Airtable import (the stats trigger uses 7301202612). */
const SYNC_LOCK_KEY = '7301202611';

/** The import lock, held by one connection for the whole run; the run writes through that connection. */
export interface HeldSyncLock {
  readonly connection: QueryRunner;
  release(): Promise<void>;
}

/**
 * One import at a time across every replica: a PostgreSQL session advisory
 * lock on a dedicated connection. If the process dies or loses the database,
 * the session ends and the lock goes with it; since the run writes through the
 * same connection, a run that lost its lock cannot write anything more.
 */
@Injectable()
export class OrderSyncLock {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async tryAcquire(): Promise<HeldSyncLock | undefined> {
    const connection = this.dataSource.createQueryRunner();
    try {
      const [row] = (await connection.query(`SELECT pg_try_advisory_lock(${SYNC_LOCK_KEY}::bigint) AS acquired`)) as { acquired: boolean }[];
      if (row.acquired) return { connection, release: () => this.release(connection) };
    } catch (error) {
      await connection.release();
      throw error;
    }
    await connection.release();
    return undefined;
  }

  private async release(connection: QueryRunner): Promise<void> {
    try {
      await connection.query(`SELECT pg_advisory_unlock(${SYNC_LOCK_KEY}::bigint)`);
    } catch {
      // The connection is gone, and the lock with it.
    } finally {
      await connection.release().catch(() => undefined);
    }
  }
}
