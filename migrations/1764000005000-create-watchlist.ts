import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each user's watchlist: only the movie and when it was added (the movie's
 * details are TMDB's, kept once for all users elsewhere). The index serves the
 * newest-first list; the primary key serves the per-movie flags.
 */
export class CreateWatchlist1764000005000 implements MigrationInterface {
  name = 'CreateWatchlist1764000005000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE watchlist (
        user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        tmdb_id integer NOT NULL CHECK (tmdb_id > 0),
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, tmdb_id)
      )`);
    await queryRunner.query(`CREATE INDEX watchlist_user_added_at_idx ON watchlist (user_id, added_at DESC, tmdb_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE watchlist`);
  }
}
