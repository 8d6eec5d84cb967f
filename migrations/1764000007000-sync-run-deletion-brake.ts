import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deletion brake of full passes: how many deletions a run withheld because they would have removed more
 * than SYNC_MAX_DELETE_RATIO of the orders, and whether an admin allowed the run to go past it.
 */
export class SyncRunDeletionBrake1764000007000 implements MigrationInterface {
  name = 'SyncRunDeletionBrake1764000007000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE order_sync_runs
        ADD COLUMN withheld_deletions integer NOT NULL DEFAULT 0,
        ADD COLUMN mass_delete_allowed boolean NOT NULL DEFAULT false`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE order_sync_runs DROP COLUMN mass_delete_allowed, DROP COLUMN withheld_deletions`);
  }
}
