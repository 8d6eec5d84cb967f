import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { requestTokenDigest } from './link-requests.repository';
import { AccountLink, addCounts, MergeCounts, NO_MERGE_COUNTS } from './account-link';

export interface NewLink {
  userId: number;
  accountId: number;
  accountObjectId: string;
  username: string;
  accessTokenSealed: string;
  sessionIdSealed: string;
}

export type LinkOutcome =
  | { outcome: 'linked'; link: AccountLink; replaced?: Pick<AccountLink, 'accessTokenSealed' | 'sessionIdSealed'> }
  /** The TMDb account is linked to another user. */
  | { outcome: 'account_taken' }
  /** The caller is linked to another TMDb account already. */
  | { outcome: 'caller_linked_elsewhere' }
  /** The request was used by a concurrent PUT meanwhile. */
  | { outcome: 'request_gone' };

interface LinkRow {
  user_id: number;
  account_id: number;
  account_object_id: string;
  username: string;
  access_token_sealed: string;
  session_id_sealed: string;
  linked_at: Date;
  refreshed_at: Date | null;
  refresh_started_at: Date | null;
  merge_pending: boolean;
  merge_counts: Partial<MergeCounts>;
}

/** TypeORM answers an UPDATE or DELETE ... RETURNING as [rows, count], an INSERT or SELECT as rows. */
function returned<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

const COLUMNS = `user_id, account_id, account_object_id, username, access_token_sealed, session_id_sealed, linked_at,
  refreshed_at, refresh_started_at, merge_pending, merge_counts`;

