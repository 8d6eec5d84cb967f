/** The two lists a user keeps on a TMDb account, mirrored here. */
export type AccountList = 'favorite' | 'watchlist';

/**
 * A user's own TMDb account, when they linked one. Favorites and the watchlist
 * call it around their own writes and reads; the TMDb-account feature provides
 * it (bound in AppModule), and until a user links, every call is a no-op.
 */
export abstract class LinkedAccountPort {
  /**
   * Writes the change to the user's linked TMDb account first; resolves at once when not linked.
   * Throws UpstreamError (502/503/504) or the `TmdbAccountUnlinked` ConflictError (409).
   */
  abstract mirrorWrite(userId: number, list: AccountList, tmdbId: number, present: boolean): Promise<void>;

  /** Refreshes the local copy from the account when stale; resolves at once when not linked; never throws. */
  abstract refreshIfStale(userId: number): Promise<void>;
}

/** The binding while no user can link an account: nothing to mirror, nothing to refresh. */
export class NoLinkedAccounts extends LinkedAccountPort {
  async mirrorWrite(): Promise<void> {}

  async refreshIfStale(): Promise<void> {}
}
