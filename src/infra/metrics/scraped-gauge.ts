import { Gauge, Registry } from 'prom-client';

export interface GaugeSample<L extends string> {
  labels?: Partial<Record<L, string>>;
  value: number;
}

export interface ScrapedGaugeOptions<L extends string> {
  name: string;
  help: string;
  labelNames?: readonly L[];
  /** Read at each scrape; no samples means no series (e.g. the feature is not configured). */
  read(): Promise<Array<GaugeSample<L>>>;
  /** Longest a read may take before this scrape goes without it; default READ_BUDGET_MS. */
  budgetMs?: number;
}

/** A slow or failing read must not fail the scrape: past this the gauge is left empty for this scrape. */
const READ_BUDGET_MS = 2000;

/**
 * A gauge whose value lives in the database (shared by every replica and the CronJob) rather than in
 * this process: read when Prometheus scrapes. When the read fails (or has nothing to report) a labelled
 * gauge has no series and an unlabelled one is NaN for that scrape, never a stale or made-up number;
 * /metrics itself keeps answering.
 */
export function scrapedGauge<L extends string>(registry: Registry, options: ScrapedGaugeOptions<L>): Gauge<L> {
  return new Gauge<L>({
    name: options.name,
    help: options.help,
    labelNames: options.labelNames ?? [],
    registers: [registry],
    async collect() {
      this.reset();
      let wrote = false;
      let timer: NodeJS.Timeout | undefined;
      const budget = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('metric read timed out')), options.budgetMs ?? READ_BUDGET_MS);
      });
      try {
        for (const sample of await Promise.race([options.read(), budget])) {
          if (sample.labels) this.set(sample.labels as Partial<Record<L, string | number>>, sample.value);
          else this.set(sample.value);
          wrote = true;
        }
      } catch {
        this.reset();
        wrote = false;
      } finally {
        clearTimeout(timer);
      }
      // prom-client always shows a gauge without labels (0 after a reset): NaN (written "Nan", which Prometheus reads) says "unknown" instead of a false 0.
      if (!wrote && (options.labelNames ?? []).length === 0) this.set(NaN);
    },
  });
}
