import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/**
 * OpenTelemetry traces of the suite, written by hand at the few places a euro's journey crosses a boundary: the HTTP
 * request, the command, the append, the relay's publication, the consumer and the projection (`@cvl/messaging`'s
 * trace-context helpers). Between processes the W3C trace context travels inside the event itself — in its metadata
 * once stored (so the relay, which runs later, continues the same trace) and in the CloudEvents distributed-tracing
 * extension once published. No auto-instrumentation: its require hooks patch modules behind our back, and the spans
 * that matter here are the domain's, not the drivers'.
 *
 * Off unless configured (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, the standard variables the
 * OTLP/HTTP exporter reads; OTEL_TRACES_EXPORTER=none turns it off again): then nothing is recorded and no event
 * carries a trace context.
 */
let provider: NodeTracerProvider | undefined;

export interface TracingOptions {
  /** Where spans go instead of OTLP (tests: an in-memory exporter). */
  exporter?: SpanExporter;
  /** The span processor itself (tests: a simple one, exporting at once). */
  processor?: SpanProcessor;
}

/** Whether this environment asks for traces. */
export function tracingRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  if ((env.OTEL_TRACES_EXPORTER ?? '').trim() === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

/**
 * Starts the process's tracer provider once (the embedded suite runs four services in one process: one provider,
 * each span naming its service in `cvl.service`). Returns whether traces are recorded.
 */
export function startTracing(
  processName: string,
  env: NodeJS.ProcessEnv = process.env,
  options: TracingOptions = {},
): boolean {
  if (provider) return true;
  if (!options.exporter && !options.processor && !tracingRequested(env)) return false;
  const delayMs = Number(env.OTEL_BSP_SCHEDULE_DELAY);
  const processor =
    options.processor ??
    new BatchSpanProcessor(options.exporter ?? new OTLPTraceExporter(), {
      // Bounded: a burst (the contract's import) drops spans past the queue rather than holding memory.
      maxQueueSize: 4096,
      maxExportBatchSize: 512,
      scheduledDelayMillis: Number.isInteger(delayMs) && delayMs > 0 ? delayMs : 2000,
    });
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      'service.name': env.OTEL_SERVICE_NAME?.trim() || `cvl-${processName}`,
      'service.namespace': 'cvl',
      'deployment.environment.name': env.CVL_DEPLOYMENT ?? 'cvl',
    }),
    spanProcessors: [processor],
  });
  // The AsyncLocalStorage context manager and the W3C propagator, process-wide.
  provider.register();
  return true;
}

/** Sends what is still buffered (a process stopping); with `shutdown`, stops the provider (tests start several). */
export async function flushTracing(options: { shutdown?: boolean } = {}): Promise<void> {
  if (!provider) return;
  if (!options.shutdown) return provider.forceFlush();
  const stopping = provider;
  provider = undefined;
  await stopping.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
}
