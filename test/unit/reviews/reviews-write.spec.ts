import { AuthUser } from '../../../src/common/auth/auth-user';
import { DomainError } from '../../../src/common/errors/domain-error';
import { NotionCallError } from '../../../src/notion/notion-call-error';
import { ReconciliationService } from '../../../src/reviews/reconciliation.service';
import { ReviewsService } from '../../../src/reviews/reviews.service';
import { timedOut, unavailable } from './fake-notion';
import { ReviewsHarness, startReviewsHarness } from './reviews-harness';

/** The comment whose commits the database refuses (after Notion was written). */
const DOOMED = 'this commit will fail';

describe('Review writes and their compensation (real PostgreSQL, Notion faked)', () => {
  let harness: ReviewsHarness;
  let reviews: ReviewsService;
  let author: AuthUser;
  let movieId: number;

  beforeAll(async () => {
    harness = await startReviewsHarness();
    reviews = harness.get(ReviewsService);
  });
  afterAll(() => harness?.close());

  beforeEach(async () => {
    harness.notion.reset();
    await harness.db.query(`TRUNCATE reviews, notion_pending_syncs`);
    await harness.acceptAllCommits();
    await harness.refuseCommitsOf(DOOMED);
    author = await harness.makeUser(`author${Date.now() % 100_000}`);
    movieId = await harness.makeMovie('Arrival');
  });

  async function expectFailure(write: Promise<unknown>): Promise<unknown> {
    const error = await write.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeDefined();
    return error;
  }

  it('a review written while both stores work is stored in each, the row naming its page', async () => {
    const review = await reviews.create(author, { movieId, rating: 4, comment: 'Patient and kind.' });

    const [row] = await harness.reviewRows();
    expect(row).toEqual({ id: review.id, comment: 'Patient and kind.', notion_page_id: review.notionPageId });
    expect(harness.notion.pages.get(review.notionPageId as string)).toEqual({
      id: review.notionPageId,
      inTrash: false,
      content: { reviewId: review.id, movie: 'Arrival', rating: 4, review: 'Patient and kind.', author: author.username },
    });
  });

  describe('Notion fails: nothing is stored', () => {
    it('a create that Notion refuses leaves no row, no page and no repair owed', async () => {
      harness.notion.fail({ operation: 'createReviewPage', error: unavailable });

      const error = await expectFailure(reviews.create(author, { movieId, rating: 4, comment: 'Never stored.' }));

      expect(error).toBeInstanceOf(NotionCallError);
      expect((error as NotionCallError).kind).toBe('upstream_unavailable');
      expect(await harness.reviewRows()).toEqual([]);
      expect(harness.notion.pages.size).toBe(0);
      expect(await harness.pendingSyncs()).toEqual([]);
      // Nothing reached Notion, so nothing had to be undone there.
      expect(harness.notion.calls).toEqual(['createReviewPage']);
    });

    it('an update that Notion refuses leaves the row and the page as they were', async () => {
      const review = await reviews.create(author, { movieId, rating: 4, comment: 'First thoughts.' });
      harness.notion.fail({ operation: 'writeReviewPage', error: unavailable });

      await expectFailure(reviews.update(author, review.id, { comment: 'Second thoughts.', rating: 2 }));

      expect(await harness.reviewRows()).toEqual([{ id: review.id, comment: 'First thoughts.', notion_page_id: review.notionPageId }]);
      expect(harness.notion.pages.get(review.notionPageId as string)?.content).toMatchObject({ review: 'First thoughts.', rating: 4 });
      expect(await harness.pendingSyncs()).toEqual([]);
    });

    it('a create whose answer never came (Notion stored it) has the page trashed, and no row', async () => {
      harness.notion.fail({ operation: 'createReviewPage', error: timedOut, after: true, times: 1 });

      const error = await expectFailure(reviews.create(author, { movieId, rating: 5, comment: 'Lost in transit.' }));

      expect((error as NotionCallError).kind).toBe('upstream_timeout');
      expect(await harness.reviewRows()).toEqual([]);
      // The compensation found the page by its Review ID although the create never told us its id.
      expect(harness.notion.pages.size).toBe(1);
      expect(harness.notion.pagesNotInTrash()).toEqual([]);
      expect(await harness.pendingSyncs()).toEqual([]);
    });
  });

  describe('the database fails after Notion was written: Notion is compensated', () => {
    it('a create whose commit fails has its new page trashed and answers ReviewNotSaved', async () => {
      const error = await expectFailure(reviews.create(author, { movieId, rating: 3, comment: DOOMED }));

      expect((error as DomainError).code).toBe('ReviewNotSaved');
      expect(await harness.reviewRows()).toEqual([]);
      const [page] = [...harness.notion.pages.values()];
      expect(page).toMatchObject({ inTrash: true, content: { review: DOOMED } });
      expect(await harness.pendingSyncs()).toEqual([]);
    });

    it('an update whose commit fails has its page set back to the row', async () => {
      const review = await reviews.create(author, { movieId, rating: 4, comment: 'What the row keeps.' });

      const error = await expectFailure(reviews.update(author, review.id, { comment: DOOMED, rating: 1 }));

      expect((error as DomainError).code).toBe('ReviewNotSaved');
      expect(await harness.reviewRows()).toEqual([{ id: review.id, comment: 'What the row keeps.', notion_page_id: review.notionPageId }]);
      expect(harness.notion.pages.get(review.notionPageId as string)).toMatchObject({
        inTrash: false,
        content: { review: 'What the row keeps.', rating: 4 },
      });
      expect(await harness.pendingSyncs()).toEqual([]);
    });

    it('a delete whose commit fails has its page taken back out of the trash', async () => {
      const review = await reviews.create(author, { movieId, rating: 4, comment: 'Goodbye.' });
      await harness.refuseCommitsOf('Goodbye.');

      const error = await expectFailure(reviews.delete(author, review.id));

      expect((error as DomainError).code).toBe('ReviewNotSaved');
      expect(await harness.reviewRows()).toHaveLength(1);
      expect(harness.notion.pages.get(review.notionPageId as string)?.inTrash).toBe(false);
      expect(harness.notion.calls).toContain('trashPage');
    });
  });

  describe('the compensation fails too: the repair is owed, durably', () => {
    it('records a pending sync naming the page, which the next reconciliation finishes', async () => {
      harness.notion.fail({ operation: 'trashPage', error: unavailable });

      const error = await expectFailure(reviews.create(author, { movieId, rating: 2, comment: DOOMED }));

      expect((error as DomainError).code).toBe('ReviewNotSaved');
      expect(await harness.reviewRows()).toEqual([]);
      const [stray] = harness.notion.pagesNotInTrash();
      expect(stray.content.review).toBe(DOOMED);
      const [pending] = await harness.pendingSyncs();
      expect(pending).toMatchObject({ review_id: stray.content.reviewId, page_ids: [stray.id], attempts: 0 });
      expect(pending.reason).toMatch(/^create failed: /);

      harness.notion.heal();
      const report = await harness.get(ReconciliationService).reconcile();
      expect(report).toMatchObject({ archived: 1, pending: 0 });
      expect(harness.notion.pagesNotInTrash()).toEqual([]);
      expect(await harness.pendingSyncs()).toEqual([]);
    });

    it('a second failure of the same review merges into its one record', async () => {
      const review = await reviews.create(author, { movieId, rating: 4, comment: 'Kept.' });
      // Notion may have stored the update (no answer), and the compensation cannot read the page back.
      harness.notion.fail({ operation: 'writeReviewPage', error: timedOut });
      harness.notion.fail({ operation: 'getPage', error: unavailable });

      await expectFailure(reviews.update(author, review.id, { comment: 'Not kept.' }));
      await expectFailure(reviews.update(author, review.id, { rating: 1 }));

      const pending = await harness.pendingSyncs();
      expect(pending).toHaveLength(1);
      expect(pending[0]).toMatchObject({ review_id: review.id, page_ids: [] });
      expect(pending[0].reason).toMatch(/^update failed: /);
    });
  });
});
