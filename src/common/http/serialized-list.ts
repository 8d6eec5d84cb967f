import { hash } from 'node:crypto';
import { SerializedPage } from './page-links';
import { makePage } from './pagination';

/**
 * JSON text of an object kept for many answers (a movie's details, shared by every user who lists it), with
 * the digest of that text, made once: a page's ETag is computed from its items' digests, not from the whole
 * text again (a list of 100 favorites is about 400 KB).
 */
export class SharedJson {
  readonly digest: string;

  constructor(readonly json: string) {
    this.digest = hash('sha1', json, 'base64');
  }
}

/** One item of a page: its JSON text, and what stands for it in the page's tag (a digest, or the text itself). */
export interface JsonItem {
  readonly json: string;
  readonly tagged: string;
}

/**
 * `{ ...shared, ...members }`: the shared object's JSON followed by the few members a request adds (the
 * caller's own fields); only the members are serialised here. The members must not repeat a key of the
 * object (a spread would overwrite it in place; the text would hold it twice).
 */
export function withMembers(shared: SharedJson, members: object): JsonItem {
  const membersJson = JSON.stringify(members);
  const tagged = `${shared.digest}${membersJson}`;
  if (membersJson.length === 2) return { json: shared.json, tagged };
  if (shared.json.length === 2) return { json: membersJson, tagged };
  return { json: `${shared.json.slice(0, -1)},${membersJson.slice(1)}`, tagged };
}

/** An item serialised on its own (one not kept for others, like a favorite shown without details). */
export function ownJson(value: object): JsonItem {
  const json = JSON.stringify(value);
  return { json, tagged: json };
}

/**
 * A page of JSON items: its text is JSON.stringify(makePage(items, ...)), made without serialising the
 * items again, and its strong ETag is the SHA-1 of the page's figures with each item's digest and own
 * members, so it changes exactly when the text does. The text is a rope of the items, never copied here: when
 * a compressed copy of the same page is at hand (see infra/http/compressed-copies.ts), it is never flattened.
 */
export function serializedPage(items: readonly JsonItem[], page: number, pageSize: number, totalItems: number): SerializedPage {
  const figures = makePage<never>([], page, pageSize, totalItems);
  const [head, tail] = JSON.stringify(figures).split('"items":[]');
  let json = `${head}"items":[`;
  // Digests and JSON texts hold no raw newline, so one between the parts keeps them apart.
  let tagged = head;
  items.forEach((item, index) => {
    json += index > 0 ? `,${item.json}` : item.json;
    tagged += `\n${item.tagged}`;
  });
  json += `]${tail}`;
  const tag = hash('sha1', `${tagged}\n${tail}`, 'base64');
  return new SerializedPage(json, page, figures.totalPages, `"${tag}"`);
}
