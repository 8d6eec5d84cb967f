import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-error';
import { makePage, Page, pageOffset } from '../common/http/pagination';
import { UserMarksCache } from '../user-marks/user-marks.cache';
import { TmdbPort } from '../movies/tmdb.port';
import type { RatingResponse } from './dto/rating.response';
import { RatingEntity } from './entities/rating.entity';
import { RatingsRepository } from './ratings.repository';

@Injectable()
export class RatingsService {
  constructor(
    private readonly ratings: RatingsRepository,
    private readonly tmdb: TmdbPort,
    private readonly flags: UserMarksCache,
  ) {}

  /**
   * Creates or corrects the caller's rating. A new rating needs the movie to
   * exist in TMDB (404 otherwise, 502/503/504 when TMDB cannot say); a
   * correction does not ask TMDB again, so it works while TMDB is down.
   */
  async rate(userId: number, tmdbId: number, stars: number): Promise<{ rating: RatingResponse; created: boolean }> {
    if (await this.ratings.find(userId, tmdbId)) {
      const updated = await this.ratings.updateStars(userId, tmdbId, stars);
      if (updated) {
        await this.flags.invalidate(userId);
        return { rating: toResponse(updated), created: false };
      }
    }
    const movie = await this.tmdb.getMovieDetails(tmdbId);
    const { rating, created } = await this.ratings.upsert({ userId, tmdbId, stars, title: movie.title, releaseDate: movie.releaseDate });
    await this.flags.invalidate(userId);
    return { rating: toResponse(rating), created };
  }

  async list(userId: number, query: { page: number; pageSize: number }): Promise<Page<RatingResponse>> {
    const [rows, total] = await this.ratings.page(userId, pageOffset(query), query.pageSize);
    return makePage(rows.map(toResponse), query.page, query.pageSize, total);
  }

  async remove(userId: number, tmdbId: number): Promise<void> {
    if (!(await this.ratings.delete(userId, tmdbId))) {
      throw new NotFoundError('RatingNotFound', 'You have not rated that movie.');
    }
    await this.flags.invalidate(userId);
  }
}

function toResponse(rating: RatingEntity): RatingResponse {
  return {
    tmdbId: rating.tmdbId,
    stars: rating.stars,
    title: rating.title,
    releaseDate: rating.releaseDate,
    ratedAt: rating.createdAt.toISOString(),
    updatedAt: rating.updatedAt.toISOString(),
  };
}
