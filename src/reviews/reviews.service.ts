import { Injectable, Logger } from '@nestjs/common';
import { CatalogMovie } from '../catalog/catalog-movie';
import { CatalogService } from '../catalog/catalog.service';
import { AuthUser, canActFor } from '../common/auth/auth-user';
import { ConflictError, DomainError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/errors/domain-error';
import { makePage, Page } from '../common/http/pagination';
import { SpanHandle, traced } from '../infra/tracing/spans';
import { TmdbPort } from '../movies/tmdb.port';
import { NotionCallError } from '../notion/notion-call-error';
import { notionNotConfigured, NotionPort } from '../notion/notion.port';
import { pageContentOf, Review } from './review';
import { describe, ReviewMirror } from './review-mirror.service';
import { isPgError, PG_ERROR } from '../infra/database/pg-errors';
import { ReviewTransaction } from './review-transaction';
import { ReviewsRepository } from './reviews.repository';
import { ReviewWriteOptions } from './review-write.options';
import { reviewBusy, WriteSlots } from './write-slots';

export interface NewReviewInput {
  movieId?: number;
  tmdbId?: number;
  rating: number;
  comment: string;
}

export interface ReviewChanges {
  rating?: number;
  comment?: string;
}

/**
 * Bounds waits for row locks a write shares with others (its movie's row, during a rename). The review's own
 * lock is never waited for: a review being written or repaired is answered 409 at once.
 */
const LOCK_WAIT_MS = 5000;

/** The database failed around the Notion write; whatever Notion got was (or will be) undone. */
class ReviewNotSavedError extends DomainError {
  readonly kind = 'upstream_unavailable';
}

/**
 * Reviews live in PostgreSQL and in Notion, both changed or neither. Each write runs in one database
 * transaction that holds the review's lock and calls Notion before committing: if Notion fails the
 * transaction rolls back; if the database fails after Notion answered (or Notion's answer never came),
 * the review is repaired against the rolled-back database (ReviewMirror.compensate), durably recorded for
 * the reconciliation when even that fails. A duplicate or invalid review never reaches Notion.
 */
@Injectable()
export class ReviewsService {
  private readonly logger = new Logger('Reviews');
  private readonly slots: WriteSlots;

  constructor(
    private readonly reviews: ReviewsRepository,
    private readonly mirror: ReviewMirror,
    private readonly notion: NotionPort,
    private readonly catalog: CatalogService,
    private readonly tmdb: TmdbPort,
    writeOptions: ReviewWriteOptions,
  ) {
    this.slots = new WriteSlots(() => writeOptions);
  }

  async get(id: number): Promise<Review> {
    const review = await this.reviews.findById(id);
    if (!review) throw reviewNotFound(id);
    return review;
  }

  async listForMovie(movieId: number, query: { page: number; pageSize: number }): Promise<Page<Review>> {
    await this.catalog.require(movieId);
    const { items, total } = await this.reviews.listByMovie(movieId, (query.page - 1) * query.pageSize, query.pageSize);
    return makePage(items, query.page, query.pageSize, total);
  }

  async create(user: AuthUser, input: NewReviewInput): Promise<Review> {
    if ((input.movieId === undefined) === (input.tmdbId === undefined)) {
      throw new InvalidInputError('ReviewTargetInvalid', 'Send exactly one of movieId and tmdbId.', [
        { field: 'movieId', message: 'exactly one of movieId and tmdbId is required' },
      ]);
    }
    if (!this.notion.configured) throw notionNotConfigured();
    const movie = await this.movieFor(input);
    if (await this.reviews.existsFor(user.id, movie.id)) throw alreadyReviewed();
    return this.slots.run({ userId: user.id }, () => this.insertMirrored(user, movie, input));
  }

  async update(user: AuthUser, id: number, changes: ReviewChanges): Promise<Review> {
    if (changes.rating === undefined && changes.comment === undefined) {
      throw new InvalidInputError('NothingToUpdate', 'Send rating, comment or both.');
    }
    if (!this.notion.configured) throw notionNotConfigured();
    await this.requireWritable(user, id);
    return this.slots.run({ userId: user.id, reviewId: id }, () =>
      this.mirrored(id, 'update', async (tx, written) => {
        const current = await this.lockOwnReview(tx, user, id);
        await tx.update(id, { rating: changes.rating ?? current.rating, comment: changes.comment ?? current.comment });
        const review = (await tx.find(id)) as Review;
        const pageId = await this.writeOwnPage(tx, review);
        written.push(pageId);
        return { ...review, notionPageId: pageId };
      }),
    );
  }

  async delete(user: AuthUser, id: number): Promise<void> {
    if (!this.notion.configured) throw notionNotConfigured();
    await this.requireWritable(user, id);
    await this.slots.run({ userId: user.id, reviewId: id }, () =>
      this.mirrored(id, 'delete', async (tx, written) => {
        const current = await this.lockOwnReview(tx, user, id);
        await tx.delete(id);
        if (current.notionPageId) {
          await this.notion.trashPage(current.notionPageId);
          written.push(current.notionPageId);
        }
      }),
    );
  }

  /** Traced as one span: the transaction, the Notion call and, when it fails, the compensation inside it. */
  private insertMirrored(user: AuthUser, movie: CatalogMovie, input: NewReviewInput): Promise<Review> {
    return traced('review create', { 'catalog.movie.id': movie.id }, (span) => this.insertMirroredTraced(user, movie, input, span));
  }

  private async insertMirroredTraced(user: AuthUser, movie: CatalogMovie, input: NewReviewInput, span: SpanHandle): Promise<Review> {
    let reviewId: number | undefined;
    const written: string[] = [];
    try {
      return await this.reviews.inTransaction(async (tx) => {
        await tx.setLockTimeout(LOCK_WAIT_MS);
        reviewId = await tx.allocateId();
        span.setAttributes({ 'review.id': reviewId });
        await tx.lock(reviewId);
        await tx
          .insert(reviewId, { movieId: movie.id, userId: user.id, rating: input.rating, comment: input.comment })
          .catch((error: unknown) => {
            if (isPgError(error, PG_ERROR.uniqueViolation)) throw alreadyReviewed();
            if (isPgError(error, PG_ERROR.foreignKeyViolation))
              throw new NotFoundError('CatalogMovieNotFound', `The catalog has no movie ${movie.id}.`);
            throw error;
          });
        const review = (await tx.findForWrite(reviewId)) as Review;
        const page = await this.notion.createReviewPage(pageContentOf(review));
        written.push(page.id);
        await tx.setPageId(reviewId, page.id);
        return { ...review, notionPageId: page.id };
      });
    } catch (error) {
      throw await this.afterFailedWrite(error, reviewId, written, 'create');
    }
  }

  /** Runs an update or delete of review `id` in its transaction, compensating Notion if it fails. */
  private mirrored<T>(id: number, operation: string, work: (tx: ReviewTransaction, written: string[]) => Promise<T>): Promise<T> {
    return traced(`review ${operation}`, { 'review.id': id }, () => this.mirroredUntraced(id, operation, work));
  }

  private async mirroredUntraced<T>(
    id: number,
    operation: string,
    work: (tx: ReviewTransaction, written: string[]) => Promise<T>,
  ): Promise<T> {
    const written: string[] = [];
    try {
      return await this.reviews.inTransaction(async (tx) => {
        await tx.setLockTimeout(LOCK_WAIT_MS);
        // Another replica's write, or a repair, holds the review: answer now rather than queue behind it.
        if (!(await tx.tryLock(id))) throw reviewBusy();
        return work(tx, written);
      });
    } catch (error) {
      throw await this.afterFailedWrite(error, id, written, operation);
    }
  }

  /**
   * Before a write is admitted (and claims the review): only its author or an admin may hold a review's place,
   * so nobody can keep another user's review answering 409. The transaction checks again under the lock.
   */
  private async requireWritable(user: AuthUser, id: number): Promise<void> {
    const review = await this.reviews.findById(id);
    if (!review) throw reviewNotFound(id);
    if (!canActFor(user, review.userId)) throw notYourReview();
  }

  private async lockOwnReview(tx: ReviewTransaction, user: AuthUser, id: number): Promise<Review> {
    const review = await tx.findForWrite(id);
    if (!review) throw reviewNotFound(id);
    if (!canActFor(user, review.userId)) throw notYourReview();
    return review;
  }

  /** Writes the review into its page; a page deleted from Notion for good is replaced (by Review ID, or anew). */
  private async writeOwnPage(tx: ReviewTransaction, review: Review): Promise<string> {
    const content = pageContentOf(review);
    if (review.notionPageId) {
      try {
        return (await this.notion.writeReviewPage(review.notionPageId, content)).id;
      } catch (error) {
        if (!(error instanceof NotionCallError && error.kind === 'not_found')) throw error;
      }
    }
    const [live] = await this.notion.findLivePagesByReviewId(review.id);
    const page = live ? await this.notion.writeReviewPage(live.id, content) : await this.notion.createReviewPage(content);
    await tx.setPageId(review.id, page.id);
    return page.id;
  }

  /**
   * The transaction is rolled back by now. If Notion may have changed (it answered, or its answer never
   * came), the review is repaired against the database before the client hears of the failure.
   */
  private async afterFailedWrite(error: unknown, reviewId: number | undefined, written: string[], operation: string): Promise<unknown> {
    const notionMayHaveChanged = written.length > 0 || (error instanceof NotionCallError && error.mayHaveApplied);
    if (reviewId !== undefined && notionMayHaveChanged) {
      await this.mirror.compensate(reviewId, written, `${operation} failed: ${describe(error)}`);
    }
    if (error instanceof DomainError) return error;
    if (isPgError(error, PG_ERROR.lockNotAvailable)) return reviewBusy();
    this.logger.error({ msg: `review ${operation} failed in the database`, reviewId, detail: describe(error) });
    return new ReviewNotSavedError('ReviewNotSaved', 'The review could not be saved and nothing was changed; try again.');
  }

  private async movieFor(input: NewReviewInput): Promise<CatalogMovie> {
    if (input.movieId !== undefined) return this.catalog.require(input.movieId);
    const tmdbId = input.tmdbId as number;
    const known = await this.catalog.findByTmdbId(tmdbId);
    if (known) return known;
    return this.catalog.importFromTmdb(await this.tmdb.getMovieDetails(tmdbId));
  }
}

function reviewNotFound(id: number): NotFoundError {
  return new NotFoundError('ReviewNotFound', `There is no review ${id}.`);
}

function notYourReview(): ForbiddenError {
  return new ForbiddenError('NotYourReview', 'Only the author or an admin may change this review.');
}

function alreadyReviewed(): ConflictError {
  return new ConflictError('ReviewExists', 'You have already reviewed this movie; change that review instead.');
}
