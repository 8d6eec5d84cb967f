import { ValidateBy } from 'class-validator';

export const PASSWORD_MIN_CHARACTERS = 8;
/** bcrypt reads at most 72 bytes: a longer password would be cut silently, so it is refused instead. */
export const PASSWORD_MAX_BYTES = 72;

/** At most `max` bytes once encoded in UTF-8 (an "é" is 2 bytes, an emoji 4): the unit bcrypt counts in. */
export function MaxUtf8Bytes(max: number) {
  return ValidateBy({
    name: 'maxUtf8Bytes',
    constraints: [max],
    validator: {
      validate: (value: unknown) => typeof value === 'string' && Buffer.byteLength(value, 'utf8') <= max,
      defaultMessage: () => `$property must be at most ${max} bytes in UTF-8`,
    },
  });
}
