import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuthUser } from '../common/auth/auth-user';
import { ConflictError, InvalidInputError, NotFoundError, OverloadedError, UnauthenticatedError } from '../common/errors/domain-error';
import { Settings } from '../config/settings';
import { Authenticator } from './authenticator';
import { UserEntity } from './entities/user.entity';
import { LoginLimiter } from './login-limiter';
import { PasswordHasher } from './password-hasher';
import { StaticTokenUsers } from './static-token-users';
import { TokenRevocations } from './token-revocations';
import { UsersRepository } from './users.repository';

export interface UserView {
  id: number;
  username: string;
  email: string;
  role: 'ADMIN' | 'USER';
}

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly authenticator: Authenticator,
    private readonly loginLimiter: LoginLimiter,
    private readonly staticTokenUsers: StaticTokenUsers,
    private readonly revocations: TokenRevocations,
    private readonly config: ConfigService<Settings, true>,
  ) {}

  async register(input: { username: string; email: string; password: string }): Promise<UserView> {
    // Static-token names are answered as taken, like any other: registering one must never lead to its token.
    if (this.staticTokenUsers.isReservedUsername(input.username)) throw taken('username');
    if (this.staticTokenUsers.isReservedEmail(input.email)) throw taken('email');
    const passwordHash = await this.hasher.hash(input.password);
    const result = await this.users.create({ username: input.username, email: input.email, passwordHash, role: 'USER' });
    if (!result.created) throw taken(result.taken);
    return toView(result.user);
  }

  /**
   * The same answer, after the same work, for an unknown user and a wrong password. `client` is the caller's
   * clientKey: failures are bounded per client and account, and overall per account (LoginLimiter).
   */
  async login(login: string, password: string, client: string): Promise<IssuedToken> {
    const user = await this.users.findByUsernameOrEmail(login);
    const attempt = await this.loginLimiter.begin(client, user ? `id:${user.id}` : `name:${login.toLowerCase()}`);
    let valid: boolean;
    try {
      valid = await this.hasher.verify(password, user?.passwordHash ?? null);
    } catch (error) {
      if (error instanceof OverloadedError) await attempt.cancelled();
      throw error;
    }
    if (!user || !valid) throw new UnauthenticatedError('InvalidCredentials', 'The username or password is wrong.');
    await attempt.succeeded();
    return {
      accessToken: this.authenticator.issue({ id: user.id, username: user.username, role: user.role, tokenVersion: user.tokenVersion }),
      expiresIn: this.config.get('auth', { infer: true }).jwtExpiresInSeconds,
    };
  }

  /** Ends the JWT of this request on every replica; a static token is the operator's to revoke. */
  async logout(caller: AuthUser): Promise<void> {
    if (!caller.jwt) {
      throw new InvalidInputError(
        'StaticTokenLogout',
        'A static API token cannot be logged out; the operator revokes it (STATIC_API_TOKENS).',
      );
    }
    if (!caller.jwt.id) {
      throw new InvalidInputError(
        'TokenWithoutId',
        'This token predates sign-out of single tokens; use POST /auth/logout-all, or let it expire.',
      );
    }
    await this.revocations.revokeToken(caller.id, caller.jwt.id, caller.jwt.expiresAt);
  }

  /** Ends every JWT issued to the caller until now, on every replica. */
  async logoutAll(caller: AuthUser): Promise<void> {
    await this.revocations.revokeAll(caller.id);
  }

  async me(caller: AuthUser): Promise<UserView> {
    const user = await this.users.findById(caller.id);
    if (!user) throw new NotFoundError('UserNotFound', 'Your account no longer exists.');
    return toView(user);
  }
}

function taken(what: 'username' | 'email'): ConflictError {
  return new ConflictError(what === 'email' ? 'EmailTaken' : 'UsernameTaken', `That ${what} is already registered.`);
}

function toView(user: UserEntity): UserView {
  return { id: user.id, username: user.username, email: user.email, role: user.role };
}
