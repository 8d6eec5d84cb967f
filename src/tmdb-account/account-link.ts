import type { AccountListKind } from './tmdb-account.port';

export interface ListMergeCounts {
  /** Entries only the TMDb account had, added here. */
  imported: number;
  /** Entries only Cinemateca had, written to the TMDb account. */
  exported: number;
}

export type MergeCounts = Record<AccountListKind, ListMergeCounts>;

export const NO_MERGE_COUNTS: MergeCounts = { favorite: { imported: 0, exported: 0 }, watchlist: { imported: 0, exported: 0 } };

export function addCounts(a: MergeCounts, b: MergeCounts): MergeCounts {
  const sum = (kind: AccountListKind): ListMergeCounts => ({
    imported: (a[kind]?.imported ?? 0) + (b[kind]?.imported ?? 0),
    exported: (a[kind]?.exported ?? 0) + (b[kind]?.exported ?? 0),
  });
  return { favorite: sum('favorite'), watchlist: sum('watchlist') };
}

/** A user's link as stored: TMDb's credentials only sealed (see CredentialBox). */
export interface AccountLink {
  userId: number;
  accountId: number;
  accountObjectId: string;
  username: string;
  accessTokenSealed: string;
  sessionIdSealed: string;
  linkedAt: Date;
  /** When the local copy was last made equal to the account; null until the first merge finished. */
  refreshedAt: Date | null;
  refreshStartedAt: Date | null;
  /** The merge of the two sides has not finished: finish it before treating TMDb as the truth. */
  mergePending: boolean;
  /** What the merge did so far, summed over interrupted attempts. */
  mergeCounts: MergeCounts;
}

/** The open credentials of a link, for one call to TMDb; never stored, logged or returned. */
export interface OpenCredentials {
  accessToken: string;
  sessionId: string;
}
