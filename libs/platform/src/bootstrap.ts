import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { httpMetricsMiddleware, Metrics, routeOf } from './observability/metrics';
import { contextFrom, SpanKind, SpanStatusCode, startSpan, withSpan } from '@cvl/messaging';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { RefusalCatalogue } from '@cvl/refusal';
import { documentProblems } from './http/openapi-problems';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { acceptCorrelationId, runInContext } from './context/request-context';
import { CORRELATION_HEADER } from './observability/logging';

export interface ServiceDocs {
  /** The service's refusal codes, listed in its document's 404, 409 and 422 answers. */
  refusals?: RefusalCatalogue<string>;
  /** « commitments »: docs served at /api/commitments/docs. */
  service: string;
  title: string;
  description: string;
  module: Type<unknown>;
}

/** Probes and scrapes come every few seconds and say nothing of a euro's journey: no span for them. */
const UNTRACED_PATHS = /^\/(health|metrics)(\/|$)/;

/** A command is a few kilobytes; 1 MB leaves room for the largest (a plan's lines) and refuses the absurd with 413. */
const BODY_LIMIT = '1mb';

/** Creates the Nest application of a root module with everything the platform sets up around it. */
export async function createPlatformApp(
  rootModule: Type<unknown>,
  docs: ServiceDocs[],
  options: { logs?: boolean; corsOrigins?: string[] } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(rootModule, {
    bufferLogs: true,
    bodyParser: false,
    logger: options.logs === false ? false : undefined,
  });
  configurePlatformApp(app, docs, options.corsOrigins ?? []);
  return app;
}

export function configurePlatformApp(
  app: NestExpressApplication,
  docs: ServiceDocs[],
  corsOrigins: string[] = [],
): void {
  app.useLogger(app.get(Logger));
  // First: every answer timed with the status it went out with, the guards' and the filter's included.
  app.use(httpMetricsMiddleware(app.get(Metrics)));
  // Security headers on every answer (no sniffing, no framing, HSTS, a strict CSP that the API docs still work with).
  app.use(helmet());
  // CORS stays closed (no header: browsers refuse other origins) unless the deployment names the origins it trusts.
  if (corsOrigins.length)
    app.enableCors({
      origin: corsOrigins,
      methods: ['GET', 'POST', 'PUT'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'X-Correlation-Id'],
      exposedHeaders: ['ETag', 'X-Correlation-Id', 'Idempotent-Replayed', 'Content-Disposition'],
      maxAge: 600,
    });
  app.use((request: Request & { id?: string }, response: Response, next: NextFunction) => {
    const correlationId = acceptCorrelationId(request.headers[CORRELATION_HEADER]);
    request.id = correlationId;
    response.setHeader('X-Correlation-Id', correlationId);
    const work = () => runInContext({ correlationId }, next);
    if (UNTRACED_PATHS.test(request.path)) return work();
    // The request's server span, under the caller's W3C traceparent if it sent one; what the command appends
    // carries it on. Named by the matched route once routed (bounded names, as for the metrics).
    const span = startSpan(request.method, {
      kind: SpanKind.SERVER,
      parent: contextFrom({ traceparent: request.headers.traceparent, tracestate: request.headers.tracestate }),
      attributes: {
        'http.request.method': request.method,
        'url.path': request.path,
        'cvl.correlation_id': correlationId,
      },
    });
    response.once('finish', () => {
      const route = routeOf(request);
      span.updateName(`${request.method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': response.statusCode });
      if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    withSpan(span, work);
  });
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  for (const doc of docs) {
    const config = new DocumentBuilder()
      .setTitle(doc.title)
      .setDescription(doc.description)
      .setVersion('1')
      // Served by the suite itself: the same origin in both modes (embedded, or each service behind its own address).
      .addServer('/', 'le serveur qui sert ce document')
      .addBearerAuth()
      .addSecurityRequirements('bearer')
      .build();
    const document = documentProblems(
      SwaggerModule.createDocument(app, config, { include: [doc.module] }),
      doc.refusals,
    );
    SwaggerModule.setup(`api/${doc.service}/docs`, app, document, {
      jsonDocumentUrl: `api/${doc.service}/docs/openapi.json`,
    });
  }
}
