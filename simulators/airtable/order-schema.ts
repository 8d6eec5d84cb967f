export interface AirtableOrderFields {
  'Order ID'?: string;
  Customer?: string;
  Status?: string;
  Priority?: string;
  Total?: number;
  'Order Date'?: string;
  'Last Modified'?: string;
}

export interface SimulatedRecord {
  id: string;
  createdTime: string;
  fields: AirtableOrderFields;
}

export type OrderFieldName = keyof AirtableOrderFields;
export type OrderFieldType = 'singleLineText' | 'singleSelect' | 'number' | 'date' | 'lastModifiedTime';

export interface OrderField {
  readonly id: string;
  readonly name: OrderFieldName;
  readonly type: OrderFieldType;
  /** Options of a single select, in the order Airtable sorts them. Typecast writes may append. */
  readonly choices?: string[];
}

export const ORDER_STATUSES = ['Pending', 'Processing', 'Sent', 'Delivered', 'Cancelled'] as const;
export const ORDER_PRIORITIES = ['Low', 'Medium', 'High'] as const;
export const ORDERS_TABLE_NAME = 'Orders';
export const DEFAULT_VIEW = { id: 'viwGridSimulated', name: 'Grid view' } as const;

const fieldId = (label: string) => `fld${label.padEnd(14, '0')}`;

/** A fresh copy per simulator, because typecast writes add select options to it. */
export class OrderSchema {
  readonly fields: readonly OrderField[] = [
    { id: fieldId('OrderId'), name: 'Order ID', type: 'singleLineText' },
    { id: fieldId('Customer'), name: 'Customer', type: 'singleLineText' },
    { id: fieldId('Status'), name: 'Status', type: 'singleSelect', choices: [...ORDER_STATUSES] },
    { id: fieldId('Priority'), name: 'Priority', type: 'singleSelect', choices: [...ORDER_PRIORITIES] },
    { id: fieldId('Total'), name: 'Total', type: 'number' },
    { id: fieldId('OrderDate'), name: 'Order Date', type: 'date' },
    { id: fieldId('LastModified'), name: 'Last Modified', type: 'lastModifiedTime' },
  ];

  private readonly byNameOrId = new Map<string, OrderField>(
    this.fields.flatMap((field) => [
      [field.name, field],
      [field.id, field],
    ]),
  );

  /** Write payloads and `fields[]` name fields exactly (by name or id). */
  find(nameOrId: string): OrderField | undefined {
    return this.byNameOrId.get(nameOrId);
  }

  /** Formulas resolve `{field}` references case-insensitively, as Airtable does. */
  findForFormula(reference: string): OrderField | undefined {
    const lowered = reference.trim().toLowerCase();
    return this.fields.find((field) => field.name.toLowerCase() === lowered || field.id.toLowerCase() === lowered);
  }

  field(name: OrderFieldName): OrderField {
    const field = this.byNameOrId.get(name);
    if (!field) throw new Error(`Unknown order field ${name}`);
    return field;
  }
}

/** Airtable leaves empty cells out of `fields` instead of sending null. */
export function isEmptyCell(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}
