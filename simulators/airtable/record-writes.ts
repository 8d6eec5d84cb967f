import { airtableErrors, MAX_RECORDS_PER_WRITE } from './airtable-errors';
import { PendingSelectOptions, validateFieldWrites } from './field-writes';
import { SimulatedRecord } from './order-schema';
import { FieldChanges, OrderTable } from './order-table';
import { RecordRendering, renderRecord, RenderedRecord } from './record-rendering';

export type UpdateMode = 'merge' | 'replace';

interface WriteOptions {
  typecast: boolean;
  rendering: RecordRendering;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function writeOptions(body: Record<string, unknown>): WriteOptions {
  const { typecast = false, returnFieldsByFieldId = false } = body;
  if (typeof typecast !== 'boolean' || typeof returnFieldsByFieldId !== 'boolean') throw airtableErrors.invalidRequest();
  return { typecast, rendering: { byFieldId: returnFieldsByFieldId, commentCount: false } };
}

/**
 * Create, update and delete as the Web API does them: every record of a request is
 * validated before any is written, so a refused request changes nothing.
 */
export class RecordWrites {
  constructor(private readonly table: OrderTable) {}

  /** PATCH (merge) / PUT (replace) /v0/{base}/{table} with `{records: [{id, fields}]}`. */
  updateMany(body: unknown, mode: UpdateMode): { records: RenderedRecord[] } {
    if (!isPlainObject(body)) throw airtableErrors.invalidRecordsForUpdate();
    if (body.performUpsert !== undefined) {
      throw airtableErrors.invalidRequest('performUpsert is not supported by the Airtable simulator');
    }
    const records = body.records;
    if (!Array.isArray(records) || records.length === 0 || records.length > MAX_RECORDS_PER_WRITE) {
      throw airtableErrors.invalidRecordsForUpdate();
    }
    const options = writeOptions(body);
    const pending = new PendingSelectOptions();
    const edits = records.map((entry: unknown) => {
      if (!isPlainObject(entry) || typeof entry.id !== 'string' || !isPlainObject(entry.fields)) {
        throw airtableErrors.invalidRecordsForUpdate();
      }
      if (!this.table.get(entry.id)) throw airtableErrors.rowDoesNotExist(entry.id);
      return { id: entry.id, changes: validateFieldWrites(this.table.schema, entry.fields, options.typecast, pending) };
    });
    pending.commit();
    return {
      records: edits.map(({ id, changes }) => this.render(this.table.edit(id, changes, mode), options)),
    };
  }

  /** PATCH / PUT /v0/{base}/{table}/{recordId} with `{fields}`. */
  updateOne(recordId: string, body: unknown, mode: UpdateMode): RenderedRecord {
    if (!this.table.get(recordId)) throw airtableErrors.recordNotFound();
    if (!isPlainObject(body) || body.fields === undefined) throw airtableErrors.missingFields();
    const options = writeOptions(body);
    const pending = new PendingSelectOptions();
    const changes = validateFieldWrites(this.table.schema, body.fields, options.typecast, pending);
    pending.commit();
    return this.render(this.table.edit(recordId, changes, mode), options);
  }

  /** POST /v0/{base}/{table} with `{records: [{fields}]}` or a single `{fields}`. */
  create(body: unknown): { records: RenderedRecord[] } | RenderedRecord {
    if (!isPlainObject(body)) throw airtableErrors.missingFields();
    const options = writeOptions(body);
    const pending = new PendingSelectOptions();
    const validate = (fields: unknown): FieldChanges => validateFieldWrites(this.table.schema, fields, options.typecast, pending);
    if (!Array.isArray(body.records)) {
      if (body.fields === undefined) throw airtableErrors.missingFields();
      const changes = validate(body.fields);
      pending.commit();
      return this.render(this.table.insert(changes), options);
    }
    if (body.records.length > MAX_RECORDS_PER_WRITE) throw airtableErrors.invalidRecordsForCreate(body.records.length);
    if (body.records.length === 0) throw airtableErrors.invalidRequest();
    const creations = body.records.map((entry: unknown) => {
      if (!isPlainObject(entry) || entry.fields === undefined) throw airtableErrors.missingFields();
      return validate(entry.fields);
    });
    pending.commit();
    return { records: creations.map((changes) => this.render(this.table.insert(changes), options)) };
  }

  /** DELETE /v0/{base}/{table}/{recordId} or /v0/{base}/{table}?records[]=… */
  delete(recordIds: string[]): { deleted: true; id: string }[] {
    if (recordIds.length === 0 || recordIds.length > MAX_RECORDS_PER_WRITE) throw airtableErrors.invalidRequest();
    if (recordIds.some((id) => !this.table.get(id))) throw airtableErrors.recordNotFound();
    return recordIds.map((id) => {
      this.table.delete(id);
      return { deleted: true, id };
    });
  }

  private render(record: SimulatedRecord, options: WriteOptions): RenderedRecord {
    return renderRecord(record, this.table.schema, options.rendering);
  }
}
