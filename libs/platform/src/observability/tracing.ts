import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
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

function tracingRequested(env: NodeJS.ProcessEnv): boolean {
  if ((env.OTEL_TRACES_EXPORTER ?? '').trim() === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

/**
 * Starts the process's tracer provider once, when the environment asks for traces. The embedded suite runs the four
 * services in one process: one provider (« cvl-suite »); the spans' names (the command, the topic) tell the service.
 */
export function startTracing(processName: string, env: NodeJS.ProcessEnv = process.env): void {
  if (provider || !tracingRequested(env)) return;
  const delayMs = Number(env.OTEL_BSP_SCHEDULE_DELAY);
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      'service.name': env.OTEL_SERVICE_NAME?.trim() || `cvl-${processName}`,
      'service.namespace': 'cvl',
      'deployment.environment.name': env.CVL_DEPLOYMENT ?? 'cvl',
    }),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter(), {
        // Bounded: a burst (the contract's import) drops spans past the queue rather than holding memory.
        maxQueueSize: 4096,
        maxExportBatchSize: 512,
        scheduledDelayMillis: Number.isInteger(delayMs) && delayMs > 0 ? delayMs : 2000,
      }),
    ],
  });
  // The AsyncLocalStorage context manager and the W3C propagator, process-wide.
  provider.register();
}

/** Sends what is still buffered, before the process stops. */
export async function flushTracing(): Promise<void> {
  await provider?.forceFlush();
}
