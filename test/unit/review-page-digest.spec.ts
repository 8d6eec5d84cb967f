import { contentDigest, pageMatches, ReviewPage, ReviewPageContent } from '../../src/notion/review-page';

const expected: ReviewPageContent = { reviewId: 7, movie: 'Alien', rating: 4, review: 'Tense.', author: 'ana' };
const page = (content: Partial<ReviewPage['content']>): ReviewPage => ({ id: 'p', inTrash: false, content: { ...expected, ...content } });

describe('contentDigest', () => {
  it.each<[string, Partial<ReviewPage['content']>]>([
    ['the same properties', {}],
    ['another Review ID', { reviewId: 8 }],
    ['no Review ID', { reviewId: null }],
    ['another title', { movie: 'Aliens' }],
    ['no rating', { rating: null }],
    ['a rating as text would be', { rating: 40 }],
    ['another comment', { review: 'Tense' }],
    ['text moved between properties', { movie: 'Alien', review: 'Tense.', author: 'an' }],
    ['another author', { author: 'Ana' }],
  ])('agrees with pageMatches for %s', (_case, change) => {
    const candidate = page(change);
    expect(contentDigest(candidate.content) === contentDigest(expected)).toBe(pageMatches(candidate, expected));
  });

  it('keeps 22 characters, whatever the length of the comment', () => {
    expect(contentDigest({ ...expected, review: 'x'.repeat(5000) })).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
