import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ConflictError, InvalidInputError, NotConfiguredError, NotFoundError, UpstreamError } from '../common/errors/domain-error';
import type { Settings, TmdbAccountSettings } from '../config/settings';
import { AccountCredentials } from './account-credentials';
import type { AccountLink, MergeCounts, OpenCredentials } from './account-link';
import { AccountLinksRepository } from './account-links.repository';
import { AccountRefresher } from './account-refresher';
import { LinkClock } from './clock';
import { CredentialBoxError } from './credential-box';
import { LinkRequestsRepository } from './link-requests.repository';
import { LinkedUsersCache } from './linked-users.cache';
import { accountUnlinked } from './rejected-links';
import { CredentialsRejected, TmdbAccountPort } from './tmdb-account.port';

/** TMDb's request tokens live 15 minutes (its user-authentication guide); ours are said to end then too. */
export const REQUEST_TOKEN_LIFETIME_MS = 15 * 60 * 1000;

export interface LinkStart {
  requestToken: string;
  approveUrl: string;
  expiresAt: Date;
}

export type LinkStatus =
  { linked: false } | { linked: true; accountId: number; username: string; linkedAt: Date; refreshedAt: Date | null };

export type LinkResult = Extract<LinkStatus, { linked: true }> & {
  favorites: MergeCounts['favorite'];
  watchlist: MergeCounts['watchlist'];
};

const invalidRequest = () =>
  new InvalidInputError(
    'LinkRequestInvalid',
    'That request token is unknown, expired or was not started by you: start a new link with POST /me/tmdb-account/link.',
    [{ field: 'requestToken', message: 'unknown, expired or not yours' }],
  );

/**
 * Linking a user's TMDb account (TMDb's v4 user authentication, then a v3
 * session for the account routes), showing and removing the link. The first
 * merge of the two sides runs inside the PUT; if TMDb fails half way, the link
 * stays with its merge pending and the next PUT (or the next refresh) finishes it.
 */
@Injectable()
export class TmdbAccountService {
  private readonly logger = new Logger('TmdbAccountLinks');
  private readonly settings: TmdbAccountSettings;
  private readonly tmdbConfigured: boolean;

  constructor(
    private readonly account: TmdbAccountPort,
    private readonly requests: LinkRequestsRepository,
    private readonly links: AccountLinksRepository,
    private readonly credentials: AccountCredentials,
    private readonly refresher: AccountRefresher,
    private readonly linkedUsers: LinkedUsersCache,
    private readonly clock: LinkClock,
    config: ConfigService<Settings, true>,
  ) {
    this.settings = config.get('tmdbAccount', { infer: true });
    this.tmdbConfigured = Boolean(config.get('tmdb', { infer: true }).apiToken);
  }

