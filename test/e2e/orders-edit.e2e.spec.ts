import { OrdersRepository } from '../../src/orders/orders.repository';
import { AirtableClientOptions } from '../../src/orders/orders.options';
import { AirtableSimulator, startAirtableSimulator } from '../../simulators/airtable/airtable-simulator';
import { ADMIN_TOKEN, expectProblem, TestApp, USER_TOKEN } from '../support/test-app';
import { expectedTable, startOrdersApp, storedOrders, syncNow } from './orders.fixtures';

describe('editing orders (e2e)', () => {
  let sim: AirtableSimulator;
  let api: TestApp;

  beforeAll(async () => {
    sim = await startAirtableSimulator({ records: 300, requestsPerSecond: 0 });
    api = await startOrdersApp(sim, { UPSTREAM_RETRIES: '1', UPSTREAM_TIMEOUT_MS: '300' });
    expect((await syncNow(api)).body.status).toBe('succeeded');
  });
  afterEach(() => sim.clearFaults());
  afterAll(async () => {
    await api?.close();
    await sim?.close();
  });

  const patch = (recordId: string, body: unknown, token = ADMIN_TOKEN) =>
    api.request('PATCH', `/api/v1/orders/${recordId}`, { token, body });
  const airtableRecord = (id: string) => sim.records().find((record) => record.id === id)!;
  const pick = (status: string) => sim.records().find((record) => record.fields.Status !== status && record.fields.Customer)!;

  it('writes through to Airtable, then locally with the Last Modified Airtable answered; a later import keeps it', async () => {
    const record = pick('Sent');
    const summaryBefore = await api.request('GET', '/api/v1/orders/summary', { token: ADMIN_TOKEN });
    const customer = record.fields.Customer!.split(' ')[0];
    const searchBefore = await api.request('GET', `/api/v1/orders/summary?customer=${encodeURIComponent(customer)}`, {
      token: ADMIN_TOKEN,
    });

    const response = await patch(record.id, { status: 'Sent', priority: 'High' });
    expect(response.status).toBe(200);
    const inAirtable = airtableRecord(record.id);
    expect(inAirtable.fields).toMatchObject({ Status: 'Sent', Priority: 'High' });
    expect(response.body).toMatchObject({
      recordId: record.id,
      status: 'Sent',
      priority: 'High',
      airtableModifiedAt: inAirtable.fields['Last Modified'],
    });
    expect((await api.request('GET', `/api/v1/orders/${record.id}`, { token: ADMIN_TOKEN })).body).toMatchObject({
      status: 'Sent',
      priority: 'High',
    });

    const countOf = (summary: any, status: string) => summary.byStatus.find((bucket: { status: string }) => bucket.status === status).count;
    const summaryAfter = await api.request('GET', '/api/v1/orders/summary', { token: ADMIN_TOKEN });
    expect(countOf(summaryAfter.body, 'Sent')).toBe(countOf(summaryBefore.body, 'Sent') + 1);
    const searchAfter = await api.request('GET', `/api/v1/orders/summary?customer=${encodeURIComponent(customer)}`, { token: ADMIN_TOKEN });
    expect(countOf(searchAfter.body, 'Sent')).toBe(countOf(searchBefore.body, 'Sent') + 1);

    const next = await syncNow(api);
    expect(next.body).toMatchObject({ status: 'succeeded', created: 0, updated: 0 });
    expect(await storedOrders(api)).toEqual(expectedTable(sim));

    // An import that read the record before the edit and writes after it cannot undo it.
    const stale = {
      ...(await api.app.get(OrdersRepository).findByRecordId(record.id))!,
      status: record.fields.Status as 'Pending',
      airtableModifiedAt: new Date(record.fields['Last Modified']!),
    };
    expect(await api.app.get(OrdersRepository).upsert([stale])).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect((await api.request('GET', `/api/v1/orders/${record.id}`, { token: ADMIN_TOKEN })).body.status).toBe('Sent');
  });

  it('changes one field alone', async () => {
    const record = sim.records()[5];
    const response = await patch(record.id, { priority: 'Low' });
    expect(response.body).toMatchObject({ priority: 'Low', status: record.fields.Status });
    expect(airtableRecord(record.id).fields).toMatchObject({ Priority: 'Low', Status: record.fields.Status });
  });

  it.each([
    {},
    { status: 'Shipped' },
    { status: 'sent' },
    { priority: 'Urgent' },
    { status: null },
    { status: 'Sent', priority: null },
    { status: 1 },
    { status: ['Sent'] },
    { status: 'Sent', customer: 'Someone Else' },
  ])('refuses %j with 400 and changes nothing anywhere', async (body) => {
    const record = sim.records()[7];
    const before = await storedOrders(api);
    const writes = sim.countMatching(/^PATCH /);
    const response = await patch(record.id, body);
    expectProblem(response, 400);
    expect(sim.countMatching(/^PATCH /)).toBe(writes);
    expect(airtableRecord(record.id)).toEqual(record);
    expect(await storedOrders(api)).toEqual(before);
  });

  it('refuses a body that is not JSON', async () => {
    const response = await api.request('PATCH', `/api/v1/orders/${sim.records()[0].id}`, {
      token: ADMIN_TOKEN,
      rawBody: 'status=Sent',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(response, 400);
  });

  it('answers 404 for an order it does not have, without asking Airtable', async () => {
    const writes = sim.countMatching(/^PATCH /);
    expectProblem(await patch('recZZZZZZZZZZZZZZ', { status: 'Sent' }), 404);
    expect(sim.countMatching(/^PATCH /)).toBe(writes);
    expectProblem(await patch('nope', { status: 'Sent' }), 400);
  });

  it('answers 404 when Airtable no longer has the order', async () => {
    const record = sim.records()[9];
    sim.deleteRecord(record.id);
    const response = await patch(record.id, { status: 'Sent' });
    expectProblem(response, 404);
    expect(response.body.detail).toContain('no longer');
  });

  it.each([
    [500, 502],
    [503, 503],
    [422, 502],
    [401, 502],
  ])('answers %i from Airtable with %i and changes nothing here', async (upstream, expected) => {
    const record = sim.records()[11];
    const before = await storedOrders(api);
    sim.faults({ failNext: 5, status: upstream, match: /^PATCH / });
    const response = await patch(record.id, { status: record.fields.Status === 'Sent' ? 'Pending' : 'Sent' });
    expectProblem(response, expected);
    expect(airtableRecord(record.id)).toEqual(record);
    expect(await storedOrders(api)).toEqual(before);
  });

  it('answers 503 with Retry-After while Airtable keeps rate limiting', async () => {
    api.app.get(AirtableClientOptions).rateLimitPauseMs = 10;
    sim.faults({ rateLimitNext: 20, match: /^PATCH / });
    const response = await patch(sim.records()[12].id, { priority: 'High' });
    expectProblem(response, 503);
    expect(response.headers.get('retry-after')).toBe('30');
    api.app.get(AirtableClientOptions).rateLimitPauseMs = 100;
  });

  it('answers 504 when Airtable does not answer in time; nothing changes here and a write Airtable did apply arrives with the next import', async () => {
    const record = sim.records()[13];
    const before = await storedOrders(api);
    sim.faults({ latencyMs: 600, match: /^PATCH / });
    expectProblem(await patch(record.id, { priority: 'High' }), 504);
    expect(await storedOrders(api)).toEqual(before);

    sim.faults({ hangAfterApplyNext: 2, hangMs: 600, match: /^PATCH / });
    expectProblem(await patch(record.id, { status: 'Cancelled' }), 504);
    expect(await storedOrders(api)).toEqual(before);
    expect(airtableRecord(record.id).fields.Status).toBe('Cancelled');
    sim.clearFaults();
    expect((await syncNow(api)).body).toMatchObject({ status: 'succeeded', updated: 1 });
    expect((await api.request('GET', `/api/v1/orders/${record.id}`, { token: ADMIN_TOKEN })).body.status).toBe('Cancelled');
  });

  it('keeps editing to admins', async () => {
    const record = sim.records()[14];
    expectProblem(await patch(record.id, { status: 'Sent' }, USER_TOKEN), 403);
    expectProblem(await api.request('PATCH', `/api/v1/orders/${record.id}`, { body: { status: 'Sent' } }), 401);
    expect(airtableRecord(record.id)).toEqual(record);
  });
});
