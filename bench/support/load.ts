import autocannon from 'autocannon';

export const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 10);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** autocannon against one URL: mean requests/s over the run, latency percentiles in ms. */
export async function load(url: string, headers: Record<string, string>, durationSeconds = DURATION_SECONDS): Promise<LoadResult> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: durationSeconds, headers });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
