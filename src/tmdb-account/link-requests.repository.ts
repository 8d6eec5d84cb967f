import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A link a user started: who, until when, and whether a link was made from it already. */
export interface LinkRequest {
  userId: number;
  expiresAt: Date;
  consumedAt: Date | null;
}

/** Requests kept per user; older ones are forgotten (each lives 15 minutes at TMDb anyway). */
const REQUESTS_PER_USER = 5;

/** The table keeps a digest, never the token: what comes back in a PUT is hashed and looked up. */
export const requestTokenDigest = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

@Injectable()
export class LinkRequestsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async add(userId: number, requestToken: string, now: Date, expiresAt: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO tmdb_link_requests (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`, [
        requestTokenDigest(requestToken),
        userId,
        now,
        expiresAt,
      ]);
      await manager.query(
        `DELETE FROM tmdb_link_requests WHERE user_id = $1 AND token_hash NOT IN (
           SELECT token_hash FROM tmdb_link_requests WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2)`,
        [userId, REQUESTS_PER_USER],
      );
    });
  }

  async find(requestToken: string): Promise<LinkRequest | undefined> {
    const rows: Array<{ user_id: number; expires_at: Date; consumed_at: Date | null }> = await this.dataSource.query(
      `SELECT user_id, expires_at, consumed_at FROM tmdb_link_requests WHERE token_hash = $1`,
      [requestTokenDigest(requestToken)],
    );
    const row = rows[0];
    return row && { userId: row.user_id, expiresAt: row.expires_at, consumedAt: row.consumed_at };
  }

  /** After TMDb spent the token without a link coming of it: a second PUT must not look like a resumable one. */
  async forget(requestToken: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM tmdb_link_requests WHERE token_hash = $1`, [requestTokenDigest(requestToken)]);
  }
}
