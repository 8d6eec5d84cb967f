import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { GenreResponse, CountryWatchProvidersResponse, CreditsResponse, VideoResponse } from './movie-parts.response';

/** Fields every movie answer shares, TMDB's and ours. */
class MovieBase {
  @ApiProperty({ example: 550, description: "TheMovieDB's id" })
  tmdbId: number;

  @ApiProperty({ example: 'Fight Club' })
  title: string;

  @ApiProperty({ example: '1999-10-15', nullable: true, type: String, format: 'date', description: 'null when TMDB does not know it' })
  releaseDate: string | null;

  @ApiProperty({ example: 'https://image.tmdb.org/t/p/w500/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK.jpg', nullable: true, type: String })
  posterUrl: string | null;

  @ApiProperty({ example: 'https://image.tmdb.org/t/p/w1280/hZkgoQYus5vegHoetLkCJzb17zJ.jpg', nullable: true, type: String })
  backdropUrl: string | null;

  @ApiProperty({ example: true, description: "In the caller's favorites" })
  favorite: boolean;

  @ApiProperty({ example: false, description: "In the caller's watchlist" })
  inWatchlist: boolean;

  @ApiProperty({ example: 4.5, nullable: true, type: Number, description: "The caller's rating (0 to 5), null if not rated" })
  myRating: number | null;
}

export class MovieSummaryResponse extends MovieBase {
  @ApiProperty({ example: 'Fight Club' })
  originalTitle: string;

  @ApiProperty({ example: 'en' })
  originalLanguage: string;

  @ApiProperty({ example: 'A ticking-time-bomb insomniac and a slippery soap salesman channel primal male aggression...' })
  overview: string;

  @ApiProperty({ example: [18, 53], type: [Number] })
  genreIds: number[];

  @ApiProperty({ example: 8.4 })
  voteAverage: number;

  @ApiProperty({ example: 29000 })
  voteCount: number;

  @ApiProperty({ example: 61.4 })
  popularity: number;

  @ApiProperty({ example: false })
  adult: boolean;
}

export class MovieSummaryPage {
  @ApiProperty({ type: [MovieSummaryResponse] })
  items: MovieSummaryResponse[];

  @ApiProperty({ example: 1, minimum: 1, maximum: 500 })
  page: number;

  @ApiProperty({ example: 20, description: 'TMDB pages hold 20 movies' })
  pageSize: number;

  @ApiProperty({ example: 10000, description: 'Results reachable through pages 1 to 500' })
  totalItems: number;

  @ApiProperty({ example: 500, maximum: 500, description: 'Capped at 500, the last page TMDB serves' })
  totalPages: number;
}

/** The detail fields TMDB gives; in a favorites list they may be missing (see detailsPartial). */
export class MovieDetailsResponse extends MovieBase {
  @ApiProperty({ example: 'Fight Club' })
  originalTitle: string;

  @ApiProperty({ example: 'en' })
  originalLanguage: string;

  @ApiProperty({ example: 'A ticking-time-bomb insomniac and a slippery soap salesman channel primal male aggression...' })
  overview: string;

  @ApiProperty({ example: 'Mischief. Mayhem. Soap.', nullable: true, type: String })
  tagline: string | null;

  @ApiProperty({ example: 'Released', nullable: true, type: String })
  status: string | null;

  @ApiProperty({ example: 139, nullable: true, type: Number, description: 'Minutes' })
  runtime: number | null;

  @ApiProperty({ type: [GenreResponse] })
  genres: GenreResponse[];

  @ApiProperty({
    example: '/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK.jpg',
    nullable: true,
    type: String,
    description: "TMDB's image path, for clients building their own image URLs",
  })
  posterPath: string | null;

  @ApiProperty({ example: 8.4 })
  voteAverage: number;

  @ApiProperty({ example: 29000 })
  voteCount: number;

  @ApiProperty({ example: 61.4 })
  popularity: number;

  @ApiProperty({ example: 'tt0137523', nullable: true, type: String })
  imdbId: string | null;

  @ApiProperty({ example: 'http://www.foxmovies.com/movies/fight-club', nullable: true, type: String })
  homepage: string | null;

  @ApiProperty({ example: false })
  adult: boolean;

  @ApiProperty({ type: [VideoResponse], description: 'Trailers, teasers and clips' })
  videos: VideoResponse[];

  @ApiProperty({ type: CreditsResponse })
  credits: CreditsResponse;

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(CountryWatchProvidersResponse) },
    description: 'Where to watch it, by ISO 3166-1 country code',
    example: { US: { link: 'https://www.themoviedb.org/movie/550-fight-club/watch?locale=US', flatrate: [], rent: [], buy: [] } },
  })
  watchProviders: Record<string, CountryWatchProvidersResponse>;
}

export class MovieResponse extends MovieDetailsResponse {
  @ApiProperty({ example: 4.2, nullable: true, type: Number, description: 'Average of the local reviews (1 to 5), null without reviews' })
  averageRating: number | null;

  @ApiProperty({ example: 3, description: 'Local reviews of this movie' })
  reviewCount: number;
}
