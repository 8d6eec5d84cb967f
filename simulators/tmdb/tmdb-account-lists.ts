export type AccountListKind = 'favorite' | 'watchlist';

export interface StoredListEntry {
  tmdbId: number;
  /** Epoch milliseconds: what TMDb's `sort_by=created_at.asc|desc` orders by. */
  createdAt: number;
}

/**
 * Each account's favorite and watchlist movies with the moment each was
 * added. Re-adding keeps the original moment; entries added within the same
 * millisecond keep the order they were added in.
 */
export class TmdbAccountLists {
  private readonly lists = new Map<string, Map<number, { createdAt: number; sequence: number }>>();
  private sequence = 0;

  add(accountId: number, kind: AccountListKind, tmdbId: number, createdAt: number): 'added' | 'already-there' {
    const list = this.list(accountId, kind);
    if (list.has(tmdbId)) return 'already-there';
    list.set(tmdbId, { createdAt, sequence: this.sequence++ });
    return 'added';
  }

  remove(accountId: number, kind: AccountListKind, tmdbId: number): boolean {
    return this.list(accountId, kind).delete(tmdbId);
  }

  replace(accountId: number, kind: AccountListKind, entries: readonly StoredListEntry[]): void {
    this.list(accountId, kind).clear();
    for (const entry of entries) this.add(accountId, kind, entry.tmdbId, entry.createdAt);
  }

  /** Oldest first, TMDb's default `created_at.asc`. */
  entries(accountId: number, kind: AccountListKind): StoredListEntry[] {
    return [...this.list(accountId, kind).entries()]
      .sort(([, a], [, b]) => a.createdAt - b.createdAt || a.sequence - b.sequence)
      .map(([tmdbId, { createdAt }]) => ({ tmdbId, createdAt }));
  }

  private list(accountId: number, kind: AccountListKind) {
    const key = `${accountId}:${kind}`;
    let list = this.lists.get(key);
    if (!list) this.lists.set(key, (list = new Map()));
    return list;
  }
}
