import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { mib, ms } from './support/stats';
import type { Section } from './support/report';
import type { ServiceProcess } from './support/service-process';

const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const TOKEN = '1234567890';

interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function load(url: string, headers: Record<string, string>): Promise<LoadResult> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_SECONDS, headers });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function startBareServer(port: number, body: string, contentType: string): Promise<() => void> {
  const bodyFile = join(tmpdir(), `cinemateca-bench-body-${process.pid}.json`);
  writeFileSync(bodyFile, body);
  const child = spawn(process.execPath, [resolve(__dirname, 'support/bare-server.js'), String(port), bodyFile, contentType], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/movies/popular`)).ok) return () => child.kill('SIGTERM');
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  child.kill('SIGKILL');
  throw new Error('bare server did not start');
}

/** Benchmark 1 and 5: cached GET /movies/popular against bare Fastify serving the same bytes; RSS at rest and under load. */
export async function benchHotPath(service: ServiceProcess, barePort: number): Promise<Section[]> {
  const path = '/api/v1/movies/popular';
  const headers = { authorization: `Bearer ${TOKEN}` };
  const warm = await fetch(service.url + path, { headers });
  const body = await warm.text();
  const contentType = warm.headers.get('content-type') ?? 'application/json';
  if (warm.status !== 200) throw new Error(`warm-up answered ${warm.status}: ${body.slice(0, 200)}`);
  const second = await fetch(service.url + path, { headers });
  const cacheState = second.headers.get('x-cache');
  await second.text();

  const rssAtRest = service.rssBytes();
  let rssPeak = rssAtRest;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, service.rssBytes());
  }, 200);
  const app = await load(service.url + path, headers);
  clearInterval(sampler);

  const stopBare = await startBareServer(barePort, body, contentType);
  const bare = await load(`http://127.0.0.1:${barePort}${path}`, {});
  stopBare();

  const ratio = app.requestsPerSecond / bare.requestsPerSecond;
  const p99Ratio = app.p99 / Math.max(bare.p99, 0.001);
  return [
    {
      title: '1. Hot path: cached GET /api/v1/movies/popular vs bare Fastify',
      lines: [
        `autocannon, ${CONNECTIONS} connections, ${DURATION_SECONDS} s each, one after the other; response ${body.length} bytes; second request said X-Cache: ${cacheState}.`,
        '',
        '| server | requests/s | p50 | p99 | non-2xx | errors |',
        '|---|---|---|---|---|---|',
        `| Cinemateca (auth, rate limit, cache, per-user flags, logging) | ${app.requestsPerSecond.toFixed(0)} | ${ms(app.p50)} | ${ms(app.p99)} | ${app.non2xx} | ${app.errors} |`,
        `| bare Fastify, same bytes from memory | ${bare.requestsPerSecond.toFixed(0)} | ${ms(bare.p50)} | ${ms(bare.p99)} | ${bare.non2xx} | ${bare.errors} |`,
        '',
        `Throughput ratio: **${(ratio * 100).toFixed(0)} %** of bare (target >= 80 %). p99 ratio: **${p99Ratio.toFixed(2)}×** bare (target <= 2×).`,
      ],
    },
    {
      title: '5. Memory and startup',
      lines: [
        `| figure | value |`,
        `|---|---|`,
        `| startup, spawn to first 200 of /health/ready | ${ms(service.startupMs)} |`,
        `| RSS at rest (after warm-up) | ${mib(rssAtRest)} |`,
        `| RSS peak under the hot-path load | ${mib(rssPeak)} |`,
      ],
    },
  ];
}
