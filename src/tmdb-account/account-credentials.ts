import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NotConfiguredError } from '../common/errors/domain-error';
import type { Settings } from '../config/settings';
import type { AccountLink, OpenCredentials } from './account-link';
import { CredentialBox } from './credential-box';

/**
 * Seals TMDb's credentials for the table and opens them for one call. Without
 * ENCRYPTION_KEY nothing can be stored or used, so linking answers 503.
 */
@Injectable()
export class AccountCredentials {
  private readonly box?: CredentialBox;

  constructor(config: ConfigService<Settings, true>) {
    const key = config.get('tmdbAccount', { infer: true }).encryptionKey;
    this.box = key && new CredentialBox(key);
  }

  get configured(): boolean {
    return this.box !== undefined;
  }

  seal(userId: number, credentials: OpenCredentials): { accessTokenSealed: string; sessionIdSealed: string } {
    const box = this.requireBox();
    return {
      accessTokenSealed: box.seal(credentials.accessToken, { userId, purpose: 'tmdb-access-token' }),
      sessionIdSealed: box.seal(credentials.sessionId, { userId, purpose: 'tmdb-session-id' }),
    };
  }

  /** Throws CredentialBoxError when the key changed or the row was tampered with; NotConfiguredError without a key. */
  open(link: Pick<AccountLink, 'userId' | 'accessTokenSealed' | 'sessionIdSealed'>): OpenCredentials {
    const box = this.requireBox();
    return {
      accessToken: box.open(link.accessTokenSealed, { userId: link.userId, purpose: 'tmdb-access-token' }),
      sessionId: box.open(link.sessionIdSealed, { userId: link.userId, purpose: 'tmdb-session-id' }),
    };
  }

  requireBox(): CredentialBox {
    if (!this.box) {
      throw new NotConfiguredError(
        'TmdbLinkingNotConfigured',
        'Linking TMDb accounts is not configured on this server (ENCRYPTION_KEY is unset).',
      );
    }
    return this.box;
  }
}
