import { ApiProperty } from '@nestjs/swagger';
import { PageResponse } from '../../common/http/pagination';
import type { Review } from '../review';

export class ReviewResponse {
  @ApiProperty({ example: 12, description: 'Also the `Review ID` of its Notion page' })
  id: number;

  @ApiProperty({ example: 1 })
  movieId: number;

  @ApiProperty({ example: 'Fight Club' })
  movieTitle: string;

  @ApiProperty({ example: 2 })
  userId: number;

  @ApiProperty({ example: 'consumer', description: "The author's username" })
  author: string;

  @ApiProperty({ example: 5, minimum: 1, maximum: 5 })
  rating: number;

  @ApiProperty({ example: 'Still the sharpest satire of the nineties.' })
  comment: string;

  @ApiProperty({ example: '2f6c1b0e-7d7a-4c55-9d0a-3b1f8f1e2a44', description: 'The Notion page that mirrors this review' })
  notionPageId: string;

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z' })
  createdAt: string;

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z' })
  updatedAt: string;

  static from(review: Review): ReviewResponse {
    return {
      id: review.id,
      movieId: review.movieId,
      movieTitle: review.movieTitle,
      userId: review.userId,
      author: review.author,
      rating: review.rating,
      comment: review.comment,
      notionPageId: review.notionPageId ?? '',
      createdAt: review.createdAt.toISOString(),
      updatedAt: review.updatedAt.toISOString(),
    };
  }
}

export class ReviewPageResponse extends PageResponse(ReviewResponse) {}
