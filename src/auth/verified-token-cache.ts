import type { AuthUser } from '../common/auth/auth-user';

/** Enough for every active session of a large deployment; past it the oldest entries go first. */
const MAX_ENTRIES = 10_000;

export interface VerifiedToken<Claims> {
  user: AuthUser;
  /** The token's verified claims, for checks that run on every request (revocation). */
  claims: Claims;
  /** The token's `exp`, in milliseconds: the entry is never used at or after it. */
  expiresAtMs: number;
}

/**
 * JWTs this replica has verified, by the SHA-256 digest of the token (never the token itself), until they expire:
 * a repeated token costs one hash and a map lookup instead of an HMAC and a JSON parse. Revocation drops entries
 * (one token by its digest, or every token of a user), and an expired entry is never answered.
 */
export class VerifiedTokenCache<Claims> {
  private readonly entries = new Map<string, VerifiedToken<Claims>>();

  constructor(private readonly now: () => number = Date.now) {}

  get(digest: string): VerifiedToken<Claims> | undefined {
    const entry = this.entries.get(digest);
    if (entry && this.now() >= entry.expiresAtMs) {
      this.entries.delete(digest);
      return undefined;
    }
    return entry;
  }

  set(digest: string, entry: VerifiedToken<Claims>): void {
    if (this.now() >= entry.expiresAtMs) return;
    this.entries.delete(digest);
    this.entries.set(digest, entry);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** One token revoked (logout). */
  forget(digest: string): void {
    this.entries.delete(digest);
  }

  /** Every token of a user revoked (logout everywhere, a role change, a deleted account). */
  forgetUser(userId: number): void {
    for (const [digest, entry] of this.entries) if (entry.user.id === userId) this.entries.delete(digest);
  }

  get size(): number {
    return this.entries.size;
  }
}
