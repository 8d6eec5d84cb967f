import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** What ends a user's JWTs early: the user's token version and the ids of single revoked tokens not yet expired. */
export interface UserRevocationState {
  tokenVersion: number;
  /** Undefined when there are more than the caller's limit: then ask `isTokenRevoked` per token. */
  revokedTokenIds?: Set<string>;
}

@Injectable()
export class RevocationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One query; undefined when the user no longer exists. */
  async stateOf(userId: number, maxTokenIds: number): Promise<UserRevocationState | undefined> {
    const rows: Array<{ token_version: number; token_ids: string[] }> = await this.dataSource.query(
      `SELECT u.token_version,
              array(SELECT r.token_id::text FROM revoked_tokens r WHERE r.user_id = u.id AND r.expires_at > now() LIMIT $2) AS token_ids
         FROM users u WHERE u.id = $1`,
      [userId, maxTokenIds + 1],
    );
    if (rows.length === 0) return undefined;
    const [{ token_version: tokenVersion, token_ids: tokenIds }] = rows;
    return { tokenVersion, revokedTokenIds: tokenIds.length > maxTokenIds ? undefined : new Set(tokenIds) };
  }

  async isTokenRevoked(tokenId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM revoked_tokens WHERE token_id = $1`, [tokenId]);
    return rows.length > 0;
  }

  /** Records the revocation and drops the user's rows that have expired on their own. */
  async revokeToken(userId: number, tokenId: string, expiresAt: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM revoked_tokens WHERE user_id = $1 AND expires_at <= now()`, [userId]);
      await manager.query(
        `INSERT INTO revoked_tokens (token_id, user_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT (token_id) DO NOTHING`,
        [tokenId, userId, expiresAt],
      );
    });
  }

  /** Raises the user's token version: every JWT issued before no longer works. Single revocations become moot. */
  async revokeAll(userId: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE users SET token_version = token_version + 1 WHERE id = $1`, [userId]);
      await manager.query(`DELETE FROM revoked_tokens WHERE user_id = $1`, [userId]);
    });
  }
}
