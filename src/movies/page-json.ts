import { hash } from 'node:crypto';
import type { MovieSummaryPage } from './movie.types';
import type { UserMovieFlags } from './user-marks.port';

/**
 * A cached TMDB page kept as ready-to-send JSON text with a gap at the end of each item where the caller's flags
 * go. The page itself is shared by every user and serialised once; a request only joins the pieces around its
 * own flags. The text is exactly JSON.stringify of the page with each item's flags merged last.
 *
 * The strong ETag comes with it: a hash of the shared pieces, taken once per page, and a hash of the flags the
 * request joined in. The text is a function of exactly those two, so equal tags mean equal bytes, and a request
 * hashes a few hundred bytes of flags instead of the whole 12 KB answer.
 */
export interface RenderedPage {
  json: string;
  /** A quoted strong entity tag, e.g. `"…"`. */
  etag: string;
}

export class PageJson {
  private static readonly byPage = new WeakMap<MovieSummaryPage, PageJson>();
  private static readonly flagTexts = new WeakMap<UserMovieFlags, string>();

  private constructor(
    /** pieces[i] comes before item i's flags; the last piece closes the page. */
    private readonly pieces: string[],
    private readonly tmdbIds: number[],
    /** SHA-1 of the pieces, in base64 (whose alphabet has no `-`, so a coding suffix like `-br` stays unambiguous). */
    private readonly piecesDigest: string,
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

  /** The page as one user sees it, with its entity tag. */
  render(flagsOf: (tmdbId: number) => UserMovieFlags): RenderedPage {
    let json = this.pieces[0];
    let flagTexts = '';
    for (let i = 0; i < this.tmdbIds.length; i++) {
      const flags = PageJson.flagText(flagsOf(this.tmdbIds[i]));
      json += flags + this.pieces[i + 1];
      // The separator keeps two different lists of flag texts from joining into the same string.
      flagTexts += flags + '|';
    }
    return { json, etag: `"${this.piecesDigest}.${hash('sha1', flagTexts, 'base64')}"` };
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
      // The pieces joined with a character JSON text never holds unescaped, so different pieces hash differently.
      hash('sha1', pieces.join('\n'), 'base64'),
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
