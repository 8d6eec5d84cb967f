import { FormulaRuntimeError, parseIsoDate } from './formula-values';

export type DateUnit = 'millisecond' | 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';

const UNIT_SPELLINGS: Record<DateUnit, string[]> = {
  millisecond: ['ms', 'millisecond', 'milliseconds'],
  second: ['s', 'second', 'seconds'],
  minute: ['m', 'minute', 'minutes'],
  hour: ['h', 'hour', 'hours'],
  day: ['d', 'day', 'days'],
  week: ['w', 'week', 'weeks'],
  month: ['M', 'month', 'months'],
  quarter: ['Q', 'quarter', 'quarters'],
  year: ['y', 'year', 'years'],
};

const UNITS_BY_SPELLING = new Map<string, DateUnit>(
  (Object.entries(UNIT_SPELLINGS) as [DateUnit, string[]][]).flatMap(([unit, spellings]) =>
    spellings.map((spelling): [string, DateUnit] => [spelling, unit]),
  ),
);

/** Short forms are case-sensitive ("M" is months, "m" minutes), like moment.js that Airtable uses. */
export function dateUnit(spelling: string): DateUnit {
  const unit = UNITS_BY_SPELLING.get(spelling) ?? UNITS_BY_SPELLING.get(spelling.toLowerCase());
  if (!unit || (spelling.length === 1 && !UNITS_BY_SPELLING.has(spelling))) {
    throw new FormulaRuntimeError(`Unknown date unit ${spelling}`);
  }
  return unit;
}

const FIXED_UNIT_MS: Partial<Record<DateUnit, number>> = {
  millisecond: 1,
  second: 1_000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
};

/** The start of the unit containing `date`, in GMT (the API's formula time zone); weeks start on Sunday. */
export function startOf(date: Date, unit: DateUnit): number {
  const d = new Date(date.getTime());
  switch (unit) {
    case 'millisecond':
      return d.getTime();
    case 'second':
    case 'minute':
    case 'hour':
    case 'day': {
      const size = FIXED_UNIT_MS[unit] as number;
      return Math.floor(d.getTime() / size) * size;
    }
    case 'week':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - d.getUTCDay());
    case 'month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    case 'quarter':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (d.getUTCMonth() % 3), 1);
    case 'year':
      return Date.UTC(d.getUTCFullYear(), 0, 1);
  }
}

export function addToDate(date: Date, count: number, unit: DateUnit): Date {
  const fixed = FIXED_UNIT_MS[unit];
  if (fixed !== undefined) return new Date(date.getTime() + count * fixed);
  const months = unit === 'month' ? count : unit === 'quarter' ? count * 3 : count * 12;
  const shifted = new Date(date.getTime());
  shifted.setUTCMonth(shifted.getUTCMonth() + months);
  return shifted;
}

const FORMAT_TOKENS: Record<string, { pattern: string; part: keyof DateParts }> = {
  YYYY: { pattern: '(\\d{4})', part: 'year' },
  MM: { pattern: '(\\d{2})', part: 'month' },
  M: { pattern: '(\\d{1,2})', part: 'month' },
  DD: { pattern: '(\\d{2})', part: 'day' },
  D: { pattern: '(\\d{1,2})', part: 'day' },
  HH: { pattern: '(\\d{2})', part: 'hour' },
  H: { pattern: '(\\d{1,2})', part: 'hour' },
  mm: { pattern: '(\\d{2})', part: 'minute' },
  ss: { pattern: '(\\d{2})', part: 'second' },
  SSS: { pattern: '(\\d{3})', part: 'millisecond' },
  X: { pattern: '(\\d+)', part: 'unixSeconds' },
  x: { pattern: '(\\d+)', part: 'unixMilliseconds' },
};
const TOKEN_PATTERN = /YYYY|SSS|MM|DD|HH|mm|ss|M|D|H|X|x/g;

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  unixSeconds: number;
  unixMilliseconds: number;
}

/** DATETIME_PARSE: ISO 8601 without a format, or the common moment.js tokens with one. */
export function parseDateText(text: string, format?: string): Date {
  const parsed = format === undefined || format === '' ? parseIsoDate(text) : parseWithFormat(text, format);
  if (!parsed) throw new FormulaRuntimeError(`Cannot parse ${text} as a date`);
  return parsed;
}

function parseWithFormat(text: string, format: string): Date | undefined {
  const parts: (keyof DateParts)[] = [];
  let pattern = '';
  let last = 0;
  for (const match of format.matchAll(TOKEN_PATTERN)) {
    pattern += escapeRegExp(format.slice(last, match.index)) + FORMAT_TOKENS[match[0]].pattern;
    parts.push(FORMAT_TOKENS[match[0]].part);
    last = (match.index ?? 0) + match[0].length;
  }
  pattern += escapeRegExp(format.slice(last));
  const match = new RegExp(`^${pattern}$`).exec(text.trim());
  if (!match) return undefined;
  const values: Partial<DateParts> = {};
  parts.forEach((part, index) => (values[part] = Number(match[index + 1])));
  if (values.unixMilliseconds !== undefined) return new Date(values.unixMilliseconds);
  if (values.unixSeconds !== undefined) return new Date(values.unixSeconds * 1000);
  const iso =
    `${String(values.year ?? 1970).padStart(4, '0')}-${pad(values.month ?? 1)}-${pad(values.day ?? 1)}` +
    `T${pad(values.hour ?? 0)}:${pad(values.minute ?? 0)}:${pad(values.second ?? 0)}.${String(values.millisecond ?? 0).padStart(3, '0')}Z`;
  return parseIsoDate(iso);
}

const pad = (value: number) => String(value).padStart(2, '0');
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
