import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { AuthUser } from '../common/auth/auth-user';
import { UnauthenticatedError } from '../common/errors/domain-error';
import { parseDecimalInteger } from '../common/http/decimal';
import { Role, Settings } from '../config/settings';
import { StaticTokenRegistry, tokenDigestKey } from './static-tokens';
import { StaticTokenUsers } from './static-token-users';
import { TokenRevocations } from './token-revocations';
import { VerifiedTokenCache } from './verified-token-cache';

interface AccessTokenClaims {
  sub: string;
  username: string;
  role: Role;
  /** The user's token version when issued; "log out everywhere" raises it. */
  ver?: number;
  /** The token's own id, for "log out" of this token alone. */
  jti?: string;
  exp?: number;
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
/** Anything longer is not a token of ours; refusing early bounds the work per request. */
const MAX_TOKEN_LENGTH = 4096;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface VerifiedSignature {
  caller: AuthUser;
  tokenVersion?: number;
}

/** Turns a bearer token (JWT or static API token) into the caller, or says why it cannot. */
@Injectable()
export class Authenticator implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');
  private readonly staticTokens = new StaticTokenRegistry();
  /**
   * JWTs whose signature and claims this replica has verified, by the token's digest, until they expire: a
   * repeated token costs a hash and a lookup instead of an HMAC and a JSON parse. Revocation is still checked on
   * every request, after this cache, so a logout needs nothing from it (it may drop entries all the same).
   */
  readonly verifiedTokens = new VerifiedTokenCache<VerifiedSignature>();

  constructor(
    private readonly jwt: JwtService,
    private readonly staticTokenUsers: StaticTokenUsers,
    private readonly revocations: TokenRevocations,
    private readonly config: ConfigService<Settings, true>,
  ) {}

  /** Binds every static token to its user (see StaticTokenUsers), then keeps the tokens as digests only. */
  async onApplicationBootstrap(): Promise<void> {
    const settings = this.config.get('auth', { infer: true });
    this.staticTokens.replace(await this.staticTokenUsers.bind(settings.staticTokens));
    if (settings.jwtSecretGenerated) {
      this.logger.warn('JWT_SECRET is not set: using a random secret, so tokens die with this process');
    }
  }

  issue(user: AuthUser & { tokenVersion: number }): string {
    const claims: AccessTokenClaims = {
      sub: String(user.id),
      username: user.username,
      role: user.role,
      ver: user.tokenVersion,
      jti: randomUUID(),
    };
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

  private async verifyJwt(token: string): Promise<AuthUser> {
    const { caller, tokenVersion } = this.verifiedSignature(token);
    // After the signature: only then are the claims ours to trust.
    if (await this.revocations.isRevoked({ userId: caller.id, tokenId: caller.jwt?.id, tokenVersion })) {
      throw new UnauthenticatedError('TokenRevoked', 'The access token has been revoked (logged out); log in again.');
    }
    return caller;
  }

  private verifiedSignature(token: string): VerifiedSignature {
    const digest = tokenDigestKey(token);
    const cached = this.verifiedTokens.get(digest);
    if (cached) return cached.claims;
    const verified = this.verifySignature(token);
    const expiresAtMs = verified.caller.jwt?.expiresAt.getTime() ?? 0;
    if (expiresAtMs > 0) this.verifiedTokens.set(digest, { user: verified.caller, claims: verified, expiresAtMs });
    return verified;
  }

  private verifySignature(token: string): VerifiedSignature {
    try {
      const claims = this.jwt.verify<AccessTokenClaims>(token);
      const id = parseDecimalInteger(claims.sub) ?? NaN;
      if (!Number.isSafeInteger(id) || (claims.role !== 'ADMIN' && claims.role !== 'USER')) throw new Error('bad claims');
      if (claims.ver !== undefined && !Number.isSafeInteger(claims.ver)) throw new Error('bad claims');
      if (claims.jti !== undefined && !UUID.test(claims.jti)) throw new Error('bad claims');
      const jwt = { id: claims.jti, expiresAt: new Date((claims.exp ?? 0) * 1000) };
      return { caller: { id, username: claims.username, role: claims.role, jwt }, tokenVersion: claims.ver };
    } catch (error) {
      if (error instanceof TokenExpiredError) throw new UnauthenticatedError('TokenExpired', 'The access token has expired; log in again.');
      throw new UnauthenticatedError('InvalidToken', 'The bearer token is not valid.');
    }
  }
}
