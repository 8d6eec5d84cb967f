import { ApiProperty, OmitType } from '@nestjs/swagger';
import { PageResponse } from '../../common/http/pagination';
import { MovieSummaryResponse } from '../../movies/dto/movie.response';

/** What PUT /me/watchlist/{tmdbId} answers. */
export class WatchlistEntryResponse {
  @ApiProperty({ example: 550 })
  tmdbId: number;

  @ApiProperty({ example: 'Fight Club' })
  title: string;

  @ApiProperty({ example: '1999-10-15', nullable: true, type: String, format: 'date' })
  releaseDate: string | null;

  @ApiProperty({ example: 'https://image.tmdb.org/t/p/w500/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK.jpg', nullable: true, type: String })
  posterUrl: string | null;

  @ApiProperty({ example: '2026-12-02T10:00:00.000Z', format: 'date-time', description: 'When it was added to the watchlist' })
  addedAt: string;
}

const UNKNOWN = 'null while detailsPartial is true';

/**
 * A watchlist item: the movie as /movies/popular lists it, with the caller's
 * flags and when it was added. When TMDB cannot describe the movie now,
 * detailsPartial is true and only tmdbId, the flags and addedAt are known.
 */
export class WatchlistMovieResponse extends OmitType(MovieSummaryResponse, [
  'title',
  'originalTitle',
  'originalLanguage',
  'overview',
  'voteAverage',
  'voteCount',
  'popularity',
  'adult',
  'inWatchlist',
] as const) {
  @ApiProperty({ example: 'Fight Club', nullable: true, type: String, description: UNKNOWN })
  title: string | null;

  @ApiProperty({ example: 'Fight Club', nullable: true, type: String, description: UNKNOWN })
  originalTitle: string | null;

  @ApiProperty({ example: 'en', nullable: true, type: String, description: UNKNOWN })
  originalLanguage: string | null;

  @ApiProperty({
    example: 'A ticking-time-bomb insomniac and a slippery soap salesman channel primal male aggression...',
    nullable: true,
    type: String,
    description: UNKNOWN,
  })
  overview: string | null;

  @ApiProperty({ example: 8.4, nullable: true, type: Number, description: UNKNOWN })
  voteAverage: number | null;

  @ApiProperty({ example: 29000, nullable: true, type: Number, description: UNKNOWN })
  voteCount: number | null;

  @ApiProperty({ example: 61.4, nullable: true, type: Number, description: UNKNOWN })
  popularity: number | null;

  @ApiProperty({ example: false, nullable: true, type: Boolean, description: UNKNOWN })
  adult: boolean | null;

  @ApiProperty({ example: true, description: 'Always true here' })
  inWatchlist: boolean;

  @ApiProperty({ example: '2026-12-02T10:00:00.000Z', format: 'date-time', description: 'When it was added to the watchlist' })
  addedAt: string;

  @ApiProperty({
    example: false,
    description: 'True when TMDB could not describe the movie now; only tmdbId, the flags and addedAt are known',
  })
  detailsPartial: boolean;

  @ApiProperty({
    example: '2026-12-02T10:00:00.000Z',
    format: 'date-time',
    nullable: true,
    type: String,
    description:
      'When these details were taken from TMDB (lists answer from a copy shared by all users and refresh it in the background once it is older than CACHE_TTL_SECONDS); ' +
      "null when unknown: detailsPartial, or TMDB's last good copy served while TMDB fails",
  })
  detailsFetchedAt: string | null;
}

export class WatchlistMoviePage extends PageResponse(WatchlistMovieResponse) {}