  async start(userId: number): Promise<LinkStart> {
    this.requireConfigured();
    const requestToken = await this.account.createRequestToken(this.settings.linkRedirectUrl);
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + REQUEST_TOKEN_LIFETIME_MS);
    await this.requests.add(userId, requestToken, now, expiresAt);
    return {
      requestToken,
      approveUrl: `${this.settings.authUrl}/auth/access?request_token=${encodeURIComponent(requestToken)}`,
      expiresAt,
    };
  }

  async complete(userId: number, requestToken: string): Promise<LinkResult> {
    this.requireConfigured();
    const request = await this.requests.find(requestToken);
    if (!request || request.userId !== userId) throw invalidRequest();
    if (request.consumedAt) {
      // The same PUT again, after TMDb failed during the merge: finish it.
      const link = await this.links.find(userId);
      if (!link) throw invalidRequest();
      return this.finishMerge(link);
    }
    if (request.expiresAt.getTime() <= this.clock.now().getTime()) throw invalidRequest();

    // RequestTokenRefused (not approved yet, expired or spent at TMDb) leaves as a 400; the request stays for a retry.
    const grant = await this.account.createAccessToken(requestToken);
    let credentials: OpenCredentials | undefined;
    let identity: { accountId: number; username: string };
    try {
      const sessionId = await this.account.createSession(grant.accessToken);
      credentials = { accessToken: grant.accessToken, sessionId };
      identity = await this.account.account(sessionId);
    } catch (error) {
      // TMDb spent the request token: this request cannot make a link any more.
      await this.requests.forget(requestToken);
      await this.revoke(credentials ?? { accessToken: grant.accessToken });
      if (error instanceof CredentialsRejected)
        throw new UpstreamError('upstream_failed', 'tmdb', 'TMDb refused the access token it had just granted; start a new link.');
      throw error;
    }

    const outcome = await this.links.link(
      {
        userId,
        accountId: identity.accountId,
        accountObjectId: grant.accountObjectId,
        username: identity.username,
        ...this.credentials.seal(userId, credentials),
      },
      requestToken,
      this.clock.now(),
    );
    if (outcome.outcome !== 'linked') {
      await this.revoke(credentials);
      if (outcome.outcome === 'account_taken')
        throw new ConflictError('TmdbAccountLinkedElsewhere', 'That TMDb account is linked to another Cinemateca user.');
      if (outcome.outcome === 'caller_linked_elsewhere')
        throw new ConflictError(
          'TmdbAccountAlreadyLinked',
          'You have linked another TMDb account already: unlink it first (DELETE /me/tmdb-account).',
        );
      throw invalidRequest();
    }
    if (outcome.replaced) await this.revokeSealed(userId, outcome.replaced);
    await this.linkedUsers.changed(userId);
    this.logger.log({ msg: 'TMDb account linked', userId, accountId: identity.accountId });
    return this.finishMerge(outcome.link);
  }

  async status(userId: number): Promise<LinkStatus> {
    const link = await this.links.find(userId);
    return link ? statusOf(link) : { linked: false };
  }

  /** Revokes the session and the access token at TMDb, then forgets them; the local lists stay. */
  async unlink(userId: number): Promise<void> {
    const link = await this.links.find(userId);
    if (!link) throw new NotFoundError('TmdbAccountNotLinked', 'No TMDb account is linked.');
    let credentials: OpenCredentials | undefined;
    try {
      credentials = this.credentials.open(link);
    } catch (error) {
      // Sealed under another key: nothing here can revoke them, but they can still be forgotten.
      if (!(error instanceof CredentialBoxError)) throw error;
    }
    if (credentials) {
      await this.account.deleteSession(credentials.sessionId);
      await this.account.deleteAccessToken(credentials.accessToken);
    }
    await this.links.forget(userId, link.accessTokenSealed);
    await this.linkedUsers.changed(userId);
    this.logger.log({ msg: 'TMDb account unlinked', userId, accountId: link.accountId });
  }

  /** Runs the pending merge (throwing TMDb's failures) and answers the link with what the merge did. */
  private async finishMerge(link: AccountLink): Promise<LinkResult> {
    if ((await this.refresher.pass(link.userId)) === 'dropped') throw accountUnlinked();
    const current = (await this.links.find(link.userId)) ?? link;
    const status = statusOf(current) as Extract<LinkStatus, { linked: true }>;
    return { ...status, favorites: current.mergeCounts.favorite, watchlist: current.mergeCounts.watchlist };
  }

  private requireConfigured(): void {
    this.credentials.requireBox();
    if (!this.tmdbConfigured)
      throw new NotConfiguredError('TmdbNotConfigured', 'TMDB is not configured on this server (TMDB_API_TOKEN is unset).');
  }

  /** Best effort: credentials that will not be used again are revoked at TMDb; failing that, they are only forgotten. */
  private async revoke(credentials: Partial<OpenCredentials>): Promise<void> {
    const results = await Promise.allSettled([
      credentials.sessionId ? this.account.deleteSession(credentials.sessionId) : Promise.resolve(),
      credentials.accessToken ? this.account.deleteAccessToken(credentials.accessToken) : Promise.resolve(),
    ]);
    if (results.some((result) => result.status === 'rejected'))
      this.logger.warn({ msg: 'could not revoke unused TMDb credentials at TMDb' });
  }

  private async revokeSealed(userId: number, sealed: Pick<AccountLink, 'accessTokenSealed' | 'sessionIdSealed'>): Promise<void> {
    try {
      await this.revoke(this.credentials.open({ userId, ...sealed }));
    } catch {
      // Unreadable old credentials cannot be revoked from here; they are gone from the table already.
    }
  }
}

function statusOf(link: AccountLink): LinkStatus {
  return { linked: true, accountId: link.accountId, username: link.username, linkedAt: link.linkedAt, refreshedAt: link.refreshedAt };
}
