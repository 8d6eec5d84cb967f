import { SerializedPage } from './page-links';
import { makePage } from './pagination';

/**
 * JSON text of `{ ...object, ...members }` from the object's JSON (kept serialised, shared by every user) and
 * the few members a request adds (the caller's own fields): only the members are serialised here. The members
 * must not repeat a key of the object (a spread would overwrite it in place; the text would hold it twice).
 */
export function jsonWithMembers(objectJson: string, members: object): string {
  const membersJson = JSON.stringify(members);
  if (membersJson.length === 2) return objectJson;
  if (objectJson.length === 2) return membersJson;
  return `${objectJson.slice(0, -1)},${membersJson.slice(1)}`;
}

/** A page whose items are JSON texts: the text is JSON.stringify(makePage(items, ...)), without serialising the items again. */
export function serializedPage(itemsJson: readonly string[], page: number, pageSize: number, totalItems: number): SerializedPage {
  const figures = makePage<never>([], page, pageSize, totalItems);
  const [head, tail] = JSON.stringify(figures).split('"items":[]');
  return new SerializedPage(`${head}"items":[${itemsJson.join(',')}]${tail}`, page, figures.totalPages);
}
