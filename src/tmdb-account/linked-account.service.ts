import { Injectable, Logger } from '@nestjs/common';
import { NotFoundError, UpstreamError } from '../common/errors/domain-error';
import { AccountList, LinkedAccountPort } from '../user-marks/linked-account.port';
import { AccountCredentials } from './account-credentials';
import { AccountLinksRepository } from './account-links.repository';
import { AccountRefresher } from './account-refresher';
import { LinkClock } from './clock';
import { CredentialBoxError } from './credential-box';
import { LinkedUsersCache } from './linked-users.cache';
import { accountUnlinked, RejectedLinks } from './rejected-links';
import { CredentialsRejected, TmdbAccountPort } from './tmdb-account.port';

/** After a failed refresh, reads of that user answer from the local copy this long before trying TMDb again. */
const REFRESH_BACKOFF_MS = 10_000;

/**
 * LinkedAccountPort for favorites and the watchlist: while a user is linked,
 * their writes go to the TMDb account first, and their reads first bring the
 * local copy up to date when it is stale. Writes ask the database whether the
 * user is linked; reads ask the per-replica LinkedUsersCache, so users without
 * a link cost nothing on the hot path.
 */
@Injectable()
export class LinkedAccountService extends LinkedAccountPort {
  private readonly logger = new Logger('LinkedAccount');
  /** Users whose last refresh failed here, until when: reads do not wait on a failing TMDb every time. */
  private readonly backoffUntil = new Map<number, number>();

  constructor(
    private readonly links: AccountLinksRepository,
    private readonly credentials: AccountCredentials,
    private readonly account: TmdbAccountPort,
    private readonly refresher: AccountRefresher,
    private readonly linkedUsers: LinkedUsersCache,
    private readonly rejected: RejectedLinks,
    private readonly clock: LinkClock,
  ) {
    super();
  }

  async mirrorWrite(userId: number, list: AccountList, tmdbId: number, present: boolean): Promise<void> {
    const link = await this.links.find(userId);
    if (!link) return;
    let sessionId: string;
    try {
      sessionId = this.credentials.open(link).sessionId;
    } catch (error) {
      if (!(error instanceof CredentialBoxError)) throw error;
      await this.rejected.drop(link, 'unreadable');
      throw accountUnlinked();
    }
    // Before the write: a refresh that read the account before it must not undo it here.
    await this.links.recordWrite(userId, this.clock.now());
    try {
      await this.account.setListed({ accountId: link.accountId, sessionId }, list, tmdbId, present);
    } catch (error) {
      if (error instanceof CredentialsRejected) {
        await this.rejected.drop(link, 'rejected');
        throw accountUnlinked();
      }
      if (error instanceof UpstreamError && error.kind === 'not_found')
        throw new NotFoundError('MovieNotFound', `TMDB has no movie with id ${tmdbId}.`);
      throw error;
    }
  }

  async refreshIfStale(userId: number): Promise<void> {
    try {
      const state = await this.linkedUsers.state(userId);
      if (!state.linked) return;
      const now = this.clock.now().getTime();
      if (state.refreshedAt !== null && now - state.refreshedAt < this.refresher.refreshAfterMs) return;
      if ((this.backoffUntil.get(userId) ?? 0) > now) return;
      this.backoffUntil.delete(userId);
      // Fresh already (another replica refreshed) or busy elsewhere: read the state again rather than claim on every request.
      if ((await this.refresher.pass(userId)) === 'skipped') await this.linkedUsers.load(userId);
    } catch (error) {
      this.backoffUntil.set(userId, this.clock.now().getTime() + REFRESH_BACKOFF_MS);
      if (this.backoffUntil.size > 10_000) this.backoffUntil.delete(this.backoffUntil.keys().next().value as number);
      // Reads answer from the local copy when TMDb cannot refresh it; the next read tries again.
      this.logger.warn({ msg: 'linked TMDb account not refreshed; serving the local copy', userId, error: describe(error) });
    }
  }
}

/** UpstreamError messages name the operation, never a credential; anything else is reduced to its name. */
function describe(error: unknown): string {
  if (error instanceof UpstreamError) return error.message;
  return error instanceof Error ? error.name : 'unknown error';
}
