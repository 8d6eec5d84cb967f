import { contentDigest, ReviewPage } from '../../src/notion/review-page';
import { LivePageIndex } from '../../src/reviews/live-page-index';

const page = (id: string, reviewId: number | null, review = 'Fine.'): ReviewPage => ({
  id,
  inTrash: false,
  content: { reviewId, movie: 'Alien', rating: 4, review, author: 'ana' },
});

async function* batches(...lists: ReviewPage[][]): AsyncIterable<ReviewPage[]> {
  for (const list of lists) yield list;
}

describe('LivePageIndex', () => {
  it('keeps each page as its id and digest under its Review ID, duplicates together, and hands each review its pages once', async () => {
    const long = 'x'.repeat(5000);
    const index = await LivePageIndex.build(
      batches([page('p1', 1, long), page('p2', 2)], [page('p3', 2, 'Other.'), page('p4', null), page('p5', 0)]),
    );

    expect(index.take(1)).toEqual([{ id: 'p1', digest: contentDigest(page('p1', 1, long).content) }]);
    expect(index.take(1)).toEqual([]);
    expect(index.take(2).map((entry) => entry.id)).toEqual(['p2', 'p3']);
    expect(index.unkeyedPageIds()).toEqual(['p4', 'p5']);
    expect([...index.untaken()]).toEqual([]);
  });

  it('leaves the pages no review took', async () => {
    const index = await LivePageIndex.build(batches([page('p1', 1), page('p9', 9), page('p9b', 9)]));
    index.take(1);
    expect([...index.untaken()].map(([reviewId, pages]) => [reviewId, pages.map((entry) => entry.id)])).toEqual([[9, ['p9', 'p9b']]]);
  });
});
