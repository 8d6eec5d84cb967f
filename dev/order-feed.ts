import type { AirtableSimulator } from '../simulators/airtable/airtable-simulator';

const CUSTOMERS = ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Katherine Johnson', 'Edsger Dijkstra', 'Barbara Liskov', 'Ken Thompson'];
const PRIORITIES = ['Low', 'Medium', 'Medium', 'High'] as const;
/** Where an order goes next; orders not listed here (Delivered, Cancelled) are done. */
const NEXT_STATUS: Record<string, string> = { Pending: 'Processing', Processing: 'Sent', Sent: 'Delivered' };

export interface OrderFeed {
  /** One step now: a new order, and the oldest open order moved on. Returns the new order's record id. */
  tick(): string;
  stop(): void;
}

/**
 * Development only: the bundled Airtable simulator gets a new order (and an open order moves on a
 * status) every `everyMs`, as a shop's would, so each scheduled import has something to bring in and the
 * orders dashboard moves.
 */
export function startOrderFeed(airtable: AirtableSimulator, everyMs: number, random: () => number = Math.random): OrderFeed {
  let sequence = airtable.records().length;
  const tick = () => {
    sequence += 1;
    const created = airtable.insertRecord({
      'Order ID': `ORD-${`${sequence}`.padStart(6, '0')}`,
      Customer: CUSTOMERS[Math.floor(random() * CUSTOMERS.length)],
      Status: 'Pending',
      Priority: PRIORITIES[Math.floor(random() * PRIORITIES.length)],
      Total: Math.round((10 + random() * 490) * 100) / 100,
      'Order Date': new Date().toISOString().slice(0, 10),
    });
    const open = airtable.records().find((record) => record.id !== created.id && NEXT_STATUS[record.fields.Status ?? '']);
    if (open) airtable.updateRecord(open.id, { Status: NEXT_STATUS[open.fields.Status as string] });
    return created.id;
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
