import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A review whose Notion page still has to be brought in line with PostgreSQL (a compensation that failed). */
@Entity({ name: 'notion_pending_syncs' })
export class PendingSyncEntity {
  @PrimaryColumn({ name: 'review_id', type: 'integer' })
  reviewId: number;

  /** Pages known to be involved (e.g. the one a failed create made); others are found by `Review ID`. */
  @Column({ name: 'page_ids', type: 'uuid', array: true, default: () => `'{}'` })
  pageIds: string[];

  @Column({ type: 'varchar', length: 200 })
  reason: string;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
