import { InvalidInputError } from '../../common/errors/domain-error';

/**
 * PostgreSQL text cannot hold U+0000, and no legitimate client sends it. Refusing
 * it at the door turns what would be a database error (a 500) into a clear 400,
 * for every route at once.
 */
export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((item) => containsNul(item, depth + 1));
  return Object.entries(value).some(([key, item]) => key.includes('\u0000') || containsNul(item, depth + 1));
}

export function assertNoNulCharacters(parts: { query?: unknown; params?: unknown; body?: unknown }): void {
  for (const [where, value] of Object.entries(parts)) {
    if (containsNul(value)) {
      throw new InvalidInputError('NulCharacter', `The request ${where} contains a NUL character (U+0000), which is not accepted.`, [
        { field: where, message: 'must not contain U+0000' },
      ]);
    }
  }
}
