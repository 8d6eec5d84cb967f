import type { MovieSnapshot } from './movie-snapshot';

/**
 * Snapshots younger than the cache TTL, kept in this process too, so a warm list reads no jsonb from
 * PostgreSQL. An entry is used only while it is fresh, so it is never older than what the database would
 * give without a refresh. Bounded: the least recently stored go first.
 */
export class FreshSnapshots {
  private readonly entries = new Map<number, MovieSnapshot>();

  constructor(
    private readonly limit: number,
    private readonly freshMs: number,
    private readonly now: () => number,
  ) {}

  get(tmdbId: number): MovieSnapshot | undefined {
    const snapshot = this.entries.get(tmdbId);
    if (snapshot && this.isFresh(snapshot)) return snapshot;
    this.entries.delete(tmdbId);
    return undefined;
  }

  put(snapshot: MovieSnapshot): void {
    if (!this.isFresh(snapshot)) return;
    const tmdbId = snapshot.details.tmdbId;
    this.entries.delete(tmdbId);
    this.entries.set(tmdbId, snapshot);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as number);
  }

  isFresh(snapshot: MovieSnapshot): boolean {
    return this.now() - snapshot.fetchedAt.getTime() < this.freshMs;
  }
}
