import { CatalogVideo } from './tmdb-catalog-movie';
import { addDays, stableHash, youtubeKey } from './tmdb-deterministic';

/** YouTube launched in 2005: trailers of older films are later uploads, not premiere-time ones. */
const FIRST_PLAUSIBLE_UPLOAD = '2008-01-01';

function publishedAt(movieId: number, releaseDate: string, kind: string): string {
  const spread = stableHash(`published:${movieId}:${kind}`);
  if (releaseDate < FIRST_PLAUSIBLE_UPLOAD) {
    const uploadDay = addDays('2010-01-01', spread % 4000);
    return `${uploadDay}T${String(spread % 24).padStart(2, '0')}:00:00.000Z`;
  }
  const daysBefore = (kind === 'Teaser' ? 150 : 45) + (spread % 60);
  return `${addDays(releaseDate, -daysBefore)}T${String(13 + (spread % 8)).padStart(2, '0')}:00:00.000Z`;
}

export function trailer(movieId: number, releaseDate: string, language: string, country: string): CatalogVideo {
  return {
    name: language === 'en' ? 'Official Trailer' : 'Trailer',
    key: youtubeKey(`trailer:${movieId}:${language}`),
    type: 'Trailer',
    language,
    country,
    size: releaseDate >= '2015-01-01' ? 2160 : 1080,
    official: true,
    publishedAt: publishedAt(movieId, releaseDate, `Trailer:${language}`),
  };
}

export function teaser(movieId: number, releaseDate: string): CatalogVideo {
  return {
    name: 'Teaser Trailer',
    key: youtubeKey(`teaser:${movieId}`),
    type: 'Teaser',
    language: 'en',
    country: 'US',
    size: 1080,
    official: true,
    publishedAt: publishedAt(movieId, releaseDate, 'Teaser'),
  };
}
