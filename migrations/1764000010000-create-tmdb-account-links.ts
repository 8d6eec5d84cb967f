import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users' links to their own TMDb accounts, and the link requests they started.
 *
 * A link holds TMDb's credentials for the user only sealed (AES-256-GCM under
 * ENCRYPTION_KEY, the user id bound in), one row per user, and one user per
 * TMDb account. `merge_pending` is the durable marker of a merge that has not
 * finished both ways yet: whoever touches the link next (the same PUT again, or
 * a refresh) finishes it before treating TMDb's lists as the truth.
 *
 * A link request keeps only a SHA-256 of TMDb's request token: enough to tell
 * whose it is when it comes back, useless to anyone reading the table.
 */
export class CreateTmdbAccountLinks1764000010000 implements MigrationInterface {
  name = 'CreateTmdbAccountLinks1764000010000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE tmdb_account_links (
        user_id integer PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        account_id integer NOT NULL CHECK (account_id > 0),
        account_object_id varchar(64) NOT NULL,
        username varchar(200) NOT NULL,
        access_token_sealed text NOT NULL,
        session_id_sealed text NOT NULL,
        linked_at timestamptz NOT NULL,
        refreshed_at timestamptz,
        refresh_started_at timestamptz,
        last_write_at timestamptz,
        merge_pending boolean NOT NULL DEFAULT true,
        merge_counts jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX tmdb_account_links_account_id_key ON tmdb_account_links (account_id)`);

    await queryRunner.query(`
      CREATE TABLE tmdb_link_requests (
        token_hash bytea PRIMARY KEY,
        user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        consumed_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX tmdb_link_requests_user_idx ON tmdb_link_requests (user_id, created_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE tmdb_link_requests`);
    await queryRunner.query(`DROP TABLE tmdb_account_links`);
  }
}
