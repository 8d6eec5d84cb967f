/** A value inside an Airtable formula. `null` is a blank cell or BLANK(). */
export type FormulaValue = number | string | boolean | Date | null;

/** Evaluating one record hit #ERROR!; Airtable then leaves that record out rather than failing the request. */
export class FormulaRuntimeError extends Error {}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Strict ISO 8601 parsing. JavaScript's Date parser accepts garbage such as "1"
 * and reads zone-less times as local time; Airtable's API works in GMT.
 */
export function parseIsoDate(text: string): Date | undefined {
  const match = ISO_DATE_TIME.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '0', zone] = match;
  const calendarDay = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const realDay = calendarDay.getUTCMonth() === Number(month) - 1 && calendarDay.getUTCDate() === Number(day);
  if (!realDay || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  const milliseconds = Number(fraction.padEnd(3, '0').slice(0, 3));
  let time = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), milliseconds);
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
    time -= (zone.startsWith('-') ? -1 : 1) * offsetMinutes * 60_000;
  }
  return new Date(time);
}

export function isBlank(value: FormulaValue): boolean {
  return value === null || value === '';
}

export function isTruthy(value: FormulaValue): boolean {
  if (value === null) return false;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (typeof value === 'string') return value !== '';
  if (typeof value === 'boolean') return value;
  return true;
}

export function toNumber(value: FormulaValue): number {
  if (value === null) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    if (value.trim() === '') return 0;
    const parsed = Number(value.trim());
    if (Number.isFinite(parsed)) return parsed;
  }
  throw new FormulaRuntimeError(`Cannot use ${String(value)} as a number`);
}

export function toText(value: FormulaValue): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}

/** Blank stays blank (date functions answer false for it); anything unparsable is #ERROR!. */
export function toDate(value: FormulaValue): Date | null {
  if (value instanceof Date) return value;
  if (isBlank(value)) return null;
  if (typeof value === 'string') {
    const parsed = parseIsoDate(value);
    if (parsed) return parsed;
  }
  throw new FormulaRuntimeError(`Cannot use ${String(value)} as a date`);
}

export type ComparisonOperator = '=' | '!=' | '<' | '>' | '<=' | '>=';

export function compareValues(operator: ComparisonOperator, left: FormulaValue, right: FormulaValue): boolean {
  if (operator === '=' || operator === '!=') {
    const equal = valuesEqual(left, right);
    return operator === '=' ? equal : !equal;
  }
  const order = orderOf(left, right);
  switch (operator) {
    case '<':
      return order < 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    case '>=':
      return order >= 0;
  }
}

function valuesEqual(left: FormulaValue, right: FormulaValue): boolean {
  if (left === null || right === null) {
    const other = left === null ? right : left;
    return other === null || other === '' || other === 0 || other === false;
  }
  if (left instanceof Date || right instanceof Date) {
    const leftDate = tryDate(left);
    const rightDate = tryDate(right);
    return leftDate !== undefined && rightDate !== undefined && leftDate.getTime() === rightDate.getTime();
  }
  if (typeof left === 'string' && typeof right === 'string') return left === right;
  const leftNumber = tryNumber(left);
  const rightNumber = tryNumber(right);
  if (leftNumber !== undefined && rightNumber !== undefined) return leftNumber === rightNumber;
  return toText(left) === toText(right);
}

function orderOf(left: FormulaValue, right: FormulaValue): number {
  if (left instanceof Date || right instanceof Date) {
    const leftDate = toDate(left);
    const rightDate = toDate(right);
    if (!leftDate || !rightDate) throw new FormulaRuntimeError('Cannot order a blank date');
    return Math.sign(leftDate.getTime() - rightDate.getTime());
  }
  const leftNumber = tryNumber(left);
  const rightNumber = tryNumber(right);
  if (leftNumber !== undefined && rightNumber !== undefined) return Math.sign(leftNumber - rightNumber);
  const leftText = toText(left);
  const rightText = toText(right);
  return leftText < rightText ? -1 : leftText > rightText ? 1 : 0;
}

function tryNumber(value: FormulaValue): number | undefined {
  try {
    return toNumber(value);
  } catch {
    return undefined;
  }
}

function tryDate(value: FormulaValue): Date | undefined {
  try {
    return toDate(value) ?? undefined;
  } catch {
    return undefined;
  }
}
