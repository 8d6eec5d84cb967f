import { mapAirtableOrder } from '../../src/orders/airtable-order.mapper';
import { modifiedAfterFormula } from '../../src/orders/airtable-order-source';
import { nextHighWaterMark } from '../../src/orders/order-importer';
import { pageIdsQuery } from '../../src/orders/order-page-ids';
import { escapeLike, filterCondition, orderByClause } from '../../src/orders/order-queries';

const LAST_MODIFIED = '2025-03-01T10:00:00.000Z';
const GOOD = {
  'Order ID': 'ORD-1',
  Customer: 'Ana García',
  Status: 'Sent',
  Priority: 'High',
  Total: 12.5,
  'Order Date': '2025-02-28',
  'Last Modified': LAST_MODIFIED,
};

describe('mapAirtableOrder', () => {
  it('maps a well-formed record', () => {
    expect(mapAirtableOrder({ id: 'rec1', fields: GOOD })).toEqual({
      order: {
        recordId: 'rec1',
        orderId: 'ORD-1',
        customer: 'Ana García',
        status: 'Sent',
        priority: 'High',
        total: '12.50',
        orderDate: '2025-02-28',
        airtableModifiedAt: new Date(LAST_MODIFIED),
      },
      problems: [],
    });
  });

  it.each([
    ['Status', 'On Hold', 'status', 'Status "On Hold" is not a known status'],
    ['Priority', 'urgent', 'priority', 'Priority "urgent" is not a known priority'],
    ['Order Date', '31/12/2023', 'orderDate', 'Order Date "31/12/2023" is not a YYYY-MM-DD date'],
    ['Order Date', '2023-02-29', 'orderDate', 'Order Date "2023-02-29" is not a YYYY-MM-DD date'],
    ['Total', -49.99, 'total', 'Total -49.99 is not an amount from 0 to 1e12'],
    ['Total', '12', 'total', 'Total "12" is not an amount from 0 to 1e12'],
    ['Total', 1e13, 'total', 'Total 10000000000000 is not an amount from 0 to 1e12'],
    ['Customer', 'x'.repeat(201), 'customer', `Customer "${'x'.repeat(56)}... is not a text of at most 200 characters`],
    ['Customer', '   ', 'customer', 'Customer "   " is not a text of at most 200 characters'],
    ['Order ID', 42, 'orderId', 'Order ID 42 is not a text of at most 100 characters'],
  ])('keeps the record but leaves %s %j empty', (field, value, key, problem) => {
    const mapped = mapAirtableOrder({ id: 'rec1', fields: { ...GOOD, [field]: value } });
    expect(mapped.order).toMatchObject({ [key]: null, recordId: 'rec1' });
    expect(mapped.problems).toEqual([problem]);
  });

  it('names every missing field', () => {
    const mapped = mapAirtableOrder({ id: 'rec1', fields: { 'Last Modified': LAST_MODIFIED } });
    expect(mapped.order).toMatchObject({ orderId: null, customer: null, status: null, priority: null, total: null, orderDate: null });
    expect(mapped.problems).toHaveLength(6);
    expect(mapped.problems[0]).toBe('Order ID is empty');
  });

  it.each([undefined, '', 'yesterday', '2025-03-01', '2025-03-01T10:00:00', 1740823200000])(
    'skips a record whose Last Modified is %j',
    (value) => {
      const mapped = mapAirtableOrder({ id: 'rec1', fields: { ...GOOD, 'Last Modified': value } });
      expect(mapped).toEqual({ order: undefined, problems: ['Last Modified is missing or not a date-time'] });
    },
  );

  it('copes with a record without fields', () => {
    expect(mapAirtableOrder({ id: 'rec1' } as never).order).toBeUndefined();
  });

  it('removes U+0000 from text values, which PostgreSQL cannot store, and names the fields', () => {
    const mapped = mapAirtableOrder({ id: 'rec1', fields: { ...GOOD, Customer: 'Ana\u0000 García\u0000', Status: 'Se\u0000nt' } });
    expect(mapped.order).toMatchObject({ customer: 'Ana García', status: 'Sent', orderId: 'ORD-1' });
    expect(mapped.problems).toEqual(['Customer held NUL characters (removed)', 'Status held NUL characters (removed)']);
    expect(JSON.stringify(mapped.order)).not.toContain('\\u0000');
  });

  it.each(['', `rec${'x'.repeat(30)}`, 'rec\u0000abc', 'rec 1', 42])('skips a record whose id %j is not an Airtable record id', (id) => {
    expect(mapAirtableOrder({ id: id as string, fields: GOOD })).toEqual({
      order: undefined,
      problems: [expect.stringMatching(/^record id .* is not an Airtable record id$/)],
    });
  });

  it('keeps totals exact to the cent', () => {
    expect(mapAirtableOrder({ id: 'r', fields: { ...GOOD, Total: 0.1 + 0.2 } }).order?.total).toBe('0.30');
    expect(mapAirtableOrder({ id: 'r', fields: { ...GOOD, Total: 0 } }).order?.total).toBe('0.00');
  });
});

