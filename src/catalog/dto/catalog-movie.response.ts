import { ApiProperty } from '@nestjs/swagger';
import { PageResponse } from '../../common/http/pagination';
import type { CatalogMovieWithStats } from '../catalog-movie';

export class CatalogMovieResponse {
  @ApiProperty({ example: 1 })
  id: number;

  @ApiProperty({ example: 'Central do Brasil' })
  title: string;

  @ApiProperty({ example: 1998, nullable: true, type: Number, description: 'null when TMDB does not know the release date' })
  year: number | null;

  @ApiProperty({ example: 'A retired teacher helps a boy look for his father.' })
  description: string;

  @ApiProperty({ example: 666, nullable: true, type: Number })
  tmdbId: number | null;

  @ApiProperty({ example: 3 })
  reviewCount: number;

  @ApiProperty({ example: 4.33, nullable: true, type: Number, description: 'Mean review rating, two decimals; null without reviews' })
  averageRating: number | null;

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z' })
  createdAt: string;

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z' })
  updatedAt: string;

  static from(movie: CatalogMovieWithStats): CatalogMovieResponse {
    return {
      id: movie.id,
      title: movie.title,
      year: movie.year,
      description: movie.description,
      tmdbId: movie.tmdbId,
      reviewCount: movie.reviewCount,
      averageRating: movie.averageRating,
      createdAt: movie.createdAt.toISOString(),
      updatedAt: movie.updatedAt.toISOString(),
    };
  }
}

export class CatalogMoviePage extends PageResponse(CatalogMovieResponse) {}
