import { AuthUser } from '../../../src/common/auth/auth-user';
import { DomainError } from '../../../src/common/errors/domain-error';
import { PendingSyncsRepository } from '../../../src/reviews/pending-syncs.repository';
import { ReconciliationLock } from '../../../src/reviews/reconciliation-lock';
import { ReconciliationService } from '../../../src/reviews/reconciliation.service';
import { Review } from '../../../src/reviews/review';
import { REVIEW_LOCK_CLASS } from '../../../src/reviews/review-transaction';
import { ReviewsService } from '../../../src/reviews/reviews.service';
import { unavailable } from './fake-notion';
import { ReviewsHarness, startReviewsHarness } from './reviews-harness';

describe('Reconciliation of PostgreSQL with Notion (real PostgreSQL, Notion faked)', () => {
  let harness: ReviewsHarness;
  let reconciliation: ReconciliationService;
  let author: AuthUser;
  let movieId: number;

  beforeAll(async () => {
    harness = await startReviewsHarness();
    reconciliation = harness.get(ReconciliationService);
  });
  afterAll(() => harness?.close());

  beforeEach(async () => {
    harness.notion.reset();
    await harness.db.query(`TRUNCATE reviews, notion_pending_syncs`);
    author = await harness.makeUser(`critic${Date.now() % 100_000}`);
    movieId = await harness.makeMovie('Stalker');
  });

  /** A review stored in both places, as a successful write leaves it. */
  async function review(comment: string): Promise<Review & { notionPageId: string }> {
    const user = await harness.makeUser(`u${Date.now() % 100_000}${comment.length}`);
    return (await harness.get(ReviewsService).create(user, { movieId, rating: 4, comment })) as Review & { notionPageId: string };
  }

  function pageOf(reviewId: number) {
    return { reviewId, movie: 'Stalker', rating: 4, author: author.username };
  }

  it('leaves stores that agree alone, checking every review', async () => {
    await review('One.');
    await review('Two.');
    const before = harness.notion.calls.length;

    expect(await reconciliation.reconcile()).toEqual({ checked: 2, recreated: 0, updated: 0, archived: 0, pending: 0 });
    // One listing, no page read or written.
    expect(harness.notion.calls.slice(before)).toEqual(['livePages']);
  });

  it('recreates a page deleted from Notion for good, and the row names the new page', async () => {
    const written = await review('Gone from Notion.');
    harness.notion.pages.delete(written.notionPageId);

    expect(await reconciliation.reconcile()).toMatchObject({ checked: 1, recreated: 1, updated: 0, archived: 0 });

    const [row] = await harness.reviewRows();
    expect(row.notion_page_id).not.toBe(written.notionPageId);
    expect(harness.notion.pages.get(row.notion_page_id as string)).toMatchObject({
      inTrash: false,
      content: { reviewId: written.id, review: 'Gone from Notion.' },
    });
  });

  it('takes a trashed page back out of the trash, keeping its id', async () => {
    const written = await review('Trashed by hand.');
    harness.notion.pages.get(written.notionPageId)!.inTrash = true;

    expect(await reconciliation.reconcile()).toMatchObject({ recreated: 1, updated: 0, archived: 0 });

    expect(harness.notion.pages.get(written.notionPageId)?.inTrash).toBe(false);
    expect((await harness.reviewRows())[0].notion_page_id).toBe(written.notionPageId);
  });

  it('sets an edited page back to its review', async () => {
    const written = await review('The words in the database.');
    const page = harness.notion.pages.get(written.notionPageId)!;
    page.content = { ...page.content, rating: 1, review: 'Edited in Notion.', movie: 'Solaris' };

    expect(await reconciliation.reconcile()).toMatchObject({ checked: 1, recreated: 0, updated: 1, archived: 0 });

    expect(harness.notion.pages.get(written.notionPageId)?.content).toMatchObject({
      rating: 4,
      review: 'The words in the database.',
      movie: 'Stalker',
    });
  });

  it('archives orphan pages: no review behind them, a duplicate of a review, or no Review ID at all', async () => {
    const written = await review('Has a twin.');
    const orphan = harness.notion.put({ ...pageOf(99_999), review: 'No such review.' });
    const twin = harness.notion.put({ ...pageOf(written.id), review: 'Has a twin.' });
    const unkeyed = harness.notion.put({ ...pageOf(1), reviewId: null, review: 'Review ID erased.' });

    expect(await reconciliation.reconcile()).toMatchObject({ checked: 1, recreated: 0, updated: 0, archived: 3 });

    for (const page of [orphan, twin, unkeyed]) expect(harness.notion.pages.get(page.id)?.inTrash).toBe(true);
    expect(harness.notion.pages.get(written.notionPageId)?.inTrash).toBe(false);
  });

  it('keeps a page whose Review ID was erased when its review still names it (and restores the ID)', async () => {
    const written = await review('Still mine.');
    harness.notion.pages.get(written.notionPageId)!.content.reviewId = null;

    expect(await reconciliation.reconcile()).toMatchObject({ updated: 1, archived: 0 });
    expect(harness.notion.pages.get(written.notionPageId)).toMatchObject({ inTrash: false, content: { reviewId: written.id } });
  });

  it('finishes the pending syncs first, removing each one it completes', async () => {
    const kept = await review('Owed a rewrite.');
    harness.notion.pages.get(kept.notionPageId)!.content.review = 'Stale.';
    const stray = harness.notion.put({ ...pageOf(77_777), review: 'A failed create left me.' });
    const pending = harness.get(PendingSyncsRepository);
    await pending.record(kept.id, [], 'update failed: test', 'Notion answered 503.');
    await pending.record(77_777, [stray.id], 'create failed: test', 'Notion answered 503.');

    const report = await reconciliation.reconcile();

    expect(report).toMatchObject({ updated: 1, archived: 1, pending: 0 });
    expect(await harness.pendingSyncs()).toEqual([]);
    expect(harness.notion.pages.get(stray.id)?.inTrash).toBe(true);
    expect(harness.notion.pages.get(kept.notionPageId)?.content.review).toBe('Owed a rewrite.');
  });

  it('a pending sync that fails again stays owed, one attempt more', async () => {
    const stray = harness.notion.put({ ...pageOf(88_888), review: 'Stuck.' });
    await harness.get(PendingSyncsRepository).record(88_888, [stray.id], 'create failed: test', 'Notion answered 503.');
    harness.notion.fail({ operation: 'getPage', error: unavailable, times: 1 });

    const report = await reconciliation.reconcile();

    // The walk over the pages still archived the stray page; the record is finished on the next run.
    expect(report.pending).toBe(1);
    expect(await harness.pendingSyncs()).toEqual([expect.objectContaining({ review_id: 88_888, attempts: 1 })]);
    expect((await reconciliation.reconcile()).pending).toBe(0);
  });

  it('skips a review whose write is in flight (its lock held) and repairs it on the next run', async () => {
    const written = await review('Being written.');
    harness.notion.pages.get(written.notionPageId)!.content.rating = 1;
    const writer = harness.db.createQueryRunner();
    await writer.connect();
    try {
      await writer.startTransaction();
      await writer.query(`SELECT pg_advisory_xact_lock($1, $2)`, [REVIEW_LOCK_CLASS, written.id]);

      expect(await reconciliation.reconcile()).toMatchObject({ checked: 1, updated: 0 });
      expect(harness.notion.pages.get(written.notionPageId)?.content.rating).toBe(1);
    } finally {
      await writer.rollbackTransaction();
      await writer.release();
    }
    expect(await reconciliation.reconcile()).toMatchObject({ updated: 1 });
  });

  it('refuses to start while another run holds the reconciliation lock', async () => {
    const release = await harness.get(ReconciliationLock).tryAcquire();
    expect(release).toBeDefined();
    try {
      const error = await reconciliation.reconcile().then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect((error as DomainError).code).toBe('ReconciliationRunning');
    } finally {
      await release?.();
    }
  });

  it('a repair that fails is recorded as a pending sync', async () => {
    const written = await review('Cannot be fixed now.');
    harness.notion.pages.get(written.notionPageId)!.content.rating = 2;
    harness.notion.fail({ operation: 'writeReviewPage', error: unavailable, times: 1 });

    expect(await reconciliation.reconcile()).toMatchObject({ updated: 0, pending: 1 });
    expect(await harness.pendingSyncs()).toEqual([
      expect.objectContaining({ review_id: written.id, reason: 'reconciliation repair failed' }),
    ]);
  });
});
