import type { Tracing } from './tracing-sdk';

type Env = Record<string, string | undefined>;

/** Tracing is on when an OTLP endpoint is named (and OTEL_SDK_DISABLED is not true), as the OpenTelemetry spec reads them. */
export function tracingWanted(env: Env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

/**
 * Starts the OpenTelemetry SDK when tracing is wanted. Otherwise it is never loaded: the require below
 * is the only path to it, so a process without an OTLP endpoint pays nothing for tracing.
 */
export function startTracingIfWanted(env: Env): Tracing | undefined {
  if (!tracingWanted(env)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startTracing } = require('./tracing-sdk') as typeof import('./tracing-sdk');
  return startTracing();
}