@Injectable()
export class AccountLinksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(userId: number): Promise<AccountLink | undefined> {
    const rows: LinkRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM tmdb_account_links WHERE user_id = $1`, [userId]);
    return rows[0] && toLink(rows[0]);
  }

  /**
   * Stores the link made from a request and marks the request used, in one
   * transaction: a request makes at most one link, one account links one user.
   * Linking the same account again replaces its credentials and keeps the merge state.
   */
  async link(link: NewLink, requestToken: string, now: Date): Promise<LinkOutcome> {
    return this.dataSource
      .transaction(async (manager) => {
        const request = returned(
          await manager.query(
            `UPDATE tmdb_link_requests SET consumed_at = $3 WHERE token_hash = $1 AND user_id = $2 AND consumed_at IS NULL RETURNING user_id`,
            [requestTokenDigest(requestToken), link.userId, now],
          ),
        );
        if (request.length === 0) return { outcome: 'request_gone' as const };
        const current: LinkRow[] = await manager.query(`SELECT ${COLUMNS} FROM tmdb_account_links WHERE user_id = $1 FOR UPDATE`, [
          link.userId,
        ]);
        if (current[0] && current[0].account_id !== link.accountId) return { outcome: 'caller_linked_elsewhere' as const };
        if (current[0]) {
          const rows = returned<LinkRow>(
            await manager.query(
              `UPDATE tmdb_account_links SET access_token_sealed = $2, session_id_sealed = $3, username = $4, account_object_id = $5
              WHERE user_id = $1 RETURNING ${COLUMNS}`,
              [link.userId, link.accessTokenSealed, link.sessionIdSealed, link.username, link.accountObjectId],
            ),
          );
          const old = current[0];
          return {
            outcome: 'linked' as const,
            link: toLink(rows[0]),
            replaced: { accessTokenSealed: old.access_token_sealed, sessionIdSealed: old.session_id_sealed },
          };
        }
        const rows: LinkRow[] = await manager.query(
          `INSERT INTO tmdb_account_links (user_id, account_id, account_object_id, username, access_token_sealed, session_id_sealed, linked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
          [link.userId, link.accountId, link.accountObjectId, link.username, link.accessTokenSealed, link.sessionIdSealed, now],
        );
        if (rows.length === 0) {
          // Rolls the request's use back too: the caller may still link once the other user unlinks.
          throw new AccountTaken();
        }
        return { outcome: 'linked' as const, link: toLink(rows[0]) };
      })
      .catch((error: unknown) => {
        if (error instanceof AccountTaken) return { outcome: 'account_taken' as const };
        throw error;
      });
  }

  /**
   * Claims the refresh of a stale link (or one whose merge is pending) for this
   * caller: at most one refresh per user runs at a time across replicas; a claim
   * left by a crashed process lapses after `claimLapseMs`.
   */
  async claimRefresh(userId: number, now: Date, staleBefore: Date, claimLapseMs: number): Promise<AccountLink | undefined> {
    const rows = returned<LinkRow>(
      await this.dataSource.query(
        `UPDATE tmdb_account_links SET refresh_started_at = $2
        WHERE user_id = $1
          AND (merge_pending OR refreshed_at IS NULL OR refreshed_at <= $3)
          AND (refresh_started_at IS NULL OR refresh_started_at <= $4)
        RETURNING ${COLUMNS}`,
        [userId, now, staleBefore, new Date(now.getTime() - claimLapseMs)],
      ),
    );
    return rows[0] && toLink(rows[0]);
  }

  /** True when a write went to TMDb since the refresh started: what the refresh read may miss it. */
  async wroteSince(userId: number, since: Date): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM tmdb_account_links WHERE user_id = $1 AND last_write_at >= $2`, [
      userId,
      since,
    ]);
    return rows.length > 0;
  }

  /** Ends a claimed refresh; with `refreshedAt` the local copy is now the account's and any merge is done. */
  async finishRefresh(userId: number, claimedAt: Date, refreshedAt?: Date): Promise<Date | null | undefined> {
    const rows = returned<{ refreshed_at: Date | null }>(
      await this.dataSource.query(
        refreshedAt
          ? `UPDATE tmdb_account_links SET refresh_started_at = NULL, refreshed_at = $3, merge_pending = false
            WHERE user_id = $1 AND refresh_started_at = $2 RETURNING refreshed_at`
          : `UPDATE tmdb_account_links SET refresh_started_at = NULL WHERE user_id = $1 AND refresh_started_at = $2 RETURNING refreshed_at`,
        refreshedAt ? [userId, claimedAt, refreshedAt] : [userId, claimedAt],
      ),
    );
    return rows[0]?.refreshed_at;
  }

  async addMergeCounts(userId: number, counts: MergeCounts): Promise<MergeCounts> {
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<{ merge_counts: Partial<MergeCounts> }> = await manager.query(
        `SELECT merge_counts FROM tmdb_account_links WHERE user_id = $1 FOR UPDATE`,
        [userId],
      );
      if (!rows[0]) return counts;
      const total = addCounts(withDefaults(rows[0].merge_counts), counts);
      await manager.query(`UPDATE tmdb_account_links SET merge_counts = $2 WHERE user_id = $1`, [userId, JSON.stringify(total)]);
      return total;
    });
  }

  async recordWrite(userId: number, now: Date): Promise<void> {
    await this.dataSource.query(`UPDATE tmdb_account_links SET last_write_at = $2 WHERE user_id = $1`, [userId, now]);
  }

  /** Forgets the link, but only the one holding these credentials (a new link made meanwhile stays). */
  async forget(userId: number, accessTokenSealed: string): Promise<boolean> {
    const rows = returned(
      await this.dataSource.query(`DELETE FROM tmdb_account_links WHERE user_id = $1 AND access_token_sealed = $2 RETURNING user_id`, [
        userId,
        accessTokenSealed,
      ]),
    );
    return rows.length > 0;
  }
}

class AccountTaken extends Error {}

function withDefaults(counts: Partial<MergeCounts> | null | undefined): MergeCounts {
  return addCounts(NO_MERGE_COUNTS, { ...NO_MERGE_COUNTS, ...(counts ?? {}) });
}

function toLink(row: LinkRow): AccountLink {
  return {
    userId: row.user_id,
    accountId: row.account_id,
    accountObjectId: row.account_object_id,
    username: row.username,
    accessTokenSealed: row.access_token_sealed,
    sessionIdSealed: row.session_id_sealed,
    linkedAt: row.linked_at,
    refreshedAt: row.refreshed_at,
    refreshStartedAt: row.refresh_started_at,
    mergePending: row.merge_pending,
    mergeCounts: withDefaults(row.merge_counts),
  };
}
