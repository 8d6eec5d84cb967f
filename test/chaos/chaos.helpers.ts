/** Small tools shared by the seeded chaos tests: the seed, weighted draws, tallies, and a request counter for faults. */

/** The run's seed: CHAOS_SEED when set (to replay a failure), else the file's fixed default. */
export function chaosSeed(fallback: number): number {
  const raw = process.env.CHAOS_SEED;
  if (raw === undefined || raw === '') return fallback;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`CHAOS_SEED must be an integer, got ${raw}`);
  return seed;
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[Math.floor(random() * items.length)];
}

/** An integer from `min` to `max`, both included. */
export function between(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One key drawn with the given weights (they need not add up to 1). */
export function weighted<K extends string>(random: () => number, weights: Record<K, number>): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [key, weight] of entries) {
    roll -= weight;
    if (roll < 0) return key;
  }
  return entries[entries.length - 1][0];
}

/** Counts by label, printed as a plain object in insertion order. */
export class Tally {
  private readonly counts = new Map<string, number>();

  add(label: string, by = 1): void {
    this.counts.set(label, (this.counts.get(label) ?? 0) + by);
  }

  get(label: string): number {
    return this.counts.get(label) ?? 0;
  }

  toJSON(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}

/**
 * A fault-plan `match` that counts the requests matching `pattern` and affects them only from the
 * (`after` + 1)-th on, so a fault strikes after exactly `after` pages whatever the timing. `onTrigger` runs once,
 * inside the simulator, when that request arrives (before it is answered): a test can expire offsets or cut the
 * database there. The kit tests a request against `match` once per request for failNext and rateLimitNext (do not
 * combine with hangAfterApplyNext, which tests it again when answering).
 */
export class AfterRequests extends RegExp {
  private seen = 0;
  private fired = false;

  constructor(
    pattern: RegExp,
    private readonly after: number,
    private readonly onTrigger?: () => void,
  ) {
    super(pattern.source, pattern.flags);
  }

  /** Requests that matched the pattern so far. */
  get matched(): number {
    return this.seen;
  }

  override test(value: string): boolean {
    if (!super.test(value)) return false;
    this.seen += 1;
    if (this.seen <= this.after) return false;
    if (!this.fired) {
      this.fired = true;
      this.onTrigger?.();
    }
    return true;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