describe('high-water mark', () => {
  const at = (iso: string) => new Date(iso);

  it('is the newest Last Modified received, but never after the listing started', () => {
    expect(nextHighWaterMark(null, at('2025-01-01T00:00:00Z'), at('2025-01-02T00:00:00Z'))).toEqual(at('2025-01-01T00:00:00Z'));
    expect(nextHighWaterMark(null, at('2025-01-03T00:00:00Z'), at('2025-01-02T00:00:00Z'))).toEqual(at('2025-01-02T00:00:00Z'));
  });

  it('never moves backwards and stays put when nothing came', () => {
    expect(nextHighWaterMark(at('2025-01-05T00:00:00Z'), at('2025-01-01T00:00:00Z'), at('2025-01-06T00:00:00Z'))).toEqual(
      at('2025-01-05T00:00:00Z'),
    );
    expect(nextHighWaterMark(at('2025-01-05T00:00:00Z'), null, at('2025-01-06T00:00:00Z'))).toEqual(at('2025-01-05T00:00:00Z'));
    expect(nextHighWaterMark(null, null, at('2025-01-06T00:00:00Z'))).toBeNull();
  });

  it('asks Airtable for records modified after it', () => {
    expect(modifiedAfterFormula(at('2025-01-05T00:00:00Z'))).toBe("IS_AFTER({Last Modified}, DATETIME_PARSE('2025-01-05T00:00:00.000Z'))");
  });
});

describe('order queries', () => {
  it('builds numbered conditions for every filter', () => {
    expect(filterCondition({})).toEqual({ sql: '', params: [] });
    expect(
      filterCondition({ status: 'Sent', priority: 'Low', startDate: '2025-01-01', endDate: '2025-01-31', customer: '50%_off' }),
    ).toEqual({
      sql: 'WHERE status = $1 AND priority = $2 AND order_date >= $3::date AND order_date <= $4::date AND customer ILIKE $5',
      params: ['Sent', 'Low', '2025-01-01', '2025-01-31', '%50\\%\\_off%'],
    });
  });

  it('escapes LIKE wildcards and the escape character', () => {
    expect(escapeLike('a\\b%c_d')).toBe('a\\\\b\\%c\\_d');
  });

  it('sorts with empty values at the small end and the record id as tie-break', () => {
    expect(orderByClause('-orderDate')).toBe('ORDER BY order_date DESC NULLS LAST, record_id DESC');
    expect(orderByClause('customer')).toBe('ORDER BY customer ASC NULLS FIRST, record_id ASC');
    expect(orderByClause('orderId')).toBe('ORDER BY order_id ASC NULLS FIRST, record_id ASC');
    expect(orderByClause('-total')).toBe('ORDER BY total DESC NULLS LAST, record_id DESC');
  });

  it('starts a page at its day only when deep, sorted by order date and not filtered by customer', () => {
    const seeks = (...args: Parameters<typeof pageIdsQuery>) => pageIdsQuery(...args).sql.includes('order_stats');
    expect(seeks({ status: 'Sent', startDate: '2025-01-01' }, '-orderDate', 20, 10_000, 10_000)).toBe(true);
    expect(seeks({}, 'orderDate', 20, 50_000, 10_000)).toBe(true);
    expect(seeks({}, '-orderDate', 20, 9_999, 10_000)).toBe(false);
    expect(seeks({ customer: 'garcía' }, '-orderDate', 20, 50_000, 10_000)).toBe(false);
    expect(seeks({}, '-total', 20, 50_000, 10_000)).toBe(false);
    expect(pageIdsQuery({ priority: 'High' }, 'customer', 20, 40, 10_000)).toEqual({
      sql: 'SELECT record_id FROM orders WHERE priority = $1 ORDER BY customer ASC NULLS FIRST, record_id ASC LIMIT $2 OFFSET $3',
      params: ['High', 20, 40],
    });
  });
});
