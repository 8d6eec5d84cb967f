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
 * A fault-plan `match` that counts the requests matching `pattern`, runs hooks when the n-th of them arrives
 * (inside the simulator, before it is answered: a test can expire offsets, change records or cut the database
 * there), and lets the plan's faults strike only the requests after the first `strikeAfter`, so a fault hits at an
 * exact page whatever the timing. The kit tests each request against `match` once for failNext and rateLimitNext;
 * do not combine with hangAfterApplyNext, which tests it a second time.
 */
export class RequestProbe extends RegExp {
  private seen = 0;
  private threshold = Number.POSITIVE_INFINITY;
  private readonly hooks: { from: number; to: number; run: () => void }[] = [];

  constructor(pattern: RegExp) {
    super(pattern.source, pattern.flags);
  }

  /** Requests that matched the pattern so far. */
  get matched(): number {
    return this.seen;
  }

  /** The plan's faults affect the matching requests after the first `count`. */
  strikeAfter(count: number): this {
    this.threshold = count;
    return this;
  }

  /** Runs `hook` when the `nth` matching request arrives (and at every later one with `andAfter`). */
  at(nth: number, hook: () => void, andAfter = false): this {
    this.hooks.push({ from: nth, to: andAfter ? Number.POSITIVE_INFINITY : nth, run: hook });
    return this;
  }

  override test(value: string): boolean {
    if (!super.test(value)) return false;
    this.seen += 1;
    for (const hook of this.hooks) if (this.seen >= hook.from && this.seen <= hook.to) hook.run();
    return this.seen > this.threshold;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
