import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { AuthUser } from '../common/auth/auth-user';
import { UnauthenticatedError } from '../common/errors/domain-error';
import { Role, Settings } from '../config/settings';
import { StaticTokenRegistry, tokenDigestKey } from './static-tokens';
import { VerifiedTokenCache } from './verified-token-cache';
import { UsersRepository } from './users.repository';

export interface AccessTokenClaims {
  sub: string;
  username: string;
  role: Role;
  /** Seconds since the epoch (set by the signer). */
  exp?: number;
  iat?: number;
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
/** Anything longer is not a token of ours; refusing early bounds the work per request. */
const MAX_TOKEN_LENGTH = 4096;

/** Turns a bearer token (JWT or static API token) into the caller, or says why it cannot. */
@Injectable()
export class Authenticator implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');
  private readonly staticTokens = new StaticTokenRegistry();
  /** Verified JWTs by digest until they expire; revocation drops entries through `forgetToken`/`forgetUser`. */
  readonly verifiedTokens = new VerifiedTokenCache<AccessTokenClaims>();

  constructor(
    private readonly jwt: JwtService,
    private readonly users: UsersRepository,
    private readonly config: ConfigService<Settings, true>,
  ) {}

  /** Makes sure every static token's user exists, then keeps the tokens as digests only. */
  async onApplicationBootstrap(): Promise<void> {
    const settings = this.config.get('auth', { infer: true });
    const entries = [];
    for (const { token, username, role } of settings.staticTokens) {
      const existing = await this.users.findByUsername(username);
      const user =
        existing ??
        (await this.users
          .create({ username, email: `${username.toLowerCase()}@cinemateca.local`, passwordHash: null, role })
          .then(async (result) => (result.created ? result.user : await this.users.findByUsername(username))));
      if (!user) throw new Error(`could not create the user ${username} of a static API token`);
      entries.push({ token, user: { id: user.id, username: user.username, role } });
    }
    this.staticTokens.replace(entries);
    if (settings.jwtSecretGenerated) {
      this.logger.warn('JWT_SECRET is not set: using a random secret, so tokens die with this process');
    }
  }

  issue(user: AuthUser): string {
    const claims: AccessTokenClaims = { sub: String(user.id), username: user.username, role: user.role };
    return this.jwt.sign(claims);
  }

  async authenticate(authorization: string | undefined): Promise<AuthUser> {
    if (!authorization) throw new UnauthenticatedError('MissingToken', 'This route needs a bearer token (Authorization: Bearer <token>).');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw new UnauthenticatedError('MalformedAuthorization', 'The Authorization header must be "Bearer <token>".');
    const token = match[1];
    if (token.length > MAX_TOKEN_LENGTH) throw new UnauthenticatedError('InvalidToken', 'The bearer token is not valid.');
    if (JWT_SHAPE.test(token)) return this.verifyJwt(token);
    const user = this.staticTokens.find(token);
    if (!user) throw new UnauthenticatedError('InvalidToken', 'The bearer token is not valid.');
    return user;
  }

  /** A revoked JWT (logout): this replica stops answering it from the cache. */
  forgetToken(token: string): void {
    this.verifiedTokens.forget(tokenDigestKey(token));
  }

  /** Every JWT of the user revoked (logout everywhere): this replica stops answering them from the cache. */
  forgetUser(userId: number): void {
    this.verifiedTokens.forgetUser(userId);
  }

  private async verifyJwt(token: string): Promise<AuthUser> {
    const digest = tokenDigestKey(token);
    const cached = this.verifiedTokens.get(digest);
    if (cached) return cached.user;
    try {
      const claims = this.jwt.verify<AccessTokenClaims>(token);
      const id = Number(claims.sub);
      if (!Number.isSafeInteger(id) || (claims.role !== 'ADMIN' && claims.role !== 'USER')) throw new Error('bad claims');
      const user: AuthUser = { id, username: claims.username, role: claims.role };
      if (typeof claims.exp === 'number') this.verifiedTokens.set(digest, { user, claims, expiresAtMs: claims.exp * 1000 });
      return user;
    } catch (error) {
      if (error instanceof TokenExpiredError) throw new UnauthenticatedError('TokenExpired', 'The access token has expired; log in again.');
      throw new UnauthenticatedError('InvalidToken', 'The bearer token is not valid.');
    }
  }
}
