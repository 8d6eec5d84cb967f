import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SyncRunStatus, SyncTrigger } from '../sync-run.types';

/** The `order_sync_runs` table: one row per Airtable import run. */
@Entity({ name: 'order_sync_runs' })
export class SyncRunEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  trigger: SyncTrigger;

  @Column({ name: 'full_pass', type: 'boolean' })
  fullPass: boolean;

  @Column({ name: 'mass_delete_allowed', type: 'boolean' })
  massDeleteAllowed: boolean;

  @Column({ type: 'varchar', length: 16 })
  status: SyncRunStatus;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ name: 'modified_since', type: 'timestamptz', nullable: true })
  modifiedSince: Date | null;

  @Column({ name: 'high_water_mark', type: 'timestamptz', nullable: true })
  highWaterMark: Date | null;

  @Column({ type: 'integer' })
  fetched: number;

  @Column({ type: 'integer' })
  created: number;

  @Column({ type: 'integer' })
  updated: number;

  @Column({ type: 'integer' })
  unchanged: number;

  @Column({ type: 'integer' })
  deleted: number;

  @Column({ name: 'withheld_deletions', type: 'integer' })
  withheldDeletions: number;

  @Column({ type: 'integer' })
  skipped: number;

  @Column({ type: 'integer' })
  incomplete: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;
}
