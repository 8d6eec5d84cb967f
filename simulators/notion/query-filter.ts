import { bodyValidationError, notSimulated, validationError } from './notion-errors';
import { StoredPage } from './page-store';
import { isPlainObject, plainText, PropertyValue } from './property-values';
import { findProperty, PropertyType } from './review-schema';

export type PagePredicate = (page: StoredPage) => boolean;

/** Compound filters may nest two levels deep: https://developers.notion.com/reference/filter-data-source-entries. */
const MAX_COMPOUND_DEPTH = 2;

/** Filter keys Notion accepts for each property type (a title can be filtered as rich text). */
const FILTER_KEYS_BY_TYPE: Record<PropertyType, readonly string[]> = {
  title: ['title', 'rich_text'],
  rich_text: ['rich_text'],
  number: ['number'],
};

const KNOWN_FILTER_KEYS = [
  'title',
  'rich_text',
  'number',
  'checkbox',
  'select',
  'multi_select',
  'status',
  'date',
  'people',
  'files',
  'url',
  'email',
  'phone_number',
  'relation',
  'created_by',
  'created_time',
  'last_edited_by',
  'last_edited_time',
  'formula',
  'unique_id',
  'rollup',
  'verification',
];

export function compileFilter(filter: unknown, path = 'body.filter', depth = 0): PagePredicate {
  if (!isPlainObject(filter)) throw bodyValidationError(path, 'an object', filter);
  for (const compound of ['and', 'or'] as const) {
    if (!(compound in filter)) continue;
    if (depth >= MAX_COMPOUND_DEPTH) throw bodyValidationError(`${path}.${compound}`, 'not present', filter[compound]);
    const parts = filter[compound];
    if (!Array.isArray(parts)) throw bodyValidationError(`${path}.${compound}`, 'an array', parts);
    const predicates = parts.map((part, index) => compileFilter(part, `${path}.${compound}[${index}]`, depth + 1));
    return compound === 'and'
      ? (page) => predicates.every((matches) => matches(page))
      : (page) => predicates.some((matches) => matches(page));
  }
  if ('timestamp' in filter) return compileTimestampFilter(filter, path);
  if ('property' in filter) return compilePropertyFilter(filter, path);
  throw bodyValidationError(`${path}.property`, 'defined', undefined);
}

function compilePropertyFilter(filter: Record<string, unknown>, path: string): PagePredicate {
  const name = String(filter.property);
  const property = findProperty(name);
  if (!property) throw validationError(`Could not find property with name or id: ${name}`);
  const filterKey = Object.keys(filter).find((key) => key !== 'property' && key !== 'type');
  if (!filterKey) throw bodyValidationError(`${path}.${property.type}`, 'defined', undefined);
  if (!FILTER_KEYS_BY_TYPE[property.type].includes(filterKey)) {
    if (!KNOWN_FILTER_KEYS.includes(filterKey)) throw bodyValidationError(`${path}.${filterKey}`, 'not present', filter[filterKey]);
    throw validationError(
      `The property type in the database does not match the property type of the filter provided: database property ${property.type} does not match filter ${filterKey}`,
    );
  }
  const [operator, operand] = singleCondition(filter[filterKey], `${path}.${filterKey}`);
  const conditionPath = `${path}.${filterKey}.${operator}`;
  const valueOf = (page: StoredPage) => page.properties[property.name];
  if (property.type === 'number') {
    const test = numberCondition(operator, operand, conditionPath);
    return (page) => test(numberOf(valueOf(page)));
  }
  const test = textCondition(operator, operand, conditionPath);
  return (page) => test(textOf(valueOf(page)));
}

function compileTimestampFilter(filter: Record<string, unknown>, path: string): PagePredicate {
  const timestamp = filter.timestamp;
  if (timestamp !== 'created_time' && timestamp !== 'last_edited_time') {
    throw bodyValidationError(`${path}.timestamp`, '`"created_time"` or `"last_edited_time"`', timestamp);
  }
  const [operator, operand] = singleCondition(filter[timestamp], `${path}.${timestamp}`);
  const test = dateCondition(operator, operand, `${path}.${timestamp}.${operator}`);
  return (page) => test(timestamp === 'created_time' ? page.createdTime : page.lastEditedTime);
}

