import { AirtableOrderFields, isEmptyCell, OrderFieldName, OrderSchema, SimulatedRecord } from './order-schema';

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Airtable ids: a three-letter type prefix and 14 mixed-case alphanumerics. */
export function randomAirtableId(prefix: string, random: () => number): string {
  let id = prefix;
  for (let i = 0; i < 14; i += 1) id += ID_ALPHABET[(random() * ID_ALPHABET.length) | 0];
  return id;
}

/** Airtable's createdTime has whole seconds ("…:48.000Z"). */
export function createdTimeOf(date: Date): string {
  return new Date(date.getTime() - (date.getTime() % 1000)).toISOString();
}

export type FieldChanges = Partial<Record<OrderFieldName, string | number | null | undefined>>;

/** The Orders table: records in creation order, which is also the API's default order. */
export class OrderTable {
  readonly schema = new OrderSchema();
  private rows: SimulatedRecord[] = [];
  private readonly rowsById = new Map<string, SimulatedRecord>();

  constructor(
    private readonly random: () => number,
    private readonly clock: () => Date,
  ) {}

  all(): readonly SimulatedRecord[] {
    return this.rows;
  }

  get(id: string): SimulatedRecord | undefined {
    return this.rowsById.get(id);
  }

  replaceAll(records: SimulatedRecord[]): void {
    this.rows = records;
    this.rowsById.clear();
    for (const record of records) this.rowsById.set(record.id, record);
  }

  insert(fields: FieldChanges): SimulatedRecord {
    const now = this.clock();
    const record: SimulatedRecord = {
      id: this.newRecordId(),
      createdTime: createdTimeOf(now),
      fields: withChanges({}, { ...fields, 'Last Modified': now.toISOString() }),
    };
    this.rows.push(record);
    this.rowsById.set(record.id, record);
    return record;
  }

  /** `replace` clears every field not given, like PUT. Either way Last Modified moves to now. */
  edit(id: string, changes: FieldChanges, mode: 'merge' | 'replace' = 'merge'): SimulatedRecord {
    const record = this.rowsById.get(id);
    if (!record) throw new Error(`No record ${id} in the simulated Orders table`);
    const kept = mode === 'merge' ? record.fields : {};
    record.fields = withChanges(kept, { ...changes, 'Last Modified': this.clock().toISOString() });
    return record;
  }

  delete(id: string): boolean {
    if (!this.rowsById.delete(id)) return false;
    this.rows = this.rows.filter((record) => record.id !== id);
    return true;
  }

  newRecordId(): string {
    let id = randomAirtableId('rec', this.random);
    while (this.rowsById.has(id)) id = randomAirtableId('rec', this.random);
    return id;
  }
}

function withChanges(fields: AirtableOrderFields, changes: FieldChanges): AirtableOrderFields {
  const next: Record<string, unknown> = { ...fields };
  for (const [name, value] of Object.entries(changes)) {
    if (isEmptyCell(value)) delete next[name];
    else next[name] = value;
  }
  return next as AirtableOrderFields;
}

export function copyRecord(record: SimulatedRecord): SimulatedRecord {
  return { id: record.id, createdTime: record.createdTime, fields: { ...record.fields } };
}
