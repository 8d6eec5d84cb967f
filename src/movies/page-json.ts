import { hash } from 'node:crypto';
import type { MovieSummaryPage } from './movie.types';
import type { UserMovieFlags } from './user-marks.port';

/**
 * A cached TMDB page kept as ready-to-send JSON text with a gap at the end of each item where the caller's flags
 * go. The page itself is shared by every user and serialised once; a request only joins the pieces around its
 * own flags. The text is exactly JSON.stringify of the page with each item's flags merged last.
 *
 * The strong ETag comes with it: a SHA-1 of the shared pieces, taken once per page, and a 64-bit digest of the
 * sequence of flags the request joined in, folded from a SHA-1 kept with each flags object. The text is a function
 * of exactly those two, so equal tags mean equal bytes (up to a 2^-64 chance for one user's two versions of a
 * page), and a request hashes nothing: hashing the 12 KB answer was the hot path's costliest step.
 */
export interface RenderedPage {
  json: string;
  /** A quoted strong entity tag, e.g. `"…"`. */
  etag: string;
}

interface FlagText {
  text: string;
  /** The first 64 bits of the text's SHA-1, as two 32-bit lanes. */
  high: number;
  low: number;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** A 32-bit lane as 7 base-36 digits (fixed width, so two lanes never run into each other). */
function lane(value: number): string {
  return (value >>> 0).toString(36).padStart(7, '0');
}

export class PageJson {
  private static readonly byPage = new WeakMap<MovieSummaryPage, PageJson>();
  private static readonly flagTexts = new WeakMap<UserMovieFlags, FlagText>();

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
    // FNV-1a over the items' flag digests, in two independent 32-bit lanes: order-sensitive and allocation-free.
    let high = FNV_OFFSET;
    let low = FNV_OFFSET;
    for (let i = 0; i < this.tmdbIds.length; i++) {
      const flags = PageJson.flagText(flagsOf(this.tmdbIds[i]));
      json += flags.text + this.pieces[i + 1];
      high = Math.imul(high ^ flags.high, FNV_PRIME);
      low = Math.imul(low ^ flags.low, FNV_PRIME);
    }
    return { json, etag: `"${this.piecesDigest}.${lane(high)}${lane(low)}"` };
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

  /** `"favorite":false,"myRating":null`: the flags' members, without braces, and their digest. */
  private static flagText(flags: UserMovieFlags): FlagText {
    let flagText = PageJson.flagTexts.get(flags);
    if (flagText === undefined) {
      const text = JSON.stringify(flags).slice(1, -1);
      const digest = hash('sha1', text, 'buffer');
      flagText = { text, high: digest.readInt32BE(0), low: digest.readInt32BE(4) };
      PageJson.flagTexts.set(flags, flagText);
    }
    return flagText;
  }
}
