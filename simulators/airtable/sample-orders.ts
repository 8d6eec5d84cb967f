import { AirtableOrderFields, ORDER_PRIORITIES, SimulatedRecord } from './order-schema';
import { randomAirtableId } from './order-table';

// Global lookups (Math, Date, String) cost ~1 µs each inside Jest's VM sandbox,
// which made seeding 50,000 orders take seconds there; local copies are cheap.
const { floor, imul, min, pow, round } = Math;

/** The kit's `seededRandom` (mulberry32): the same sequence for the same seed, without global lookups. */
function sampleRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_NAMES = [
  'Ana',
  'Bruno',
  'Carla',
  'Diego',
  'Elena',
  'Felipe',
  'Gabriela',
  'Hugo',
  'Inés',
  'Javier',
  'Karina',
  'Lucas',
  'Marta',
  'Nicolás',
  'Olivia',
  'Pablo',
  'Quim',
  'Rosa',
  'Sergio',
  'Teresa',
  'Ulises',
  'Valeria',
  'Walter',
  'Ximena',
  'Yolanda',
  'Zoe',
  'Emma',
  'Liam',
  'Noah',
  'Mia',
  'Sofia',
  'Mateo',
  'Chloé',
  'Jonas',
  'Aiko',
  'Priya',
  'Omar',
  'Fatima',
  'Lena',
  'Tomás',
];
const LAST_NAMES = [
  'García',
  'Fernández',
  'López',
  'Martínez',
  'Sánchez',
  'Pérez',
  'Gómez',
  'Martin',
  'Jiménez',
  'Ruiz',
  'Hernández',
  'Díaz',
  'Moreno',
  'Álvarez',
  'Romero',
  'Navarro',
  'Torres',
  'Domínguez',
  'Vázquez',
  'Ramos',
  'Gil',
  'Serrano',
  'Smith',
  'Johnson',
  'Müller',
  'Rossi',
  'Dubois',
  'Silva',
  'Kowalski',
  'Nakamura',
  'Okafor',
  "O'Brien",
  'Costa',
  'Lindqvist',
  'Novak',
  'Haddad',
];

export const SAMPLE_SPAN_DAYS = 730;
const DAY_MS = 86_400_000;

/** The unknown option a malformed sample uses; it exists in the base, but not in the project's contract. */
export const OFF_CONTRACT_STATUS = 'On Hold';

interface SampleOptions {
  count: number;
  seed: number;
  now: Date;
  malformed: boolean;
}

/**
 * `count` valid orders placed over the last two years, in creation order, plus
 * (when `malformed`) five broken ones spread through the table for sync tests.
 */
export function generateSampleOrders({ count, seed, now, malformed }: SampleOptions): SimulatedRecord[] {
  const random = sampleRandom(seed);
  const pick = <T>(values: readonly T[]) => values[floor(random() * values.length)];
  const nowMs = now.getTime();
  const startMs = nowMs - SAMPLE_SPAN_DAYS * DAY_MS;
  const ids = new Set<string>();
  const records: SimulatedRecord[] = [];
  const total = count + (malformed ? CORRUPTIONS.length : 0);
  const instant = new Date(0);
  const isoAt = (ms: number) => (instant.setTime(ms), instant.toISOString());

  for (let index = 0; index < total; index += 1) {
    // Strictly increasing: record i is placed somewhere in the i-th slice of the span.
    const placedMs = startMs + ((index + random()) / total) * SAMPLE_SPAN_DAYS * DAY_MS;
    const ageDays = (nowMs - placedMs) / DAY_MS;
    const lastModifiedMs = placedMs + random() * min(20 * DAY_MS, nowMs - placedMs);
    let id = randomAirtableId('rec', random);
    while (ids.has(id)) id = randomAirtableId('rec', random);
    ids.add(id);
    records.push({
      id,
      createdTime: isoAt(placedMs - (placedMs % 1000)),
      fields: {
        'Order ID': `ORD-${`${index + 1}`.padStart(6, '0')}`,
        Customer: `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`,
        Status: statusForAge(ageDays, random()),
        Priority: weightedPriority(random()),
        Total: round((8 + pow(random(), 2.2) * 1490) * 100) / 100,
        'Order Date': isoAt(placedMs).slice(0, 10),
        'Last Modified': isoAt(lastModifiedMs),
      },
    });
  }
  if (malformed) corruptSomeOrders(records);
  return records;
}

function statusForAge(ageDays: number, roll: number): string {
  if (ageDays < 2) return roll < 0.6 ? 'Pending' : 'Processing';
  if (ageDays < 7) return roll < 0.4 ? 'Processing' : roll < 0.95 ? 'Sent' : 'Cancelled';
  if (ageDays < 14) return roll < 0.3 ? 'Sent' : roll < 0.92 ? 'Delivered' : 'Cancelled';
  return roll < 0.88 ? 'Delivered' : 'Cancelled';
}

function weightedPriority(roll: number): string {
  const [low, medium, high] = ORDER_PRIORITIES;
  return roll < 0.45 ? low : roll < 0.85 ? medium : high;
}

const CORRUPTIONS: readonly ((fields: AirtableOrderFields) => void)[] = [
  (fields) => (fields.Status = OFF_CONTRACT_STATUS),
  (fields) => (fields['Order Date'] = '31/12/2023'),
  (fields) => delete fields.Customer,
  (fields) => (fields.Total = -49.99),
  (fields) => delete fields.Total,
];

function corruptSomeOrders(records: SimulatedRecord[]): void {
  CORRUPTIONS.forEach((corrupt, index) => {
    const record = records[floor(((index + 1) * records.length) / (CORRUPTIONS.length + 1))];
    if (record) corrupt(record.fields);
  });
}
