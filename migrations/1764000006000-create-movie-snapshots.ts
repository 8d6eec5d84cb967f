import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One copy of each favorited or watchlisted movie's TMDB details, shared by
 * all users: lists answer from it at once and refresh it in the background
 * when it is older than the cache TTL. `shape` is the version of our mapped
 * details held in `details`; a release that changes the mapping bumps it, and
 * rows of another shape are fetched again rather than shown.
 */
export class CreateMovieSnapshots1764000006000 implements MigrationInterface {
  name = 'CreateMovieSnapshots1764000006000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE movie_snapshots (
        tmdb_id integer PRIMARY KEY CHECK (tmdb_id > 0),
        shape smallint NOT NULL,
        details jsonb NOT NULL,
        fetched_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE movie_snapshots`);
  }
}
