import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Mints credentials shaped like TMDb's: request and access tokens are signed
 * JWTs (HS256) with the claims real ones carry, session ids 40 hex characters.
 * Every value is random, so a test can grep captured output for a live one.
 */
export class TmdbTokenMint {
  private readonly secret = randomBytes(32);
  /** TMDb puts the application's API key (32 hex) in `aud`. */
  private readonly audience: string;

  constructor(appToken: string) {
    this.audience = createHash('md5').update(appToken).digest('hex');
  }

  requestToken(nowMs: number, lifetimeMs: number, redirectTo: string | null): string {
    const nbf = Math.floor(nowMs / 1000);
    return this.jwt({
      aud: this.audience,
      jti: this.jti(),
      scopes: ['pending_request_token'],
      exp: nbf + Math.floor(lifetimeMs / 1000),
      redirect_to: redirectTo,
      version: 2,
      nbf,
    });
  }

  /** Real access tokens carry no `exp`: they live until revoked. */
  accessToken(nowMs: number, accountObjectId: string): string {
    return this.jwt({
      aud: this.audience,
      jti: this.jti(),
      nbf: Math.floor(nowMs / 1000),
      sub: accountObjectId,
      scopes: ['api_read', 'api_write'],
      version: 2,
    });
  }

  sessionId(): string {
    return randomBytes(20).toString('hex');
  }

  private jti(): string {
    return randomBytes(8).toString('hex');
  }

  private jwt(claims: object): string {
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
    return `${unsigned}.${createHmac('sha256', this.secret).update(unsigned).digest('base64url')}`;
  }
}
