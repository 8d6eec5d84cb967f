import { Injectable } from '@nestjs/common';
import { UpstreamError } from '../common/errors/domain-error';
import { AIRTABLE_FIELDS, mapAirtableOrder } from './airtable-order.mapper';
import { AirtablePort } from './airtable.port';
import { ImportedOrder } from './order.types';
import { ListOrdersOptions, OrderEdit, OrderSource, SourcePage } from './order-source.port';

/**
 * The order source over the Orders table in Airtable: our filters become Airtable formulas, our edits
 * Airtable fields, and Airtable's records our orders (through the mapper). Nothing outside this file,
 * the mapper and the Airtable client knows an Airtable field name.
 */
@Injectable()
export class AirtableOrderSource extends OrderSource {
  constructor(private readonly airtable: AirtablePort) {
    super();
  }

  isConfigured(): boolean {
    return this.airtable.isConfigured();
  }

  async *listOrders(options: ListOrdersOptions = {}): AsyncIterable<SourcePage> {
    const pages = this.airtable.listRecords({
      filterByFormula: options.modifiedSince ? modifiedAfterFormula(options.modifiedSince) : undefined,
      fields: Object.values(AIRTABLE_FIELDS),
      pageSize: options.pageSize,
      signal: options.signal,
    });
    for await (const page of pages) {
      yield { orders: page.records.map((record) => ({ recordId: record.id, ...mapAirtableOrder(record) })), restarted: page.restarted };
    }
  }

  async updateOrder(recordId: string, edit: OrderEdit): Promise<{ order: ImportedOrder; problems: string[] }> {
    const fields: Record<string, string> = {};
    if (edit.status !== undefined) fields[AIRTABLE_FIELDS.status] = edit.status;
    if (edit.priority !== undefined) fields[AIRTABLE_FIELDS.priority] = edit.priority;
    const [record] = await this.airtable.updateRecords([{ id: recordId, fields }]);
    const { order, problems } = mapAirtableOrder(record);
    if (!order)
      throw new UpstreamError('upstream_failed', 'airtable', `Airtable answered the update of ${recordId} without a Last Modified time.`);
    return { order, problems };
  }
}

/** Airtable formula: records whose Last Modified time is after `since`. */
export function modifiedAfterFormula(since: Date): string {
  return `IS_AFTER({${AIRTABLE_FIELDS.lastModified}}, DATETIME_PARSE('${since.toISOString()}'))`;
}
