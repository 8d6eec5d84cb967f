import { randomUUID } from 'node:crypto';

/** Builds version-4 UUIDs from `random`, so a seeded simulator hands out the same ids on every run. */
export function uuidGenerator(random?: () => number): () => string {
  if (!random) return () => randomUUID();
  return () => {
    const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256) & 0xff);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
    return dashed(hex);
  };
}

/** Notion accepts ids with or without dashes, in any case; undefined when `raw` is not a UUID at all. */
export function canonicalId(raw: string): string | undefined {
  const hex = raw.replace(/-/g, '').toLowerCase();
  return /^[0-9a-f]{32}$/.test(hex) ? dashed(hex) : undefined;
}

export function compactId(id: string): string {
  return id.replace(/-/g, '');
}

function dashed(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
