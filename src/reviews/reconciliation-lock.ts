import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { tryAdvisoryLock } from '../infra/database/advisory-lock';

/** Advisory-lock class of the reconciliation (key 0): one run at a time across every replica. */
export const RECONCILIATION_LOCK_CLASS = 1_313_821_770;

/** One reconciliation at a time across every replica, held for the whole run (its many transactions). */
@Injectable()
export class ReconciliationLock {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The release function, or undefined when another run holds the lock. */
  async tryAcquire(): Promise<(() => Promise<void>) | undefined> {
    const held = await tryAdvisoryLock(this.dataSource, { classId: RECONCILIATION_LOCK_CLASS, objectId: 0 });
    return held?.release;
  }
}
