/**
 * The layers of the hot path in the order the product installs them: each rung of the ladder adds one. The JWT
 * rung is the static-token rung asked with a JWT instead; the rungs after it use the static token again, as P1 does.
 */
export const LADDER = [
  'nest',
  'helmet',
  'cors',
  'representation',
  'request-id',
  'hooks',
  'access-log',
  'metrics',
  'validation',
  'auth-static',
  'auth-jwt',
  'rate-limit',
  'cache',
  'flags',
  'serialization',
] as const;

export type Layer = (typeof LADDER)[number];

export const LAYER_LABELS: Record<Layer, string> = {
  nest: 'Nest on Fastify, empty route (same bytes)',
  helmet: '+ security headers (helmet)',
  cors: '+ CORS',
  representation: '+ ETag and compression (client asks for no coding)',
  'request-id': '+ request id',
  hooks: '+ hooks (NUL guard, shutdown close)',
  'access-log': '+ access log (pino)',
  metrics: '+ metrics (histogram)',
  validation: '+ validation (global pipe, query DTO)',
  'auth-static': '+ auth guard, static token',
  'auth-jwt': '  (auth guard, JWT instead)',
  'rate-limit': '+ rate limit (static token)',
  cache: '+ cache lookup (TMDB adapter, HIT)',
  flags: '+ per-user flags lookup',
  serialization: '+ serialisation (PageJson with flags)',
};
