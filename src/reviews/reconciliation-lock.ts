import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Advisory-lock class of the reconciliation (key 0): one run at a time across every replica. */
export const RECONCILIATION_LOCK_CLASS = 1_313_821_770;

/**
 * A PostgreSQL session lock held on a connection of its own for the whole run: it spans the run's many
 * transactions, and dies with the session if the process does, so a crashed replica never blocks the others.
 */
@Injectable()
export class ReconciliationLock {
  private readonly logger = new Logger('Reconciliation');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The release function, or undefined when another run holds the lock. */
  async tryAcquire(): Promise<(() => Promise<void>) | undefined> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [row] = (await runner.query(`SELECT pg_try_advisory_lock($1, 0) AS locked`, [RECONCILIATION_LOCK_CLASS])) as { locked: boolean }[];
      if (!row.locked) {
        await runner.release();
        return undefined;
      }
    } catch (error) {
      await runner.release();
      throw error;
    }
    return async () => {
      try {
        await runner.query(`SELECT pg_advisory_unlock($1, 0)`, [RECONCILIATION_LOCK_CLASS]);
      } catch (error) {
        // The session ends when the pool drops the connection, and the lock with it.
        this.logger.warn({ msg: 'could not release the reconciliation lock', error: (error as Error).message });
      } finally {
        await runner.release().catch(() => undefined);
      }
    };
  }
}
