import { KeptSnapshots } from '../../src/movie-snapshots/kept-snapshots';
import { DescribedMovie } from '../../src/movie-snapshots/movie-snapshot';
import type { MovieDetails } from '../../src/movies/movie.types';

const details = (tmdbId: number, title = `Movie ${tmdbId}`): MovieDetails => ({
  tmdbId,
  title,
  releaseDate: '1999-10-15',
  overview: 'x'.repeat(200),
  originalTitle: title,
  originalLanguage: 'en',
  tagline: null,
  status: 'Released',
  runtime: 139,
  genres: [{ id: 18, name: 'Drama' }],
  posterPath: null,
  posterUrl: null,
  backdropUrl: null,
  voteAverage: 8.4,
  voteCount: 100,
  popularity: 1,
  imdbId: null,
  homepage: null,
  adult: false,
  videos: [],
  credits: { cast: [], crew: [] },
  watchProviders: {},
});

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);
const snapshot = (tmdbId: number, fetchedMs: number, title?: string) => DescribedMovie.of(details(tmdbId, title), at(fetchedMs));

describe('KeptSnapshots', () => {
  it('holds at most its characters of JSON, dropping the least recently used first', () => {
    const size = snapshot(1, 0).size;
    const kept = new KeptSnapshots(size * 3);
    [1, 2, 3].forEach((tmdbId) => kept.put(snapshot(tmdbId, 0)));
    expect(kept.get(1)).toBeDefined();

    kept.put(snapshot(4, 0));
    expect([1, 2, 3, 4].map((tmdbId) => kept.get(tmdbId) !== undefined)).toEqual([true, false, true, true]);
    expect(kept.heldChars).toBe(size * 3);

    kept.put(DescribedMovie.of({ ...details(5), overview: 'x'.repeat(size * 3) }, at(0)));
    expect(kept.get(5)).toBeUndefined();
    expect(kept.heldChars).toBe(size * 3);
  });

  it('keeps the newest snapshot of a movie, never TMDB last good copy, and forgets one older than a newer stored elsewhere', () => {
    const kept = new KeptSnapshots(1_000_000);
    kept.put(snapshot(1, 1000, 'Newer'));
    kept.put(snapshot(1, 500, 'Older'));
    expect(JSON.parse(kept.get(1)!.details.json).title).toBe('Newer');
    kept.put(DescribedMovie.of(details(2), null));
    expect(kept.get(2)).toBeUndefined();

    kept.forgetOlderThan(1, at(1000));
    expect(kept.get(1)).toBeDefined();
    kept.forgetOlderThan(1, at(1001));
    expect(kept.get(1)).toBeUndefined();
    expect(kept.heldChars).toBe(0);
  });
});
