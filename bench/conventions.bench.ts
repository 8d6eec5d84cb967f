import autocannon from 'autocannon';
import { ms } from './support/stats';
import type { Section } from './support/report';
import type { ServiceProcess } from './support/service-process';

const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const TOKEN = '1234567890';

interface Variant {
  name: string;
  headers: Record<string, string>;
}

/**
 * Benchmark 6: what ETags and compression cost on the hot path (cached GET
 * /api/v1/movies/popular), one load after the other on the same service:
 * a client that asks for no coding (what benchmark 1 measures), brotli,
 * gzip, and a revalidation that gets 304.
 */
export async function benchConventions(service: ServiceProcess): Promise<Section> {
  const path = '/api/v1/movies/popular';
  const auth = { authorization: `Bearer ${TOKEN}` };
  const warm = await fetch(service.url + path, { headers: auth });
  if (warm.status !== 200) throw new Error(`warm-up answered ${warm.status}`);
  await warm.text();
  const etag = warm.headers.get('etag') ?? '';

  const variants: Variant[] = [
    { name: 'no Accept-Encoding (identity)', headers: auth },
    { name: 'Accept-Encoding: br, gzip (br)', headers: { ...auth, 'accept-encoding': 'br, gzip' } },
    { name: 'Accept-Encoding: gzip', headers: { ...auth, 'accept-encoding': 'gzip' } },
    { name: 'If-None-Match: current ETag (304)', headers: { ...auth, 'if-none-match': etag } },
  ];
  const rows: string[] = [];
  for (const variant of variants) {
    const result = await autocannon({
      url: service.url + path,
      connections: CONNECTIONS,
      duration: DURATION_SECONDS,
      headers: variant.headers,
    });
    const bytesPerResponse = result.requests.total > 0 ? result.throughput.total / result.requests.total : 0;
    rows.push(
      `| ${variant.name} | ${result.requests.average.toFixed(0)} | ${ms(result.latency.p50)} | ${ms(result.latency.p99)} | ${bytesPerResponse.toFixed(0)} | ${result.non2xx} | ${result.errors} |`,
    );
  }
  return {
    title: '6. Hot path with ETags and compression: with and without Accept-Encoding',
    lines: [
      `autocannon, ${CONNECTIONS} connections, ${DURATION_SECONDS} s each, one after the other, cached GET ${path}. Bytes are per response on the wire, headers included; a 304 counts as non-2xx.`,
      '',
      '| request | requests/s | p50 | p99 | bytes/response | non-2xx | errors |',
      '|---|---|---|---|---|---|---|',
      ...rows,
    ],
  };
}
