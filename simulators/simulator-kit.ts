import Fastify, { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Faults a test can switch on in any simulator. Each counter is consumed by the
 * requests it affects, so a test says exactly how many calls fail.
 */
export interface FaultPlan {
  /** The next N requests answer `status` (default 503) without touching the data. */
  failNext?: number;
  status?: number;
  /** The next N requests answer 429 with `Retry-After: retryAfterSeconds`. */
  rateLimitNext?: number;
  retryAfterSeconds?: number;
  /** Probability (0..1) that any request fails with `status`. Uses `random`. */
  failRate?: number;
  /** Added latency for every request, in milliseconds. */
  latencyMs?: number;
  /**
   * The next N requests are applied to the data, then the connection is held
   * for `hangMs` before the answer: a client timeout after the write happened.
   */
  hangAfterApplyNext?: number;
  hangMs?: number;
  /** Only requests whose method and path match are affected (e.g. 'POST /v1/pages'). */
  match?: RegExp;
}

export interface RunningSimulator {
  readonly url: string;
  readonly app: FastifyInstance;
  /** Requests received, by `METHOD path` (path without query string). */
  readonly requests: Map<string, number>;
  /** Total requests received. */
  requestCount(): number;
  /** Requests received whose `METHOD path` matches. */
  countMatching(pattern: RegExp): number;
  faults(plan: FaultPlan): void;
  clearFaults(): void;
  close(): Promise<void>;
}

export type SimulatorErrorWriter = (reply: FastifyReply, status: number, reason: 'fault' | 'rate_limited') => FastifyReply;

/** A seeded pseudo-random generator (mulberry32), so chaos runs are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a Fastify server on 127.0.0.1 with request counting and fault
 * injection. `register` adds the simulated API's routes; `writeError` renders
 * an injected failure in the upstream's own error format.
 */
export async function startSimulator(options: {
  port?: number;
  random?: () => number;
  writeError: SimulatorErrorWriter;
  register: (app: FastifyInstance) => void | Promise<void>;
}): Promise<RunningSimulator> {
  const app = Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024 });
  const requests = new Map<string, number>();
  const random = options.random ?? Math.random;
  let plan: FaultPlan = {};

  const affects = (request: FastifyRequest) => !plan.match || plan.match.test(`${request.method} ${request.url.split('?')[0]}`);

  app.addHook('onRequest', async (request, reply) => {
    const key = `${request.method} ${request.url.split('?')[0]}`;
    requests.set(key, (requests.get(key) ?? 0) + 1);
    if (plan.latencyMs) await sleep(plan.latencyMs);
    if (!affects(request)) return;
    if (plan.rateLimitNext && plan.rateLimitNext > 0) {
      plan.rateLimitNext -= 1;
      reply.header('retry-after', String(plan.retryAfterSeconds ?? 1));
      return options.writeError(reply, 429, 'rate_limited');
    }
    if (plan.failNext && plan.failNext > 0) {
      plan.failNext -= 1;
      return options.writeError(reply, plan.status ?? 503, 'fault');
    }
    if (plan.failRate && random() < plan.failRate) {
      return options.writeError(reply, plan.status ?? 503, 'fault');
    }
  });

  app.addHook('onSend', async (request, _reply, payload) => {
    if (plan.hangAfterApplyNext && plan.hangAfterApplyNext > 0 && affects(request)) {
      plan.hangAfterApplyNext -= 1;
      await sleep(plan.hangMs ?? 10_000);
    }
    return payload;
  });

  await options.register(app);
  const url = await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });

  return {
    url,
    app,
    requests,
    requestCount: () => [...requests.values()].reduce((sum, n) => sum + n, 0),
    countMatching: (pattern) => [...requests.entries()].filter(([key]) => pattern.test(key)).reduce((sum, [, n]) => sum + n, 0),
    faults: (next) => {
      plan = { ...next };
    },
    clearFaults: () => {
      plan = {};
    },
    close: async () => {
      await app.close();
    },
  };
}
