import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Favorites and ratings of TMDB movies per user, and the public names under
 * which users share their favorites. A favorite keeps what TMDB said when it
 * was added (title, release date, poster), so the list can be shown and
 * ordered while TMDB is down.
 */
export class CreateFavoritesRatingsSharedLists1764000001000 implements MigrationInterface {
  name = 'CreateFavoritesRatingsSharedLists1764000001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE favorites (
        user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        tmdb_id integer NOT NULL CHECK (tmdb_id > 0),
        title varchar(500) NOT NULL,
        release_date date,
        poster_path varchar(300),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, tmdb_id)
      )`);
    // Serves the default order of a user's list (release date newest first).
    await queryRunner.query(`CREATE INDEX favorites_user_release_date_idx ON favorites (user_id, release_date DESC NULLS LAST, tmdb_id)`);

    await queryRunner.query(`
      CREATE TABLE ratings (
        user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        tmdb_id integer NOT NULL CHECK (tmdb_id > 0),
        stars numeric(2, 1) NOT NULL CHECK (stars >= 0 AND stars <= 5 AND stars * 2 = trunc(stars * 2)),
        title varchar(500) NOT NULL,
        release_date date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, tmdb_id)
      )`);
    await queryRunner.query(`CREATE INDEX ratings_user_updated_at_idx ON ratings (user_id, updated_at DESC, tmdb_id)`);

    await queryRunner.query(`
      CREATE TABLE shared_lists (
        user_id integer PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        name varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX shared_lists_name_lower_key ON shared_lists (lower(name))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE shared_lists`);
    await queryRunner.query(`DROP TABLE ratings`);
    await queryRunner.query(`DROP TABLE favorites`);
  }
}
