import { ConflictError, OverloadedError, RateLimitedError } from '../common/errors/domain-error';

export interface WriteLimits {
  /** Writes holding a database transaction (and waiting on Notion) at once. */
  slots: number;
  /** Writes waiting for a slot; one more is refused with 503. */
  queue: number;
  /** Writes of one user running or waiting; one more is refused with 429. */
  perUser: number;
}

export interface WriteClaim {
  userId: number;
  /** The review an edit or delete changes; a second write of it while one is admitted is refused at once. */
  reviewId?: number;
}

/** Until writes have been measured, one is assumed to take this long (Notion answers in well under a second). */
const INITIAL_WRITE_MS = 1000;

/**
 * Admission of review writes in this process. Each write keeps a database transaction open while Notion
 * answers, and Notion's pace is three requests a second, so writes must queue here, not in the connection
 * pool, and the queue must be fair: it is bounded (503 with Retry-After when full, rather than a wait no
 * client sits through), one user holds at most `perUser` places (429, so one user's burst cannot take the
 * slots from everyone), and a review already being written is answered 409 at once instead of queuing
 * behind its own lock. Limits are read at each admission, so a change applies at once.
 */
export class WriteSlots {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly byUser = new Map<number, number>();
  private readonly reviews = new Set<number>();
  private averageMs = INITIAL_WRITE_MS;

  constructor(
    private readonly limits: () => WriteLimits,
    private readonly now: () => number = Date.now,
  ) {}

  async run<T>(claim: WriteClaim, work: () => Promise<T>): Promise<T> {
    this.admit(claim);
    try {
      if (this.active >= this.limits().slots) await new Promise<void>((resolve) => this.waiting.push(resolve));
      else this.active += 1;
      const startedAt = this.now();
      try {
        return await work();
      } finally {
        // A slow write moves the estimate by a tenth, so Retry-After follows Notion's pace without jumping.
        this.averageMs += (this.now() - startedAt - this.averageMs) / 10;
        const next = this.waiting.shift();
        if (next) next();
        else this.active -= 1;
      }
    } finally {
      this.release(claim);
    }
  }

  /** Refuses the write now, or takes its places (the user's, the review's) until it ends. */
  private admit(claim: WriteClaim): void {
    const limits = this.limits();
    if (claim.reviewId !== undefined && this.reviews.has(claim.reviewId)) throw reviewBusy();
    const mine = this.byUser.get(claim.userId) ?? 0;
    if (mine >= limits.perUser) {
      throw new RateLimitedError(
        'TooManyReviewWrites',
        `You already have ${mine} review writes in progress; wait for them to finish.`,
        this.secondsFor(1),
      );
    }
    if (this.active >= limits.slots && this.waiting.length >= limits.queue) {
      throw new OverloadedError(
        'ReviewWritesBusy',
        'Too many review writes are waiting for Notion right now; nothing was changed, try again shortly.',
        this.secondsFor(this.waiting.length / Math.max(1, limits.slots) + 1),
      );
    }
    this.byUser.set(claim.userId, mine + 1);
    if (claim.reviewId !== undefined) this.reviews.add(claim.reviewId);
  }

  private release(claim: WriteClaim): void {
    const mine = (this.byUser.get(claim.userId) ?? 1) - 1;
    if (mine > 0) this.byUser.set(claim.userId, mine);
    else this.byUser.delete(claim.userId);
    if (claim.reviewId !== undefined) this.reviews.delete(claim.reviewId);
  }

  private secondsFor(writes: number): number {
    return Math.max(1, Math.ceil((writes * this.averageMs) / 1000));
  }
}

/** The review is being written by another request (here, on another replica, or by a repair). */
export function reviewBusy(): ConflictError {
  return new ConflictError('ReviewBusy', 'The review is being changed by another request; try again.');
}
