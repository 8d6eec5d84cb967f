import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Revocable access tokens: a per-user token version (a JWT carrying an older
 * one no longer works: sign-out everywhere) and the ids of single revoked JWTs,
 * kept until those tokens would have expired anyway.
 */
export class RevocableTokens1764000004000 implements MigrationInterface {
  name = 'RevocableTokens1764000004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`
      CREATE TABLE revoked_tokens (
        token_id uuid PRIMARY KEY,
        user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX revoked_tokens_user_expiry_idx ON revoked_tokens (user_id, expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE revoked_tokens`);
    await queryRunner.query(`ALTER TABLE users DROP COLUMN token_version`);
  }
}
