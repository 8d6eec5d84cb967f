import { Injectable, Logger } from '@nestjs/common';
import { ConflictError } from '../common/errors/domain-error';
import type { AccountLink } from './account-link';
import { AccountLinksRepository } from './account-links.repository';
import { LinkedUsersCache } from './linked-users.cache';

/** What a write answers once the link is gone: the contract's `tmdb-account-unlinked` problem (409). */
export const accountUnlinked = () =>
  new ConflictError(
    'TmdbAccountUnlinked',
    'TMDb no longer accepts the link to your TMDb account (it was revoked there), so it was removed. Nothing changed; link your account again to keep your lists in step.',
  );

/**
 * Forgets a link whose credentials TMDb refused (401) or that can no longer be
 * opened. Local favorites and watchlist stay as they are; only the credentials go.
 */
@Injectable()
export class RejectedLinks {
  private readonly logger = new Logger('TmdbAccountLinks');

  constructor(
    private readonly links: AccountLinksRepository,
    private readonly linkedUsers: LinkedUsersCache,
  ) {}

  async drop(link: Pick<AccountLink, 'userId' | 'accessTokenSealed'>, reason: 'rejected' | 'unreadable'): Promise<void> {
    if (await this.links.forget(link.userId, link.accessTokenSealed)) {
      this.logger.warn({ msg: 'TMDb account link dropped', userId: link.userId, reason });
    }
    await this.linkedUsers.changed(link.userId);
  }
}