function singleCondition(condition: unknown, path: string): [string, unknown] {
  if (!isPlainObject(condition)) throw bodyValidationError(path, 'an object', condition);
  const entries = Object.entries(condition);
  if (entries.length !== 1) throw bodyValidationError(path, 'an object with exactly one condition', condition);
  return entries[0];
}

function emptinessCondition(operator: string, operand: unknown, path: string): ((isEmpty: boolean) => boolean) | undefined {
  if (operator !== 'is_empty' && operator !== 'is_not_empty') return undefined;
  if (operand !== true) throw bodyValidationError(path, '`true`', operand);
  return operator === 'is_empty' ? (isEmpty) => isEmpty : (isEmpty) => !isEmpty;
}

function numberCondition(operator: string, operand: unknown, path: string): (value: number | null) => boolean {
  const emptiness = emptinessCondition(operator, operand, path);
  if (emptiness) return (value) => emptiness(value === null);
  if (typeof operand !== 'number') throw bodyValidationError(path, 'a number', operand);
  const comparisons: Record<string, (value: number) => boolean> = {
    equals: (value) => value === operand,
    does_not_equal: (value) => value !== operand,
    greater_than: (value) => value > operand,
    less_than: (value) => value < operand,
    greater_than_or_equal_to: (value) => value >= operand,
    less_than_or_equal_to: (value) => value <= operand,
  };
  const compare = comparisons[operator];
  if (!compare) throw bodyValidationError(path, 'not present', operand);
  return (value) => value !== null && compare(value);
}

function textCondition(operator: string, operand: unknown, path: string): (value: string) => boolean {
  const emptiness = emptinessCondition(operator, operand, path);
  if (emptiness) return (value) => emptiness(value === '');
  if (typeof operand !== 'string') throw bodyValidationError(path, 'a string', operand);
  const needle = operand.toLowerCase();
  const comparisons: Record<string, (value: string) => boolean> = {
    equals: (value) => value === operand,
    does_not_equal: (value) => value !== operand,
    contains: (value) => value.toLowerCase().includes(needle),
    does_not_contain: (value) => !value.toLowerCase().includes(needle),
    starts_with: (value) => value.toLowerCase().startsWith(needle),
    ends_with: (value) => value.toLowerCase().endsWith(needle),
  };
  const compare = comparisons[operator];
  if (!compare) throw bodyValidationError(path, 'not present', operand);
  return compare;
}

function dateCondition(operator: string, operand: unknown, path: string): (isoTime: string) => boolean {
  if (['past_week', 'past_month', 'past_year', 'next_week', 'next_month', 'next_year', 'this_week'].includes(operator)) {
    throw notSimulated(`the relative date filter \`${operator}\``);
  }
  const emptiness = emptinessCondition(operator, operand, path);
  if (emptiness) return () => emptiness(false);
  const bound = typeof operand === 'string' ? Date.parse(operand) : NaN;
  if (Number.isNaN(bound)) throw bodyValidationError(path, 'a valid ISO 8601 date string', operand);
  const dateOnly = typeof operand === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(operand);
  const comparisons: Record<string, (time: number) => boolean> = {
    equals: (time) => (dateOnly ? new Date(time).toISOString().startsWith(String(operand)) : time === bound),
    before: (time) => time < bound,
    after: (time) => time > bound,
    on_or_before: (time) => time <= bound,
    on_or_after: (time) => time >= bound,
  };
  const compare = comparisons[operator];
  if (!compare) throw bodyValidationError(path, 'not present', operand);
  return (isoTime) => compare(Date.parse(isoTime));
}

export function numberOf(value: PropertyValue | undefined): number | null {
  return value?.type === 'number' ? value.number : null;
}

export function textOf(value: PropertyValue | undefined): string {
  if (value?.type === 'title') return plainText(value.title);
  if (value?.type === 'rich_text') return plainText(value.rich_text);
  return '';
}
