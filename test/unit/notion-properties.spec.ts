import { richText, reviewProperties } from '../../src/notion/notion-properties';

describe('Notion review properties', () => {
  it('splits text into items of at most 2,000 characters', () => {
    const items = richText('a'.repeat(4500));
    expect(items.map((item) => item.text.content.length)).toEqual([2000, 2000, 500]);
  });

  it('never splits a surrogate pair across two items', () => {
    const text = `${'a'.repeat(1999)}😀b`;
    const items = richText(text);
    expect(items.map((item) => item.text.content)).toEqual(['a'.repeat(1999), '😀b']);
    expect(items.map((item) => item.text.content).join('')).toBe(text);
  });

  it('writes an empty text as no items, and refuses more than 100 items', () => {
    expect(richText('')).toEqual([]);
    expect(() => richText('x'.repeat(200_001))).toThrow(RangeError);
  });

  it('names every property of the contract', () => {
    const properties = reviewProperties({ reviewId: 7, movie: 'Heat', rating: 5, review: 'Tight.', author: 'ana' });
    expect(Object.keys(properties)).toEqual(['Movie', 'Rating', 'Review', 'Author', 'Review ID']);
    expect(properties['Review ID']).toEqual({ type: 'number', number: 7 });
    expect(properties.Movie.title).toEqual([{ type: 'text', text: { content: 'Heat' } }]);
  });
});
