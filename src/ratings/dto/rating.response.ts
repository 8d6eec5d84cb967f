import { ApiProperty } from '@nestjs/swagger';
import { PageResponse } from '../../common/http/pagination';

export class RatingResponse {
  @ApiProperty({ example: 550 })
  tmdbId: number;

  @ApiProperty({ example: 4.5, minimum: 0, maximum: 5, multipleOf: 0.5 })
  stars: number;

  @ApiProperty({ example: 'Fight Club', description: "TMDB's title when the movie was first rated" })
  title: string;

  @ApiProperty({ example: '1999-10-15', nullable: true, type: String, format: 'date' })
  releaseDate: string | null;

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z', format: 'date-time' })
  ratedAt: string;

  @ApiProperty({ example: '2026-11-24T08:30:00.000Z', format: 'date-time' })
  updatedAt: string;
}

export class RatingPage extends PageResponse(RatingResponse) {}
