import { DataSource } from 'typeorm';
import { AirtableClientOptions } from '../../src/orders/orders.options';
import { AirtableSimulator, SimulatedRecord } from '../../simulators/airtable/airtable-simulator';
import { ADMIN_TOKEN, ApiResponse, startTestApp, TestApp } from '../support/test-app';

/** The settings that point the app at a simulator. */
export function airtableEnv(sim: AirtableSimulator): Record<string, string> {
  return {
    AIRTABLE_TOKEN: sim.token,
    AIRTABLE_BASE_ID: sim.baseId,
    AIRTABLE_TABLE_ID: sim.tableId,
    AIRTABLE_ENDPOINT_URL: sim.endpointUrl,
    UPSTREAM_RETRIES: '2',
    UPSTREAM_TIMEOUT_MS: '2000',
  };
}

/** The app against the simulator, with the client unthrottled and its waits short (the rate limit is not the point). */
export async function startOrdersApp(sim: AirtableSimulator, env: Record<string, string> = {}): Promise<TestApp> {
  const api = await startTestApp({ ...airtableEnv(sim), ...env });
  const client = api.app.get(AirtableClientOptions);
  client.requestsPerSecond = 0;
  client.rateLimitPauseMs = 100;
  client.retryBaseDelayMs = 5;
  return api;
}

export async function syncNow(api: TestApp, query = ''): Promise<ApiResponse> {
  return api.request('POST', `/api/v1/orders/sync${query ? `?${query}` : ''}`, { token: ADMIN_TOKEN });
}

/** The orders table as plain comparable values, by record id. */
export async function storedOrders(api: TestApp): Promise<Map<string, ComparableOrder>> {
  const rows: (ComparableOrder & { recordId: string })[] = await api.app.get(DataSource).query(
    `SELECT record_id AS "recordId", order_id AS "orderId", customer, status, priority, total::text AS total,
            order_date::text AS "orderDate", to_char(airtable_modified_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "lastModified"
     FROM orders`,
  );
  return new Map(rows.map(({ recordId, ...order }) => [recordId, order]));
}

export async function updatedAtByRecordId(api: TestApp): Promise<Map<string, string>> {
  const rows: { record_id: string; updated_at: Date }[] = await api.app.get(DataSource).query(`SELECT record_id, updated_at FROM orders`);
  return new Map(rows.map((row) => [row.record_id, row.updated_at.toISOString()]));
}

export interface ComparableOrder {
  orderId: string | null;
  customer: string | null;
  status: string | null;
  priority: string | null;
  total: string | null;
  orderDate: string | null;
  lastModified: string;
}

/** What the table should hold for a well-formed simulated record, worked out without the application's mapper. */
export function expectedOrder(record: SimulatedRecord): ComparableOrder {
  const fields = record.fields;
  return {
    orderId: fields['Order ID'] ?? null,
    customer: fields.Customer ?? null,
    status: fields.Status ?? null,
    priority: fields.Priority ?? null,
    total: fields.Total === undefined ? null : fields.Total.toFixed(2),
    orderDate: fields['Order Date'] ?? null,
    lastModified: fields['Last Modified'] as string,
  };
}

export function expectedTable(sim: AirtableSimulator): Map<string, ComparableOrder> {
  return new Map(sim.records().map((record) => [record.id, expectedOrder(record)]));
}
