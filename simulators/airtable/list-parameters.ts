import { airtableErrors } from './airtable-errors';
import { FormulaNode, FormulaSyntaxError, parseFormula } from './formula/formula-parser';
import { DEFAULT_VIEW, OrderField, OrderSchema } from './order-schema';
import { RecordRendering, stringCellFormatter } from './record-rendering';

export interface SortSpec {
  readonly field: OrderField;
  readonly direction: 'asc' | 'desc';
}

export interface ListRecordsRequest {
  readonly pageSize: number;
  readonly maxRecords?: number;
  readonly offset?: string;
  readonly filter?: FormulaNode;
  readonly sort: readonly SortSpec[];
  readonly rendering: RecordRendering;
}

/** The list parameters as they arrive, before validation: strings from a query, JSON values from a body. */
interface RawListParameters {
  pageSize?: unknown;
  maxRecords?: unknown;
  offset?: unknown;
  filterByFormula?: unknown;
  fields?: unknown;
  sort?: unknown;
  view?: unknown;
  cellFormat?: unknown;
  timeZone?: unknown;
  userLocale?: unknown;
  returnFieldsByFieldId?: unknown;
  recordMetadata?: unknown;
}

const MAX_PAGE_SIZE = 100;
const SORT_KEY = /^sort\[(\d+)\]\[(field|direction)\]$/;

/** GET: `fields[]=A&fields[]=B`, `sort[0][field]=X&sort[0][direction]=desc`, the rest as plain keys. */
export function listParametersFromQuery(query: URLSearchParams, schema: OrderSchema): ListRecordsRequest {
  const sort: Record<string, string>[] = [];
  for (const [key, value] of query) {
    const match = SORT_KEY.exec(key);
    if (match) (sort[Number(match[1])] ??= {})[match[2]] = value;
  }
  const list = (name: string) => (query.has(`${name}[]`) ? query.getAll(`${name}[]`) : undefined);
  return validate(
    {
      pageSize: integerText(query.get('pageSize')),
      maxRecords: integerText(query.get('maxRecords')),
      offset: query.get('offset') ?? undefined,
      filterByFormula: query.get('filterByFormula') ?? undefined,
      fields: list('fields'),
      sort: sort.length > 0 ? sort.filter(Boolean) : undefined,
      view: query.get('view') ?? undefined,
      cellFormat: query.get('cellFormat') ?? undefined,
      timeZone: query.get('timeZone') ?? undefined,
      userLocale: query.get('userLocale') ?? undefined,
      returnFieldsByFieldId: booleanText(query.get('returnFieldsByFieldId')),
      recordMetadata: list('recordMetadata'),
    },
    schema,
  );
}

/** POST .../listRecords: the same parameters as JSON; timeZone and userLocale may stay in the query. */
export function listParametersFromBody(body: unknown, query: URLSearchParams, schema: OrderSchema): ListRecordsRequest {
  if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
    throw airtableErrors.invalidRequest();
  }
  const raw = (body ?? {}) as RawListParameters;
  return validate(
    {
      ...raw,
      timeZone: raw.timeZone ?? query.get('timeZone') ?? undefined,
      userLocale: raw.userLocale ?? query.get('userLocale') ?? undefined,
    },
    schema,
  );
}

function validate(raw: RawListParameters, schema: OrderSchema): ListRecordsRequest {
  const pageSize = optionalInteger(raw.pageSize, 1, MAX_PAGE_SIZE) ?? MAX_PAGE_SIZE;
  const maxRecords = optionalInteger(raw.maxRecords, 1, Number.MAX_SAFE_INTEGER);
  const offset = optionalString(raw.offset);
  const fields = raw.fields === undefined ? undefined : stringList(raw.fields).map((name) => fieldNamed(schema, name));
  const view = optionalString(raw.view);
  if (view !== undefined && view !== DEFAULT_VIEW.name && view !== DEFAULT_VIEW.id) throw airtableErrors.viewNotFound(view);
  const cellFormat = optionalString(raw.cellFormat) ?? 'json';
  if (cellFormat !== 'json' && cellFormat !== 'string') throw airtableErrors.invalidRequest();
  const recordMetadata = raw.recordMetadata === undefined ? [] : stringList(raw.recordMetadata);
  if (recordMetadata.some((entry) => entry !== 'commentCount')) throw airtableErrors.invalidRequest();
  if (raw.returnFieldsByFieldId !== undefined && typeof raw.returnFieldsByFieldId !== 'boolean') {
    throw airtableErrors.invalidRequest();
  }
  return {
    pageSize,
    maxRecords,
    offset,
    filter: parseFilter(raw.filterByFormula, schema),
    sort: parseSort(raw.sort, schema),
    rendering: {
      fields,
      byFieldId: raw.returnFieldsByFieldId === true,
      commentCount: recordMetadata.includes('commentCount'),
      formatCell: cellFormat === 'string' ? stringCellFormatter(raw.timeZone, raw.userLocale) : undefined,
    },
  };
}

function parseFilter(formula: unknown, schema: OrderSchema): FormulaNode | undefined {
  if (formula === undefined) return undefined;
  if (typeof formula !== 'string') throw airtableErrors.invalidRequest();
  try {
    return parseFormula(formula, (reference) => schema.findForFormula(reference)?.name);
  } catch (error) {
    if (error instanceof FormulaSyntaxError) throw airtableErrors.invalidFilterByFormula(error.message);
    throw error;
  }
}

function parseSort(sort: unknown, schema: OrderSchema): SortSpec[] {
  if (sort === undefined) return [];
  if (!Array.isArray(sort)) throw airtableErrors.invalidRequest();
  return sort.map((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) throw airtableErrors.invalidRequest();
    const { field, direction = 'asc' } = entry as { field?: unknown; direction?: unknown };
    if (typeof field !== 'string' || (direction !== 'asc' && direction !== 'desc')) throw airtableErrors.invalidRequest();
    return { field: fieldNamed(schema, field), direction };
  });
}

function fieldNamed(schema: OrderSchema, nameOrId: string): OrderField {
  const field = schema.find(nameOrId);
  if (!field) throw airtableErrors.unknownFieldName(nameOrId);
  return field;
}

/** Query strings carry numbers as text; anything but plain digits is left for `optionalInteger` to refuse. */
function integerText(text: string | null): unknown {
  if (text === null) return undefined;
  return /^\d+$/.test(text) ? Number(text) : text;
}

function booleanText(text: string | null): unknown {
  if (text === null) return undefined;
  return text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : text;
}

function optionalInteger(value: unknown, min: number, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw airtableErrors.invalidRequest();
  }
  return value;
}

function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw airtableErrors.invalidRequest();
  return value;
}

function stringList(value: unknown): string[] {
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string')) throw airtableErrors.invalidRequest();
  return value as string[];
}
