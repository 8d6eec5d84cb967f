import { addToDate, dateUnit, parseDateText, startOf } from './formula-dates';
import { FormulaRuntimeError, FormulaValue, isTruthy, toDate, toNumber, toText } from './formula-values';

/** What a formula can see of the record it is evaluated against. */
export interface FormulaRecordContext {
  readonly recordId: string;
  readonly createdTime: Date;
  readonly lastModifiedTime: Date | null;
  readonly now: Date;
  fieldValue(fieldName: string): FormulaValue;
}

interface FormulaFunction {
  readonly minArgs: number;
  readonly maxArgs: number;
  call(args: FormulaValue[], context: FormulaRecordContext): FormulaValue;
}

const fn = (minArgs: number, maxArgs: number, call: FormulaFunction['call']): FormulaFunction => ({
  minArgs,
  maxArgs,
  call,
});

const MANY = Number.POSITIVE_INFINITY;

function compareDates(args: FormulaValue[], test: (left: number, right: number) => boolean): boolean {
  const left = toDate(args[0]);
  const right = toDate(args[1]);
  return left !== null && right !== null && test(left.getTime(), right.getTime());
}

/** The subset of Airtable's formula functions a sync filter uses. Names are matched upper-cased. */
export const FORMULA_FUNCTIONS: Readonly<Record<string, FormulaFunction>> = {
  AND: fn(1, MANY, (args) => args.every(isTruthy)),
  OR: fn(1, MANY, (args) => args.some(isTruthy)),
  XOR: fn(1, MANY, (args) => args.filter(isTruthy).length % 2 === 1),
  NOT: fn(1, 1, ([value]) => !isTruthy(value)),
  IF: fn(2, 3, ([condition, whenTrue, whenFalse = null]) => (isTruthy(condition) ? whenTrue : whenFalse)),
  TRUE: fn(0, 0, () => true),
  FALSE: fn(0, 0, () => false),
  BLANK: fn(0, 0, () => null),
  RECORD_ID: fn(0, 0, (_args, context) => context.recordId),
  CREATED_TIME: fn(0, 0, (_args, context) => context.createdTime),
  LAST_MODIFIED_TIME: fn(0, 0, (_args, context) => context.lastModifiedTime),
  NOW: fn(0, 0, (_args, context) => context.now),
  TODAY: fn(0, 0, (_args, context) => new Date(startOf(context.now, 'day'))),
  IS_AFTER: fn(2, 2, (args) => compareDates(args, (left, right) => left > right)),
  IS_BEFORE: fn(2, 2, (args) => compareDates(args, (left, right) => left < right)),
  IS_SAME: fn(2, 3, (args) => {
    const unit = args[2] === undefined || args[2] === null ? 'millisecond' : dateUnit(toText(args[2]));
    return compareDates(args, (left, right) => startOf(new Date(left), unit) === startOf(new Date(right), unit));
  }),
  DATETIME_PARSE: fn(1, 3, ([value, format]) => {
    if (value instanceof Date) return value;
    if (value === null || value === '') return null;
    return parseDateText(toText(value), format === undefined ? undefined : toText(format));
  }),
  DATEADD: fn(3, 3, ([date, count, unit]) => {
    const start = toDate(date);
    return start === null ? null : addToDate(start, toNumber(count), dateUnit(toText(unit)));
  }),
  LOWER: fn(1, 1, ([value]) => toText(value).toLowerCase()),
  UPPER: fn(1, 1, ([value]) => toText(value).toUpperCase()),
  LEN: fn(1, 1, ([value]) => toText(value).length),
  FIND: fn(2, 3, ([needle, haystack, from = 1]) => {
    const start = Math.max(0, toNumber(from) - 1);
    return toText(haystack).indexOf(toText(needle), start) + 1;
  }),
  ERROR: fn(0, 0, () => {
    throw new FormulaRuntimeError('ERROR()');
  }),
};
