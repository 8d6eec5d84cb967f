import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { PageResponse } from '../../common/http/pagination';
import { MovieDetailsResponse } from '../../movies/dto/movie.response';

/** What PUT /me/favorites/{tmdbId} answers: the favorite as stored. */
export class FavoriteResponse {
  @ApiProperty({ example: 550 })
  tmdbId: number;

  @ApiProperty({ example: 'Fight Club' })
  title: string;

  @ApiProperty({ example: '1999-10-15', nullable: true, type: String, format: 'date' })
  releaseDate: string | null;

  @ApiProperty({ example: 'https://image.tmdb.org/t/p/w500/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK.jpg', nullable: true, type: String })
  posterUrl: string | null;

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z', format: 'date-time' })
  addedAt: string;
}

/**
 * A favorite with the movie's full details and the owner's rating. When TMDB
 * cannot give the details right now, detailsPartial is true and only tmdbId,
 * title, releaseDate, posterPath and posterUrl (stored when it was added) are
 * known; the other detail fields are null or empty. It has no `inWatchlist`:
 * shared lists show this shape, and the owner's watchlist is not shared.
 */
export class FavoriteMovieResponse extends PartialType(OmitType(MovieDetailsResponse, ['inWatchlist'] as const)) {
  @ApiProperty({ required: true, example: 550 })
  override tmdbId: number;

  @ApiProperty({ required: true, example: 'Fight Club' })
  override title: string;

  @ApiProperty({ required: true, example: '1999-10-15', nullable: true, type: String, format: 'date' })
  override releaseDate: string | null;

  @ApiProperty({ required: true, example: 'https://image.tmdb.org/t/p/w500/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK.jpg', nullable: true, type: String })
  override posterUrl: string | null;

  @ApiProperty({ required: true, example: true })
  override favorite: boolean;

  @ApiProperty({ required: true, example: 4.5, nullable: true, type: Number, description: "The list owner's rating, null if not rated" })
  override myRating: number | null;

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z', format: 'date-time' })
  addedAt: string;

  @ApiProperty({ example: false, description: 'True when TMDB could not give the details now; only the stored fields are filled' })
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

export class FavoriteMoviePage extends PageResponse(FavoriteMovieResponse) {}
