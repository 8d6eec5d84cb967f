import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findFreePort } from '../dev/embedded-database';
import { startChildServer } from './support/child-server';
import { topFrames } from './support/cpu-profile';
import { CONNECTIONS, DURATION_SECONDS, load, LoadResult } from './support/load';
import { mib, ms } from './support/stats';
import type { Section } from './support/report';
import { ServiceProcess, startService } from './support/service-process';

const TOKEN = '1234567890';
export const POPULAR = '/api/v1/movies/popular';
const HEALTH = '/health/live';

export interface HotPathBody {
  text: string;
  contentType: string;
  cacheState: string | null;
}

/** The answer the service gives the hot path, fetched twice so the second one comes from the cache. */
export async function warmHotPath(service: ServiceProcess): Promise<HotPathBody> {
  const headers = { authorization: `Bearer ${TOKEN}` };
  const warm = await fetch(service.url + POPULAR, { headers });
  const text = await warm.text();
  if (warm.status !== 200) throw new Error(`warm-up answered ${warm.status}: ${text.slice(0, 200)}`);
  const second = await fetch(service.url + POPULAR, { headers });
  await second.text();
  return { text, contentType: warm.headers.get('content-type') ?? 'application/json', cacheState: second.headers.get('x-cache') };
}

/** Bare Fastify serving the hot path's bytes and /health/live's, from memory. */
export async function startBareServer(popular: HotPathBody, health: { text: string; contentType: string }) {
  const dir = mkdtempSync(join(tmpdir(), 'cinemateca-bench-'));
  writeFileSync(join(dir, 'popular.json'), popular.text);
  writeFileSync(join(dir, 'health.json'), health.text);
  const port = await findFreePort();
  const server = await startChildServer(resolve(__dirname, 'support/bare-server.js'), [
    String(port),
    `${POPULAR}=${join(dir, 'popular.json')}=${popular.contentType}`,
    `${HEALTH}=${join(dir, 'health.json')}=${health.contentType}`,
  ]);
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const row = (name: string, result: LoadResult) =>
  `| ${name} | ${result.requestsPerSecond.toFixed(0)} | ${(1e6 / result.requestsPerSecond).toFixed(0)} µs | ${ms(result.p50)} | ${ms(result.p99)} | ${result.non2xx} | ${result.errors} |`;

/**
 * Benchmarks 1 (P1) and 5 (P5): the cached GET /movies/popular and /health/live against bare Fastify serving the
 * same bytes, measured one after the other in this run; RSS at rest and its peak under the load; startup time.
 */
export async function benchHotPath(service: ServiceProcess): Promise<Section[]> {
  const body = await warmHotPath(service);
  const healthResponse = await fetch(service.url + HEALTH);
  const health = { text: await healthResponse.text(), contentType: healthResponse.headers.get('content-type') ?? 'application/json' };
  const headers = { authorization: `Bearer ${TOKEN}` };

  const rssAtRest = service.rssBytes();
  let rssPeak = rssAtRest;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, service.rssBytes())), 200);
  const app = await load(service.url + POPULAR, headers);
  const appHealth = await load(service.url + HEALTH, {});
  clearInterval(sampler);

  const bareServer = await startBareServer(body, health);
  const bare = await load(bareServer.url + POPULAR, {});
  const bareHealth = await load(bareServer.url + HEALTH, {});
  await bareServer.stop();

  const ratio = app.requestsPerSecond / bare.requestsPerSecond;
  const p99Ratio = app.p99 / Math.max(bare.p99, 0.001);
  const healthRatio = appHealth.requestsPerSecond / bareHealth.requestsPerSecond;
  return [
    {
      title: '1. Hot path: cached GET /api/v1/movies/popular vs bare Fastify',
      lines: [
        `autocannon, ${CONNECTIONS} connections, ${DURATION_SECONDS} s each, one after the other; response ${body.text.length} bytes; second request said X-Cache: ${body.cacheState}.`,
        '',
        '| server | requests/s | µs/request | p50 | p99 | non-2xx | errors |',
        '|---|---|---|---|---|---|---|',
        row('Cinemateca /movies/popular (static token, rate limit, cache, per-user flags, access log)', app),
        row('bare Fastify, same bytes from memory', bare),
        row('Cinemateca /health/live', appHealth),
        row('bare Fastify, /health/live bytes', bareHealth),
        '',
        `P1 /movies/popular: **${(ratio * 100).toFixed(0)} %** of bare (target >= 50 %); p99 **${p99Ratio.toFixed(2)}×** bare (target <= 3×).`,
        `P1 /health/live: **${(healthRatio * 100).toFixed(0)} %** of bare (target >= 80 %).`,
      ],
    },
    {
      title: '5. Memory and startup',
      lines: [
        `| figure | value | target |`,
        `|---|---|---|`,
        `| startup, spawn to first 200 of /health/ready | ${ms(service.startupMs)} | < 3 s |`,
        `| RSS at rest (after warm-up) | ${mib(rssAtRest)} | < 200 MiB |`,
        `| RSS peak under the hot-path load | ${mib(rssPeak)} | reported |`,
      ],
    },
  ];
}

/** The service under the hot-path load with `node --cpu-prof`: the frames that hold the most self time. */
export async function benchProfile(env: Record<string, string | undefined>): Promise<Section> {
  const dir = mkdtempSync(join(tmpdir(), 'cinemateca-profile-'));
  const service = await startService(env, await findFreePort(), ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  let result: LoadResult;
  let loadMs: number;
  try {
    await warmHotPath(service);
    const started = performance.now();
    result = await load(service.url + POPULAR, { authorization: `Bearer ${TOKEN}` });
    loadMs = performance.now() - started;
  } finally {
    await service.stop();
  }
  const frames = topFrames(dir, 25, loadMs);
  rmSync(dir, { recursive: true, force: true });
  return {
    title: '1c. Profile of the hot path',
    lines: [
      `\`node --cpu-prof\` on the service under the same load (${result.requestsPerSecond.toFixed(0)} requests/s while profiled); self time of the samples taken during the load (the last ${(loadMs / 1000).toFixed(0)} s of the profile, which also holds the shutdown), idle excluded.`,
      '',
      '| self | function | where |',
      '|---|---|---|',
      ...frames.map((frame) => `| ${frame.selfPercent.toFixed(1)} % | \`${frame.name}\` | ${frame.where} |`),
    ],
  };
}
