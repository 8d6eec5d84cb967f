import type { ServerResponse } from 'node:http';
import { FastifyOtelInstrumentation } from '@fastify/otel';
import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { RedisInstrumentation } from '@opentelemetry/instrumentation-redis';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { useTracer } from './spans';

export interface TracingOptions {
  /** Where spans go; the OTLP exporter (configured by the standard OTEL_EXPORTER_OTLP_* variables) when omitted. */
  exporter?: SpanExporter;
}

export interface Tracing {
  /** Sends what is still buffered and stops tracing. */
  shutdown(): Promise<void>;
}

/** Probes and scrapes every few seconds would drown the traces that matter. */
const UNTRACED_PATHS = /^\/(health\/|metrics(\?|$))/;

/**
 * The OpenTelemetry SDK: W3C trace context in and out, spans for incoming HTTP (the root span carries
 * the request id), Fastify and Nest handlers, PostgreSQL and Redis, plus our own spans (spans.ts).
 * Must start before the application's modules load, so the instrumentations can patch them.
 */
export function startTracing(options: TracingOptions = {}): Tracing {
  const resource = resourceFromAttributes({ 'service.name': 'cinemateca' }).merge(detectResources({ detectors: [envDetector] }));
  const exporter = options.exporter ?? new OTLPTraceExporter();
  const provider = new NodeTracerProvider({
    resource,
    // In tests spans are wanted at once; in production they leave in batches, off the request path.
    spanProcessors: [options.exporter ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter)],
  });
  provider.register();
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? ''),
        // Fastify has set X-Request-Id (echoed or minted) by the time the response ends.
        applyCustomAttributesOnSpan: (span, _request, response) => {
          const requestId = (response as ServerResponse).getHeader?.('x-request-id');
          if (requestId !== undefined) span.setAttribute('http.request.id', String(requestId));
        },
      }),
      // Hook spans (helmet, CORS, auth...) would be a dozen per request: the request and its handler are enough.
      new FastifyOtelInstrumentation({
        registerOnInitialization: true,
        instrumentHooks: false,
        ignorePaths: (route) => UNTRACED_PATHS.test(route.url),
        // The request span is the root when nothing patched node:http (a bundler, a test runner).
        requestHook: (span, request) => span.setAttribute('http.request.id', request.id),
      }),
      new NestInstrumentation(),
      new PgInstrumentation({ requireParentSpan: true }),
      new RedisInstrumentation({ requireParentSpan: true }),
    ],
  });
  useTracer(trace.getTracer('cinemateca'));
  return {
    shutdown: async () => {
      useTracer(undefined);
      unregister();
      await provider.shutdown();
    },
  };
}
