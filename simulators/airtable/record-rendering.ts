import { airtableErrors } from './airtable-errors';
import { isEmptyCell, OrderField, OrderSchema, SimulatedRecord } from './order-schema';

export interface RecordRendering {
  /** Only these fields (`fields[]`); all of them when undefined. */
  readonly fields?: readonly OrderField[];
  readonly byFieldId: boolean;
  readonly commentCount: boolean;
  /** Set for cellFormat=string: the cell as the Airtable UI shows it. */
  readonly formatCell?: (field: OrderField, value: string | number) => string;
}

export const JSON_RENDERING: RecordRendering = { byFieldId: false, commentCount: false };

export interface RenderedRecord {
  id: string;
  createdTime: string;
  fields: Record<string, string | number>;
  commentCount?: number;
}

export function renderRecord(record: SimulatedRecord, schema: OrderSchema, rendering: RecordRendering): RenderedRecord {
  const fields: Record<string, string | number> = {};
  for (const field of rendering.fields ?? schema.fields) {
    const value = record.fields[field.name];
    if (isEmptyCell(value)) continue;
    const key = rendering.byFieldId ? field.id : field.name;
    fields[key] = rendering.formatCell ? rendering.formatCell(field, value as string | number) : (value as string | number);
  }
  const rendered: RenderedRecord = { id: record.id, createdTime: record.createdTime, fields };
  if (rendering.commentCount) rendered.commentCount = 0;
  return rendered;
}

/** cellFormat=string needs both a time zone and a locale, exactly as Airtable insists. */
export function stringCellFormatter(timeZone: unknown, userLocale: unknown): RecordRendering['formatCell'] {
  if (typeof timeZone !== 'string' || typeof userLocale !== 'string') {
    throw airtableErrors.invalidRequest('The "timeZone" and "userLocale" parameters are required when using "string" as "cellFormat".');
  }
  let dateFormat: Intl.DateTimeFormat;
  let dateTimeFormat: Intl.DateTimeFormat;
  let numberFormat: Intl.NumberFormat;
  try {
    dateFormat = new Intl.DateTimeFormat(userLocale, { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });
    dateTimeFormat = new Intl.DateTimeFormat(userLocale, {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    });
    numberFormat = new Intl.NumberFormat(userLocale, { useGrouping: false, maximumFractionDigits: 20 });
  } catch {
    throw airtableErrors.invalidRequest();
  }
  return (field, value) => {
    if (field.type === 'number' && typeof value === 'number') return numberFormat.format(value);
    const instant = typeof value === 'string' && field.type === 'date' ? Date.parse(`${value}T00:00:00Z`) : Date.parse(String(value));
    if (field.type === 'date' && Number.isFinite(instant)) return dateFormat.format(instant);
    if (field.type === 'lastModifiedTime' && Number.isFinite(instant)) return dateTimeFormat.format(instant);
    return String(value);
  };
}
