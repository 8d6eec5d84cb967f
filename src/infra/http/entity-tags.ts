/**
 * Entity-tag comparison for If-None-Match (RFC 9110 §13.1.2: the weak
 * comparison, a list of tags or `*`). A compressed representation carries its
 * coding after the tag of the JSON it encodes (`"abc-br"`), so a client that
 * cached the brotli copy still revalidates against the same content.
 */
const ENTITY_TAG = /(W\/)?"([^"]*)"/g;
const CODING_SUFFIX = /-(br|gzip)$/;

/** The client's tag that names the same content as `etag`, or undefined when none does. */
export function matchingEntityTag(ifNoneMatch: string | undefined, etag: string): string | undefined {
  if (!ifNoneMatch) return undefined;
  const current = opaque(etag);
  if (ifNoneMatch.trim() === '*') return etag;
  for (const [, , tag] of ifNoneMatch.matchAll(ENTITY_TAG)) {
    if (tag.replace(CODING_SUFFIX, '') === current) return `"${tag}"`;
  }
  return undefined;
}

/** The tag of a representation in a content coding: `"abc"` sent as br is `"abc-br"`. */
export function entityTagForCoding(etag: string, coding: string): string {
  return `"${opaque(etag)}-${coding}"`;
}

function opaque(etag: string): string {
  return etag.replace(/^W\//, '').replace(/^"|"$/g, '');
}
