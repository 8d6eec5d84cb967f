import { airtableErrors } from './airtable-errors';
import { recordMatchesFormula } from './formula/formula-evaluator';
import { FormulaRecordContext } from './formula/formula-functions';
import { FormulaValue, parseIsoDate } from './formula/formula-values';
import { ListRecordsRequest, SortSpec } from './list-parameters';
import { isEmptyCell, OrderField, OrderFieldName, SimulatedRecord } from './order-schema';
import { OrderTable } from './order-table';
import { RecordIterators } from './record-iterators';
import { renderRecord, RenderedRecord } from './record-rendering';

export interface RecordPage {
  records: RenderedRecord[];
  offset?: string;
}

const collator = new Intl.Collator('en', { numeric: true });

/** Runs list requests: filter, sort and maxRecords once per listing, then pages through an iterator. */
export class RecordLister {
  constructor(
    private readonly table: OrderTable,
    private readonly iterators: RecordIterators,
    private readonly clock: () => Date,
  ) {}

  list(request: ListRecordsRequest): RecordPage {
    let recordIds: readonly string[];
    let index = 0;
    let resumed: ReturnType<RecordIterators['resume']>;
    if (request.offset !== undefined) {
      resumed = this.iterators.resume(request.offset);
      if (!resumed) throw airtableErrors.iteratorNotAvailable();
      recordIds = resumed.iterator.recordIds;
      index = resumed.resumeIndex;
    } else {
      recordIds = this.matchingRecordIds(request);
    }

    const records: RenderedRecord[] = [];
    let lastRecordId = '';
    while (records.length < request.pageSize && index < recordIds.length) {
      // Records deleted since the listing started are skipped, not returned.
      const record = this.table.get(recordIds[index]);
      index += 1;
      if (!record) continue;
      records.push(renderRecord(record, this.table.schema, request.rendering));
      lastRecordId = record.id;
    }
    if (index >= recordIds.length) return { records };
    const iterator = resumed?.iterator ?? this.iterators.start(recordIds);
    return { records, offset: this.iterators.offsetFor(iterator, index, lastRecordId) };
  }

  private matchingRecordIds(request: ListRecordsRequest): string[] {
    const now = this.clock();
    const filter = request.filter;
    let matching: readonly SimulatedRecord[] = this.table.all();
    if (filter) matching = matching.filter((record) => recordMatchesFormula(filter, this.formulaContext(record, now)));
    if (request.sort.length > 0) matching = [...matching].sort((a, b) => compareRecords(a, b, request.sort));
    const ids = matching.map((record) => record.id);
    return request.maxRecords === undefined ? ids : ids.slice(0, request.maxRecords);
  }

  private formulaContext(record: SimulatedRecord, now: Date): FormulaRecordContext {
    const schema = this.table.schema;
    return {
      recordId: record.id,
      createdTime: new Date(record.createdTime),
      lastModifiedTime: parseIsoDate(record.fields['Last Modified'] ?? '') ?? null,
      now,
      fieldValue: (name) => formulaValueOf(schema.field(name as OrderFieldName), record.fields[name as OrderFieldName]),
    };
  }
}

/** Date fields are dates inside formulas; a cell that does not parse stays text (and fails date comparisons). */
function formulaValueOf(field: OrderField, value: string | number | undefined): FormulaValue {
  if (isEmptyCell(value)) return null;
  if ((field.type === 'date' || field.type === 'lastModifiedTime') && typeof value === 'string') {
    return parseIsoDate(value) ?? value;
  }
  return value as string | number;
}

/** Airtable sorts empty cells first (ascending), single selects by option order, then keeps creation order. */
function compareRecords(a: SimulatedRecord, b: SimulatedRecord, sort: readonly SortSpec[]): number {
  for (const { field, direction } of sort) {
    const order = compareCells(field, a.fields[field.name], b.fields[field.name]);
    if (order !== 0) return direction === 'asc' ? order : -order;
  }
  return 0;
}

function compareCells(field: OrderField, left: string | number | undefined, right: string | number | undefined): number {
  const leftEmpty = isEmptyCell(left);
  const rightEmpty = isEmptyCell(right);
  if (leftEmpty || rightEmpty) return leftEmpty === rightEmpty ? 0 : leftEmpty ? -1 : 1;
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (field.type === 'singleSelect' && field.choices) {
    return field.choices.indexOf(String(left)) - field.choices.indexOf(String(right));
  }
  return collator.compare(String(left), String(right));
}
