import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findFreePort } from '../dev/embedded-database';
import { HotPathBody, POPULAR, startBareServer } from './hot-path.bench';
import { LADDER, LAYER_LABELS } from './ladder/layers';
import { startChildServer } from './support/child-server';
import { CONNECTIONS, load, LoadResult } from './support/load';
import type { Section } from './support/report';
import { ms } from './support/stats';

const RUNG_SECONDS = Number(process.env.BENCH_LADDER_SECONDS ?? 5);
const STATIC_TOKEN = '1234567890';

/**
 * Benchmark 1b: the ladder. Bare Fastify, then Nest with the product's layers added one at a time in the order
 * the product installs them (bench/ladder/ladder-server.ts), each rung its own process under the same load, one
 * after another. Requests/s and µs per request (the inverse of the throughput) per rung, and what each rung adds.
 */
export async function benchLadder(body: HotPathBody, env: Record<string, string | undefined>): Promise<Section> {
  const dir = mkdtempSync(join(tmpdir(), 'cinemateca-ladder-'));
  const bodyFile = join(dir, 'popular.json');
  writeFileSync(bodyFile, body.text);
  const rungs: Array<{ name: string; result: LoadResult }> = [];
  try {
    const bare = await startBareServer(body, { text: '{}', contentType: 'application/json' });
    rungs.push({ name: 'bare Fastify (same bytes)', result: await load(bare.url + POPULAR, {}, RUNG_SECONDS) });
    await bare.stop();
    for (const layer of LADDER) {
      const port = await findFreePort();
      const server = await startChildServer(resolve(__dirname, 'ladder/ladder-server.js'), [layer, String(port), bodyFile], env);
      try {
        const { jwt } = JSON.parse(server.firstLine) as { jwt: string };
        const token = layer === 'auth-jwt' ? jwt : STATIC_TOKEN;
        const url = `http://127.0.0.1:${port}${POPULAR}`;
        const check = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
        const text = await check.text();
        if (check.status !== 200 || text.length !== body.text.length) {
          throw new Error(`ladder rung ${layer} answered ${check.status} with ${text.length} bytes (expected ${body.text.length})`);
        }
        rungs.push({ name: LAYER_LABELS[layer], result: await load(url, { authorization: `Bearer ${token}` }, RUNG_SECONDS) });
      } finally {
        await server.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const usPerRequest = (result: LoadResult) => 1e6 / result.requestsPerSecond;
  const bareRps = rungs[0].result.requestsPerSecond;
  let previous = usPerRequest(rungs[0].result);
  const lines = rungs.map(({ name, result }, index) => {
    const us = usPerRequest(result);
    // The JWT rung is a side branch: the rungs after it are measured against the static-token rung.
    const delta = index === 0 ? '' : `${us - previous >= 0 ? '+' : ''}${(us - previous).toFixed(0)} µs`;
    if (!name.startsWith('  ')) previous = us;
    return `| ${name} | ${result.requestsPerSecond.toFixed(0)} | ${((result.requestsPerSecond / bareRps) * 100).toFixed(0)} % | ${us.toFixed(0)} µs | ${delta} | ${ms(result.p99)} | ${result.non2xx} |`;
  });
  return {
    title: '1b. Ladder: what each layer of the hot path costs',
    lines: [
      `autocannon, ${CONNECTIONS} connections, ${RUNG_SECONDS} s per rung, one rung after another; every rung answers the same ${body.text.length} bytes. µs/request is the inverse of the throughput (both cores: server and load generator share them), the step is the difference to the rung above. On this shared machine a step under ~10 µs is within the noise.`,
      '',
      '| rung | requests/s | of bare | µs/request | step | p99 | non-2xx |',
      '|---|---|---|---|---|---|---|',
      ...lines,
    ],
  };
}
