import { Transform } from 'class-transformer';

/**
 * The contract's only spelling of a number in a path or query: decimal digits,
 * no sign, no leading zero, no exponent, point or spaces (`26`, never `026`,
 * `+26`, `0x1A`, `1e1`, ` 26` or `26.0`). Sixteen digits at most, so the
 * value is always a safe integer before its field's own bounds apply.
 */
export const DECIMAL_INTEGER = /^(0|[1-9]\d{0,15})$/;

/** The number that `raw` spells strictly in decimal, or undefined. */
export function parseDecimalInteger(raw: unknown): number | undefined {
  return typeof raw === 'string' && DECIMAL_INTEGER.test(raw) ? Number(raw) : undefined;
}

/**
 * For integer fields of query and path DTOs: strict decimal text becomes a
 * number; anything else stays as sent, so the field's @IsInt() refuses it with
 * a 400 (Number() and class-transformer's @Type would read "0x1A" as 26).
 */
export function DecimalInt() {
  return Transform(({ value }: { value: unknown }) => parseDecimalInteger(value) ?? value);
}
