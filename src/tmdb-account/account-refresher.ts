import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Settings } from '../config/settings';
import { AccountCredentials } from './account-credentials';
import { AccountLinksRepository } from './account-links.repository';
import { AccountSync, SyncOvertaken } from './account-sync';
import { LinkClock } from './clock';
import { CredentialBoxError } from './credential-box';
import { LinkedUsersCache } from './linked-users.cache';
import { RejectedLinks } from './rejected-links';
import { CredentialsRejected } from './tmdb-account.port';

/**
 * How a pass ended: `done` (the local copy is the account's), `skipped` (fresh
 * already, another request is at it, or a write overtook it: nothing to do
 * now), `dropped` (TMDb refused the credentials, the link is gone).
 */
export type PassOutcome = 'done' | 'skipped' | 'dropped';

/** A claim older than this belonged to a process that died mid-pass; another may take over. */
const CLAIM_LAPSE_MS = 120_000;

/**
 * One pass over a user's link when it needs one: the pending merge first, else
 * a refresh once the copy is older than TMDB_ACCOUNT_REFRESH_SECONDS. The
 * database claim keeps it to one pass per user at a time on all replicas; the
 * merge marker keeps an interrupted merge pending until a pass finishes it.
 */
@Injectable()
export class AccountRefresher {
  private readonly refreshMs: number;

  constructor(
    private readonly links: AccountLinksRepository,
    private readonly credentials: AccountCredentials,
    private readonly sync: AccountSync,
    private readonly linkedUsers: LinkedUsersCache,
    private readonly rejected: RejectedLinks,
    private readonly clock: LinkClock,
    config: ConfigService<Settings, true>,
  ) {
    this.refreshMs = config.get('tmdbAccount', { infer: true }).refreshSeconds * 1000;
  }

  get refreshAfterMs(): number {
    return this.refreshMs;
  }

  /** Throws what TMDb throws (the link stays, with its merge still pending if it was). */
  async pass(userId: number): Promise<PassOutcome> {
    const claimedAt = this.clock.now();
    const link = await this.links.claimRefresh(userId, claimedAt, new Date(claimedAt.getTime() - this.refreshMs), CLAIM_LAPSE_MS);
    if (!link) return 'skipped';
    let refreshedAt: Date | undefined;
    try {
      const credentials = this.credentials.open(link);
      const session = { accountId: link.accountId, sessionId: credentials.sessionId };
      if (link.mergePending) await this.sync.merge(userId, session, claimedAt);
      else await this.sync.refresh(userId, session, claimedAt);
      refreshedAt = this.clock.now();
    } catch (error) {
      if (error instanceof CredentialsRejected || error instanceof CredentialBoxError) {
        await this.rejected.drop(link, error instanceof CredentialsRejected ? 'rejected' : 'unreadable');
        return 'dropped';
      }
      await this.links.finishRefresh(userId, claimedAt);
      if (error instanceof SyncOvertaken) return 'skipped';
      throw error;
    }
    await this.links.finishRefresh(userId, claimedAt, refreshedAt);
    await this.linkedUsers.changed(userId);
    return 'done';
  }
}
