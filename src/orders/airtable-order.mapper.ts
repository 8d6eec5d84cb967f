import { AirtableRecord } from './airtable.port';
import { ImportedOrder, isOrderPriority, isOrderStatus } from './order.types';

/** The Airtable field names of the contract's Orders table. */
export const AIRTABLE_FIELDS = {
  orderId: 'Order ID',
  customer: 'Customer',
  status: 'Status',
  priority: 'Priority',
  total: 'Total',
  orderDate: 'Order Date',
  lastModified: 'Last Modified',
} as const;

/** Airtable record ids are `rec` and 14 letters or digits; the column holds at most 32. */
const RECORD_ID = /^[A-Za-z0-9]{1,32}$/;
/** PostgreSQL text cannot hold U+0000: one such value would fail the whole page's upsert, on every run. */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what is stripped here
const NUL = /\u0000/g;
const MAX_ORDER_ID_LENGTH = 100;
const MAX_CUSTOMER_LENGTH = 200;
/** numeric(14,2) */
const MAX_TOTAL = 1e12;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

export type MappedRecord =
  /** Stored; `problems` name the fields left empty because their values did not fit. */
  | { order: ImportedOrder; problems: string[] }
  /** Not stored at all. */
  | { order: undefined; problems: string[] };

/**
 * Turns an Airtable record into an order, keeping what is valid. A field whose
 * value does not fit is left empty (and named in `problems`); a record without
 * a usable Last Modified time is skipped, since without it an older copy could
 * overwrite a newer one.
 */
export function mapAirtableOrder(record: AirtableRecord): MappedRecord {
  if (typeof record.id !== 'string' || !RECORD_ID.test(record.id)) {
    return { order: undefined, problems: [`record id ${describe(record.id)} is not an Airtable record id`] };
  }
  const problems: string[] = [];
  const fields = withoutNul(record.fields ?? {}, problems);
  const lastModified = instant(fields[AIRTABLE_FIELDS.lastModified]);
  if (!lastModified) {
    return { order: undefined, problems: [`${AIRTABLE_FIELDS.lastModified} is missing or not a date-time`] };
  }
  const check = <T>(name: string, value: unknown, parse: (value: unknown) => T | undefined, expected: string): T | null => {
    if (value === undefined || value === null || value === '') {
      problems.push(`${name} is empty`);
      return null;
    }
    const parsed = parse(value);
    if (parsed === undefined) {
      problems.push(`${name} ${describe(value)} is not ${expected}`);
      return null;
    }
    return parsed;
  };
  return {
    order: {
      recordId: record.id,
      orderId: check(
        AIRTABLE_FIELDS.orderId,
        fields[AIRTABLE_FIELDS.orderId],
        text(MAX_ORDER_ID_LENGTH),
        `a text of at most ${MAX_ORDER_ID_LENGTH} characters`,
      ),
      customer: check(
        AIRTABLE_FIELDS.customer,
        fields[AIRTABLE_FIELDS.customer],
        text(MAX_CUSTOMER_LENGTH),
        `a text of at most ${MAX_CUSTOMER_LENGTH} characters`,
      ),
      status: check(
        AIRTABLE_FIELDS.status,
        fields[AIRTABLE_FIELDS.status],
        (value) => (isOrderStatus(value) ? value : undefined),
        'a known status',
      ),
      priority: check(
        AIRTABLE_FIELDS.priority,
        fields[AIRTABLE_FIELDS.priority],
        (value) => (isOrderPriority(value) ? value : undefined),
        'a known priority',
      ),
      total: check(AIRTABLE_FIELDS.total, fields[AIRTABLE_FIELDS.total], money, 'an amount from 0 to 1e12'),
      orderDate: check(AIRTABLE_FIELDS.orderDate, fields[AIRTABLE_FIELDS.orderDate], day, 'a YYYY-MM-DD date'),
      airtableModifiedAt: lastModified,
    },
    problems,
  };
}

/** The fields with U+0000 removed from every text value (each such field named in `problems`). */
function withoutNul(fields: Record<string, unknown>, problems: string[]): Record<string, unknown> {
  const clean: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string' && value.includes('\u0000')) {
      problems.push(`${name} held NUL characters (removed)`);
      clean[name] = value.replace(NUL, '');
    } else {
      clean[name] = value;
    }
  }
  return clean;
}

const text = (maxLength: number) => (value: unknown) => {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed.length <= maxLength ? trimmed : undefined;
};

/** Two decimal places, as text, so nothing is lost between Airtable's number and numeric(14,2). */
function money(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value >= MAX_TOTAL) return undefined;
  return value.toFixed(2);
}

function day(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = ISO_DAY.exec(value);
  if (!match) return undefined;
  const [year, month, date] = match.slice(1).map(Number);
  const parsed = new Date(Date.UTC(year, month - 1, date));
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === date ? value : undefined;
}

function instant(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) return undefined;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

function describe(value: unknown): string {
  const shown = JSON.stringify(value) ?? String(value);
  return shown.length > 60 ? `${shown.slice(0, 57)}...` : shown;
}
