import { entityTagForCoding, matchingEntityTag } from '../../src/infra/http/entity-tags';

describe('entity tags', () => {
  const etag = '"abc+/="';

  it('matches the same tag, weak or strong, anywhere in a list', () => {
    expect(matchingEntityTag('"abc+/="', etag)).toBe('"abc+/="');
    expect(matchingEntityTag('W/"abc+/="', etag)).toBe('"abc+/="');
    expect(matchingEntityTag('"x", "y,z", W/"abc+/="', etag)).toBe('"abc+/="');
  });

  it("matches a compressed copy of the same content and hands back the client's tag", () => {
    expect(matchingEntityTag('"abc+/=-br"', etag)).toBe('"abc+/=-br"');
    expect(matchingEntityTag('"abc+/=-gzip"', etag)).toBe('"abc+/=-gzip"');
    expect(matchingEntityTag('"abc+/=-zstd"', etag)).toBeUndefined();
  });

  it('matches `*`, and nothing for other tags, garbage or no header', () => {
    expect(matchingEntityTag(' * ', etag)).toBe(etag);
    expect(matchingEntityTag('"abd"', etag)).toBeUndefined();
    expect(matchingEntityTag('abc+/=', etag)).toBeUndefined();
    expect(matchingEntityTag(undefined, etag)).toBeUndefined();
  });

  it('appends the coding to the tag', () => {
    expect(entityTagForCoding(etag, 'br')).toBe('"abc+/=-br"');
  });
});
