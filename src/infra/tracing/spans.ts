import type { Attributes, Span, SpanKind, Tracer } from '@opentelemetry/api';

/** What traced code may do with its span; a no-op when tracing is off. */
export interface SpanHandle {
  setAttributes(attributes: Attributes): void;
  addEvent(name: string, attributes?: Attributes): void;
}

const NO_SPAN: SpanHandle = { setAttributes: () => undefined, addEvent: () => undefined };
/** SpanStatusCode.ERROR, without loading @opentelemetry/api at run time. */
const STATUS_ERROR = 2;

let tracer: Tracer | undefined;

/** Set by the tracing SDK when it starts (only when OTEL_EXPORTER_OTLP_ENDPOINT is set, or in tests). */
export function useTracer(active: Tracer | undefined): void {
  tracer = active;
}

export function tracingEnabled(): boolean {
  return tracer !== undefined;
}

/**
 * Runs `work` inside a span named `name` (child of whatever span is active: the request's, a run's),
 * ended when the work settles and marked as an error when it throws. With tracing off this is a plain
 * call: this module imports only types, so nothing of OpenTelemetry is loaded.
 */
export function traced<T>(name: string, attributes: Attributes, work: (span: SpanHandle) => Promise<T>, kind?: SpanKind): Promise<T> {
  if (!tracer) return work(NO_SPAN);
  return tracer.startActiveSpan(name, { attributes, kind }, async (span: Span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: STATUS_ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}
