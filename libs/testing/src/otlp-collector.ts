import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** A span as the processes exported it by OTLP/HTTP (JSON), with the service that exported it. */
export interface CollectedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, string | number | boolean>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: OtlpAttribute[];
}
interface OtlpExport {
  resourceSpans?: Array<{
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: Array<{ spans?: OtlpSpan[] }>;
  }>;
}

/** Trace and span ids come as hex in OTLP/JSON; an exporter that sends base64 is read too. */
const hex = (id: string | undefined): string | undefined =>
  !id ? undefined : /^[0-9a-f]+$/i.test(id) ? id.toLowerCase() : Buffer.from(id, 'base64').toString('hex');

const valueOf = (value: OtlpValue): string | number | boolean =>
  value.stringValue ?? value.boolValue ?? value.doubleValue ?? Number(value.intValue ?? 0);

const attributesOf = (list: OtlpAttribute[] = []) =>
  Object.fromEntries(list.map((attribute) => [attribute.key, valueOf(attribute.value)]));

/**
 * An OTLP/HTTP receiver for the test tiers, keeping in memory every span the processes under test export (JSON
 * encoding, the OTLP/HTTP exporter's default in Node.js): the processes run the real exporter, the test reads what
 * arrived. Bounded: past `maxSpans` the rest is counted and dropped.
 */
export async function startOtlpCollector(maxSpans = 200_000) {
  const spans: CollectedSpan[] = [];
  let dropped = 0;
  const body = async (request: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    return request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
  };
  const server = createServer((request, response) => {
    if (request.method !== 'POST' || request.url !== '/v1/traces') {
      response.writeHead(404).end();
      return;
    }
    body(request)
      .then((raw) => {
        const exported = JSON.parse(raw.toString('utf8')) as OtlpExport;
        for (const resource of exported.resourceSpans ?? []) {
          const service = String(attributesOf(resource.resource?.attributes)['service.name'] ?? '');
          for (const scope of resource.scopeSpans ?? [])
            for (const span of scope.spans ?? []) {
              if (spans.length >= maxSpans) {
                dropped++;
                continue;
              }
              spans.push({
                service,
                traceId: hex(span.traceId) ?? '',
                spanId: hex(span.spanId) ?? '',
                ...(hex(span.parentSpanId) ? { parentSpanId: hex(span.parentSpanId) } : {}),
                name: span.name,
                kind: span.kind,
                attributes: attributesOf(span.attributes),
              });
            }
        }
        response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      })
      .catch(() => response.writeHead(400).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** OTEL_EXPORTER_OTLP_TRACES_ENDPOINT for the processes under test. */
    tracesEndpoint: `http://127.0.0.1:${port}/v1/traces`,
    spans: (): readonly CollectedSpan[] => spans,
    dropped: () => dropped,
    /** The chain of spans from `span` up to its trace's root, as far as the parents arrived. */
    ancestry(span: CollectedSpan): CollectedSpan[] {
      const byId = new Map(spans.map((s) => [s.spanId, s]));
      const chain = [span];
      for (let at = span; at.parentSpanId && chain.length < 1_000;) {
        const parent = byId.get(at.parentSpanId);
        if (!parent) break;
        chain.push(parent);
        at = parent;
      }
      return chain;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
