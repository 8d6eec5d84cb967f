import type { MovieSummary, MovieSummaryPage } from '../../src/movies/movie.types';
import { PageJson } from '../../src/movies/page-json';
import { NO_FLAGS, UserMovieFlags } from '../../src/movies/user-marks.port';

const movie = (tmdbId: number, title: string): MovieSummary => ({
  tmdbId,
  title,
  originalTitle: title,
  originalLanguage: 'en',
  releaseDate: tmdbId % 2 ? '1999-10-15' : null,
  overview: 'He said "no" \\ then }{ ],[ "items":[] \u2028 ok',
  genreIds: [18, 53],
  posterUrl: null,
  backdropUrl: 'https://image.tmdb.org/t/p/w1280/x.jpg',
  voteAverage: 8.4,
  voteCount: 29000,
  popularity: 61.4,
  adult: false,
});

const pageOf = (items: MovieSummary[]): MovieSummaryPage => ({ items, page: 3, pageSize: 20, totalItems: 10_000, totalPages: 500 });

describe('PageJson', () => {
  it("renders exactly JSON.stringify of the page with each item's flags merged last", () => {
    const page = pageOf([movie(550, 'Fight Club'), movie(603, 'The Matrix'), movie(13, 'Forrest "Gump"')]);
    const flags = new Map<number, UserMovieFlags>([
      [550, { favorite: true, inWatchlist: true, myRating: 4.5 }],
      [13, { favorite: false, inWatchlist: false, myRating: 2 }],
    ]);
    const flagsOf = (id: number) => flags.get(id) ?? NO_FLAGS;

    const { json: text } = PageJson.of(page).render(flagsOf);

    expect(text).toBe(JSON.stringify({ ...page, items: page.items.map((item) => ({ ...item, ...flagsOf(item.tmdbId) })) }));
    expect(JSON.parse(text).items[0]).toMatchObject({ tmdbId: 550, favorite: true, myRating: 4.5 });
  });

  it('serialises a page once, and gives each user their own flags', () => {
    const page = pageOf([movie(550, 'Fight Club')]);
    const json = PageJson.of(page);
    expect(PageJson.of(page)).toBe(json);
    expect(JSON.parse(json.render(() => ({ favorite: true, inWatchlist: false, myRating: null })).json).items[0].favorite).toBe(true);
    expect(JSON.parse(json.render(() => NO_FLAGS).json).items[0].favorite).toBe(false);
  });

  it('renders an empty page', () => {
    const page = pageOf([]);
    expect(PageJson.of(page).render(() => NO_FLAGS).json).toBe(JSON.stringify(page));
  });

  describe('entity tag', () => {
    const favorite = { favorite: true, inWatchlist: false, myRating: null };

    it('is the same for the same bytes, whoever asks and however often', () => {
      const page = pageOf([movie(550, 'Fight Club'), movie(603, 'The Matrix')]);
      const first = PageJson.of(page).render(() => NO_FLAGS);
      const again = PageJson.of(pageOf([movie(550, 'Fight Club'), movie(603, 'The Matrix')])).render(() => ({ ...NO_FLAGS }));
      expect(again.json).toBe(first.json);
      expect(again.etag).toBe(first.etag);
      expect(first.etag).toMatch(/^"[A-Za-z0-9+/=.]+"$/);
    });

    it("changes with the caller's flags, and with which item carries them", () => {
      const page = pageOf([movie(550, 'Fight Club'), movie(603, 'The Matrix')]);
      const none = PageJson.of(page).render(() => NO_FLAGS).etag;
      const onFirst = PageJson.of(page).render((id) => (id === 550 ? favorite : NO_FLAGS)).etag;
      const onSecond = PageJson.of(page).render((id) => (id === 603 ? favorite : NO_FLAGS)).etag;
      expect(new Set([none, onFirst, onSecond]).size).toBe(3);
    });

    it('changes with the shared page', () => {
      const before = PageJson.of(pageOf([movie(550, 'Fight Club')])).render(() => NO_FLAGS).etag;
      const renamed = PageJson.of(pageOf([movie(550, 'Fight Club (remastered)')])).render(() => NO_FLAGS).etag;
      expect(renamed).not.toBe(before);
    });
  });
});
