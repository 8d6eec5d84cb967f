import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HeldAdvisoryLock, tryAdvisoryLock } from '../infra/database/advisory-lock';

/** Arbitrary, fixed: the advisory lock key of the Airtable import (the stats trigger uses 7301202612). */
const SYNC_LOCK_KEY = '7301202611';

/** The import lock, held by one connection for the whole run; the run writes through that connection. */
export type HeldSyncLock = HeldAdvisoryLock;

/**
 * One import at a time across every replica: since the run writes through the
 * connection holding the lock, a run that lost its lock (its session ended)
 * cannot write anything more.
 */
@Injectable()
export class OrderSyncLock {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  tryAcquire(): Promise<HeldSyncLock | undefined> {
    return tryAdvisoryLock(this.dataSource, { bigint: SYNC_LOCK_KEY });
  }
}
