/** Stable string hash (FNV-1a, 32 bit): the same name always gives the same id or path. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';

function stableChars(seed: string, length: number, alphabet: string): string {
  let out = '';
  let state = stableHash(seed);
  for (let i = 0; i < length; i += 1) {
    state = Math.imul(state ^ (state >>> 13), 0x5bd1e995) >>> 0;
    state = (state + 0x9e3779b9 + i) >>> 0;
    out += alphabet[state % alphabet.length];
  }
  return out;
}

/** An image path shaped like TMDB's (`/` + 27 base62 characters + `.jpg`). Not a real image. */
export function imagePath(seed: string): string {
  return `/${stableChars(seed, 27, BASE62)}.jpg`;
}

/** A 24-hex-character id like TMDB's credit and video ids. */
export function objectId(seed: string): string {
  return stableChars(seed, 24, HEX);
}

/** An 11-character YouTube-style video key. Not a real video. */
export function youtubeKey(seed: string): string {
  return stableChars(seed, 11, `${BASE62}-_`);
}

/** A stable id in a numeric range, for people and companies named in the data. */
export function stableId(kind: string, name: string, min: number, span: number): number {
  return min + (stableHash(`${kind}:${name}`) % span);
}

export function slugify(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
