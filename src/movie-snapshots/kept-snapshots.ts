import type { DescribedMovie } from './movie-snapshot';

/**
 * The newest snapshot this process knows of each movie, ready to join into a list, so a warm list reads no
 * jsonb from PostgreSQL and serialises nothing. Stale copies are kept too: a list shows one while it is
 * refreshed, as it would show PostgreSQL's copy. Bounded by the characters of JSON held (an older copy is
 * never put over a newer one); the least recently used go first.
 */
export class KeptSnapshots {
  private readonly entries = new Map<number, DescribedMovie>();
  private held = 0;

  constructor(private readonly maxChars: number) {}

  get(tmdbId: number): DescribedMovie | undefined {
    const movie = this.entries.get(tmdbId);
    if (movie) {
      this.entries.delete(tmdbId);
      this.entries.set(tmdbId, movie);
    }
    return movie;
  }

  /** Keeps a snapshot (not TMDB's last good copy, which has no fetchedAt) unless a newer one is kept. */
  put(movie: DescribedMovie): void {
    if (!movie.fetchedAt) return;
    const kept = this.entries.get(movie.tmdbId);
    if (kept && kept.fetchedAt! >= movie.fetchedAt) return;
    if (kept) this.drop(kept);
    if (movie.size > this.maxChars) return;
    this.entries.set(movie.tmdbId, movie);
    this.held += movie.size;
    for (const oldest of this.entries.values()) {
      if (this.held <= this.maxChars) break;
      this.drop(oldest);
    }
  }

  /** Drops the movie's copy if it is older than `fetchedAt` (a newer one was stored elsewhere). */
  forgetOlderThan(tmdbId: number, fetchedAt: Date): void {
    const kept = this.entries.get(tmdbId);
    if (kept && kept.fetchedAt! < fetchedAt) this.drop(kept);
  }

  /** Characters of JSON held now. */
  get heldChars(): number {
    return this.held;
  }

  private drop(movie: DescribedMovie): void {
    this.entries.delete(movie.tmdbId);
    this.held -= movie.size;
  }
}
