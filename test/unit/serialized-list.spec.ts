import { makePage } from '../../src/common/http/pagination';
import { ownJson, serializedPage, SharedJson, withMembers } from '../../src/common/http/serialized-list';

const details = (tmdbId: number, title: string) => ({
  tmdbId,
  title,
  overview: 'He said "no" \\ then }{ ],[ "items":[] \u2028 $& $1 ok',
  genres: [{ id: 18, name: 'Drama' }],
  credits: { cast: [{ name: 'Édith', order: 0 }], crew: [] },
  watchProviders: {},
});

const own = (myRating: number | null) => ({ favorite: true, myRating, addedAt: '2026-01-02T03:04:05.000Z' });

describe('serialised lists', () => {
  it('joins shared JSON and own members into exactly JSON.stringify of the page of spread items', () => {
    const movies = [details(550, 'Fight Club'), details(603, 'The "Matrix"')];
    const partial = { tmdbId: 13, title: 'Stored title', detailsPartial: true };
    const page = serializedPage(
      [
        withMembers(new SharedJson(JSON.stringify(movies[0])), own(4.5)),
        withMembers(new SharedJson(JSON.stringify(movies[1])), own(null)),
        ownJson(partial),
      ],
      2,
      3,
      7,
    );

    expect(page.json).toBe(JSON.stringify(makePage([{ ...movies[0], ...own(4.5) }, { ...movies[1], ...own(null) }, partial], 2, 3, 7)));
    expect(page).toMatchObject({ page: 2, totalPages: 3 });
    expect(page.etag).toMatch(/^"[A-Za-z0-9+/]{27}="$/);
  });

  it('serialises an empty page, and objects or members without a key', () => {
    expect(serializedPage([], 1, 20, 0).json).toBe(JSON.stringify(makePage([], 1, 20, 0)));
    expect(withMembers(new SharedJson('{}'), { a: 1 }).json).toBe('{"a":1}');
    expect(withMembers(new SharedJson('{"a":1}'), {}).json).toBe('{"a":1}');
  });

  it('tags the same text alike, and any other text otherwise: another item, own field, order or page figure', () => {
    const fight = new SharedJson(JSON.stringify(details(550, 'Fight Club')));
    const matrix = new SharedJson(JSON.stringify(details(603, 'The Matrix')));
    const tag = (items: ReturnType<typeof withMembers>[], totalItems = 2) => serializedPage(items, 1, 20, totalItems).etag;
    const base = tag([withMembers(fight, own(4)), withMembers(matrix, own(null))]);

    // Another object with the same text (another replica, or the snapshot read again) gives the same tag.
    expect(tag([withMembers(new SharedJson(fight.json), own(4)), withMembers(matrix, own(null))])).toBe(base);
    const others = [
      tag([withMembers(fight, own(4.5)), withMembers(matrix, own(null))]),
      tag([withMembers(new SharedJson(JSON.stringify(details(550, 'Fight Club!'))), own(4)), withMembers(matrix, own(null))]),
      tag([withMembers(matrix, own(null)), withMembers(fight, own(4))]),
      tag([withMembers(fight, own(4))]),
      tag([withMembers(fight, own(4)), withMembers(matrix, own(null))], 3),
    ];
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });
});
