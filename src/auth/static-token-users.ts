import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AuthUser } from '../common/auth/auth-user';
import { DEFAULT_STATIC_API_TOKENS, parseStaticTokens, Settings, StaticTokenSetting } from '../config/settings';
import { UsersRepository } from './users.repository';

/** The domain of the accounts made for static tokens; nobody registers an address in it. */
const STATIC_TOKEN_EMAIL_DOMAIN = '@cinemateca.local';

/**
 * The accounts behind static API tokens. Their names are reserved for good,
 * the contract's defaults included even where STATIC_API_TOKENS replaces them,
 * so nobody can register `admin` before an operator adds its token and then
 * receive that token's identity. A token is bound only to an account without
 * a password (one made for a token); if a name is held by a password account
 * anyway (registered before this rule), the token is left out and logged,
 * and the service still starts.
 */
@Injectable()
export class StaticTokenUsers {
  private readonly logger = new Logger('StaticTokens');
  private readonly reserved: Set<string>;

  constructor(
    private readonly users: UsersRepository,
    config: ConfigService<Settings, true>,
  ) {
    const configured = config.get('auth', { infer: true }).staticTokens;
    this.reserved = new Set([...parseStaticTokens(DEFAULT_STATIC_API_TOKENS), ...configured].map(({ username }) => username.toLowerCase()));
  }

  /** True when registration must refuse the name (answered as taken). */
  isReservedUsername(username: string): boolean {
    return this.reserved.has(username.toLowerCase());
  }

  isReservedEmail(email: string): boolean {
    return email.toLowerCase().endsWith(STATIC_TOKEN_EMAIL_DOMAIN);
  }

  /** Finds or makes each token's account; the tokens that cannot be bound safely are logged and left out. */
  async bind(tokens: StaticTokenSetting[]): Promise<Array<{ token: string; user: AuthUser }>> {
    const bound = [];
    for (const { token, username, role } of tokens) {
      const user = await this.accountFor(username, role);
      if (user) bound.push({ token, user: { id: user.id, username: user.username, role } });
    }
    return bound;
  }

  private async accountFor(username: string, role: StaticTokenSetting['role']): Promise<{ id: number; username: string } | undefined> {
    let user = await this.users.findByUsername(username);
    if (!user) {
      const email = `${username.toLowerCase()}${STATIC_TOKEN_EMAIL_DOMAIN}`;
      const result = await this.users.create({ username, email, passwordHash: null, role });
      // Not created: another replica made it at the same moment (found now), or the address is held (not found).
      user = result.created ? result.user : await this.users.findByUsername(username);
    }
    if (!user) {
      this.logger.error({ msg: 'static API token left out: its account could not be made (its email address is taken)', username });
      return undefined;
    }
    if (user.passwordHash !== null) {
      this.logger.error({
        msg: 'static API token left out: an account with a password holds its username; rename that account or the token user',
        username,
      });
      return undefined;
    }
    return user;
  }
}
