import type { MovieSummaryPage } from './movie.types';
import type { UserMovieFlags } from './user-marks.port';

/**
 * A cached TMDB page kept as ready-to-send JSON text with a gap at the end of each item where the caller's flags
 * go. The page itself is shared by every user and serialised once; a request only joins the pieces around its
 * own flags. The text is exactly JSON.stringify of the page with each item's flags merged last.
 */
export class PageJson {
  private static readonly byPage = new WeakMap<MovieSummaryPage, PageJson>();
  private static readonly flagTexts = new WeakMap<UserMovieFlags, string>();

  private constructor(
    /** pieces[i] comes before item i's flags; the last piece closes the page. */
    private readonly pieces: string[],
    private readonly tmdbIds: number[],
  ) {}

  /** The pieces of a page, made once per cached page object (the cache answers the same object until it expires). */
  static of(page: MovieSummaryPage): PageJson {
    let json = PageJson.byPage.get(page);
    if (!json) {
      json = PageJson.build(page);
      PageJson.byPage.set(page, json);
    }
    return json;
  }

  get ids(): readonly number[] {
    return this.tmdbIds;
  }

  /** The page as one user sees it. */
  render(flagsOf: (tmdbId: number) => UserMovieFlags): string {
    let text = this.pieces[0];
    for (let i = 0; i < this.tmdbIds.length; i++) {
      text += PageJson.flagText(flagsOf(this.tmdbIds[i])) + this.pieces[i + 1];
    }
    return text;
  }

  private static build(page: MovieSummaryPage): PageJson {
    const [head, tail] = JSON.stringify({ ...page, items: [] }).split('"items":[]');
    const pieces: string[] = [];
    let before = `${head}"items":[`;
    page.items.forEach((item, index) => {
      const itemText = JSON.stringify(item);
      pieces.push(`${before}${index > 0 ? ',' : ''}${itemText.slice(0, -1)}${itemText.length > 2 ? ',' : ''}`);
      before = '}';
    });
    pieces.push(`${before}]${tail}`);
    return new PageJson(
      pieces,
      page.items.map((item) => item.tmdbId),
    );
  }

  /** `"favorite":false,"myRating":null`: the flags' members, without braces. */
  private static flagText(flags: UserMovieFlags): string {
    let text = PageJson.flagTexts.get(flags);
    if (text === undefined) {
      text = JSON.stringify(flags).slice(1, -1);
      PageJson.flagTexts.set(flags, text);
    }
    return text;
  }
}
