import { airtableErrors } from './airtable-errors';
import { parseIsoDate } from './formula/formula-values';
import { OrderField, OrderSchema } from './order-schema';
import { FieldChanges } from './order-table';

/**
 * Select options a typecast write would create. They are only added to the
 * field once the whole request is valid, because Airtable writes are atomic.
 */
export class PendingSelectOptions {
  private readonly added = new Map<OrderField, Set<string>>();

  has(field: OrderField, option: string): boolean {
    return this.added.get(field)?.has(option) ?? false;
  }

  add(field: OrderField, option: string): void {
    const options = this.added.get(field) ?? new Set<string>();
    options.add(option);
    this.added.set(field, options);
  }

  commit(): void {
    for (const [field, options] of this.added) field.choices?.push(...options);
    this.added.clear();
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Validates a `fields` object from a write and normalizes it to cell values keyed by field name. */
export function validateFieldWrites(schema: OrderSchema, fields: unknown, typecast: boolean, pending: PendingSelectOptions): FieldChanges {
  if (!isPlainObject(fields)) throw airtableErrors.invalidRequest();
  const changes: FieldChanges = {};
  for (const [nameOrId, value] of Object.entries(fields)) {
    const field = schema.find(nameOrId);
    if (!field) throw airtableErrors.unknownFieldName(nameOrId);
    changes[field.name] = cellValue(field, value, typecast, pending);
  }
  return changes;
}

function cellValue(field: OrderField, value: unknown, typecast: boolean, pending: PendingSelectOptions) {
  if (field.type === 'lastModifiedTime') throw airtableErrors.computedField(field.name);
  if (value === null) return null;
  switch (field.type) {
    case 'singleLineText':
      if (typeof value === 'string') return value;
      if (typecast && (typeof value === 'number' || typeof value === 'boolean')) return String(value);
      throw airtableErrors.invalidValueForColumn(field.name);
    case 'number':
      return numberCell(field, value, typecast);
    case 'date':
      return dateCell(field, value);
    case 'singleSelect':
      return selectCell(field, value, typecast, pending);
  }
}

function numberCell(field: OrderField, value: unknown, typecast: boolean): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typecast && typeof value === 'string') {
    if (value.trim() === '') return null;
    const parsed = Number(value.replace(/[\s,$€£]/g, ''));
    if (Number.isFinite(parsed)) return parsed;
    throw airtableErrors.unparsableValue(value, field.name);
  }
  throw airtableErrors.invalidValueForColumn(field.name);
}

/** A date-only field keeps the GMT calendar day of whatever ISO value it is given. */
function dateCell(field: OrderField, value: unknown): string | null {
  if (typeof value !== 'string') throw airtableErrors.invalidValueForColumn(field.name);
  if (value === '') return null;
  const parsed = parseIsoDate(value);
  if (!parsed) throw airtableErrors.unparsableValue(value, field.name);
  return parsed.toISOString().slice(0, 10);
}

function selectCell(field: OrderField, value: unknown, typecast: boolean, pending: PendingSelectOptions): string | null {
  const option = typeof value === 'string' ? value : typecast && typeof value === 'number' ? String(value) : undefined;
  if (option === undefined) throw airtableErrors.invalidValueForColumn(field.name);
  if (option === '') return null;
  if (field.choices?.includes(option) || pending.has(field, option)) return option;
  if (!typecast) throw airtableErrors.unknownSelectOption(option);
  pending.add(field, option);
  return option;
}
