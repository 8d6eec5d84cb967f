import { Injectable } from '@nestjs/common';

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * /health/ready is public and each check pings the database: its answer (up or down) is kept for a second,
 * and callers arriving while a check runs share it, so a flood of readiness requests costs the database at
 * most one ping a second per replica. Kubernetes probes every few seconds, so it never sees a stale answer
 * older than one period.
 */
@Injectable()
export class ReadinessCache {
  /** How long one answer is served. */
  ttlMs = 1000;
  /** The clock; tests move it instead of sleeping. */
  now: () => number = Date.now;

  private last?: { at: number; settled: Settled<unknown> };
  private running?: Promise<Settled<unknown>>;

  async get<T>(check: () => Promise<T>): Promise<T> {
    const settled = (this.fresh() ?? (await this.refresh(check))) as Settled<T>;
    if (settled.ok) return settled.value;
    throw settled.error;
  }

  private fresh(): Settled<unknown> | undefined {
    return this.last && this.now() - this.last.at < this.ttlMs ? this.last.settled : undefined;
  }

  private refresh(check: () => Promise<unknown>): Promise<Settled<unknown>> {
    this.running ??= check()
      .then(
        (value): Settled<unknown> => ({ ok: true, value }),
        (error: unknown): Settled<unknown> => ({ ok: false, error }),
      )
      .then((settled) => {
        this.last = { at: this.now(), settled };
        this.running = undefined;
        return settled;
      });
    return this.running;
  }
}
