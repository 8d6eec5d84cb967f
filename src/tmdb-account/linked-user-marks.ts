import { Injectable } from '@nestjs/common';
import { UserMarksPort, UserMovieFlags } from '../movies/user-marks.port';
import { UserMarksCache } from '../user-marks/user-marks.cache';
import { LinkedAccountService } from './linked-account.service';

/**
 * Movie item flags that follow a linked TMDb account: before the marks are
 * read, a linked user's stale local copy is refreshed from the account. Whether
 * the user is linked comes from the per-replica LinkedUsersCache, so for users
 * without a link this adds no database round trip to the hot movie lists.
 */
@Injectable()
export class LinkedUserMarks extends UserMarksPort {
  constructor(
    private readonly marks: UserMarksCache,
    private readonly linked: LinkedAccountService,
  ) {
    super();
  }

  async forMovies(userId: number, tmdbIds: readonly number[]): Promise<Map<number, UserMovieFlags>> {
    await this.linked.refreshIfStale(userId);
    return this.marks.forMovies(userId, tmdbIds);
  }
}
