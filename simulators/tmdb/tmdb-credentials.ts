import { TmdbTokenMint } from './tmdb-tokens';

/** "Unused request tokens will automatically expire after 15 minutes." (TMDb's v4 user authentication guide) */
export const REQUEST_TOKEN_LIFETIME_MS = 15 * 60 * 1000;

interface RequestTokenState {
  expiresAt: number;
  redirectTo: string | null;
  /** The numeric id of the account that approved it on the approval page. */
  approvedBy?: number;
}

export interface LiveRequestToken {
  redirectTo: string | null;
  approvedBy?: number;
}

/**
 * Request tokens, v4 access tokens and v3 sessions, keyed by the value a
 * client holds. A request token is forgotten once exchanged (single use) or
 * expired; revoking an access token leaves sessions converted from it alone,
 * as they are separate credentials a client deletes separately.
 */
export class TmdbCredentials {
  private readonly requestTokens = new Map<string, RequestTokenState>();
  private readonly accessTokens = new Map<string, number>();
  private readonly sessions = new Map<string, number>();

  constructor(
    private readonly mint: TmdbTokenMint,
    private readonly now: () => number,
  ) {}

  createRequestToken(redirectTo: string | null): string {
    this.forgetExpiredRequestTokens();
    const now = this.now();
    const token = this.mint.requestToken(now, REQUEST_TOKEN_LIFETIME_MS, redirectTo);
    this.requestTokens.set(token, { expiresAt: now + REQUEST_TOKEN_LIFETIME_MS, redirectTo });
    return token;
  }

  /** Undefined when the token is unknown, expired or already exchanged. */
  requestToken(token: string): LiveRequestToken | undefined {
    const state = this.requestTokens.get(token);
    if (!state || this.now() >= state.expiresAt) return undefined;
    return { redirectTo: state.redirectTo, approvedBy: state.approvedBy };
  }

  /** Approving again before the exchange changes the account, as choosing again on the site would. */
  approve(token: string, accountId: number): boolean {
    const state = this.requestTokens.get(token);
    if (!state || this.now() >= state.expiresAt) return false;
    state.approvedBy = accountId;
    return true;
  }

  /** Trades an approved, live request token for an access token; a successful exchange spends the request token. */
  exchange(token: string, accountObjectId: (accountId: number) => string): { accessToken: string; accountId: number } | undefined {
    const state = this.requestToken(token);
    if (state?.approvedBy === undefined) return undefined;
    this.requestTokens.delete(token);
    const accessToken = this.mint.accessToken(this.now(), accountObjectId(state.approvedBy));
    this.accessTokens.set(accessToken, state.approvedBy);
    return { accessToken, accountId: state.approvedBy };
  }

  accountOfAccessToken(accessToken: string): number | undefined {
    return this.accessTokens.get(accessToken);
  }

  revokeAccessToken(accessToken: string): boolean {
    return this.accessTokens.delete(accessToken);
  }

  createSession(accessToken: string): string | undefined {
    const accountId = this.accessTokens.get(accessToken);
    if (accountId === undefined) return undefined;
    const sessionId = this.mint.sessionId();
    this.sessions.set(sessionId, accountId);
    return sessionId;
  }

  accountOfSession(sessionId: string): number | undefined {
    return this.sessions.get(sessionId);
  }

  deleteSession(sessionId: string): boolean {
    return this.sessions.delete(sessionId);
  }

  /** As if the user revoked the application's access on TMDb's site: every token and session of the account dies. */
  revokeAll(accountId: number): void {
    for (const store of [this.accessTokens, this.sessions]) {
      for (const [value, owner] of store) if (owner === accountId) store.delete(value);
    }
  }

  live(accountId: number): { accessTokens: number; sessions: number } {
    const count = (store: Map<string, number>) => [...store.values()].filter((owner) => owner === accountId).length;
    return { accessTokens: count(this.accessTokens), sessions: count(this.sessions) };
  }

  private forgetExpiredRequestTokens(): void {
    const now = this.now();
    for (const [token, state] of this.requestTokens) if (now >= state.expiresAt) this.requestTokens.delete(token);
  }
}
