import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';

/**
 * The W3C trace context as events carry it: in their metadata once stored, and in the CloudEvents
 * distributed-tracing extension (`traceparent`, `tracestate`) once published. Only OpenTelemetry's API here — it does
 * nothing until a process registers a tracer provider (the platform's `startTracing`), so a process that is not
 * traced writes no trace context and creates no span.
 */
export interface TraceContext {
  traceparent?: string;
  tracestate?: string;
}

const TRACER_NAME = 'cvl';

/** The W3C fields of a context (default: the active one); empty when nothing is traced. */
export function traceContextOf(of: Context = context.active()): TraceContext {
  const carrier: Record<string, string> = {};
  propagation.inject(of, carrier);
  return {
    ...(carrier.traceparent ? { traceparent: carrier.traceparent } : {}),
    ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}),
  };
}

/** The context a carrier's W3C fields name (an event's metadata or envelope, a request's headers); ROOT if none. */
export function contextFrom(carrier: { traceparent?: unknown; tracestate?: unknown } | undefined): Context {
  if (!carrier || typeof carrier.traceparent !== 'string') return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, {
    traceparent: carrier.traceparent,
    ...(typeof carrier.tracestate === 'string' ? { tracestate: carrier.tracestate } : {}),
  });
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** The parent (default: the active context). */
  parent?: Context;
}

/** Starts a span without making it active: the caller ends it (work spread over callbacks, or a batch's events). */
export function startSpan(name: string, options: SpanOptions = {}): Span {
  return trace
    .getTracer(TRACER_NAME)
    .startSpan(
      name,
      { kind: options.kind ?? SpanKind.INTERNAL, ...(options.attributes ? { attributes: options.attributes } : {}) },
      options.parent ?? context.active(),
    );
}

/** Runs `work` inside a new active span, ended when the work settles; a failure is recorded on it and rethrown. */
export async function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  const span = startSpan(name, options);
  try {
    return await context.with(trace.setSpan(options.parent ?? context.active(), span), () => work(span));
  } catch (error) {
    failed(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** Marks a span as failed with the error's message (never its stack: spans leave the process). */
export function failed(span: Span, error: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/** Runs `work` with `span` active (a request's span over the rest of the middleware chain). */
export function withSpan<T>(span: Span, work: () => T): T {
  return context.with(trace.setSpan(context.active(), span), work);
}

export { SpanKind, SpanStatusCode };
