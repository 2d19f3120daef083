import { CallHandler, Controller, ExecutionContext, Get, Header, Injectable, NestInterceptor } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { finalize, type Observable } from 'rxjs';
import { Public } from '../auth/policy';

/** One registry per application instance (tests start several in one process). */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Durée des requêtes HTTP',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly eventsAppended = new Counter({
    name: 'cvl_events_appended_total',
    help: 'Événements ajoutés au magasin',
    labelNames: ['service', 'type'],
    registers: [this.registry],
  });
  readonly eventsPublished = new Counter({
    name: 'cvl_events_published_total',
    help: 'Événements publiés par le relais',
    labelNames: ['topic'],
    registers: [this.registry],
  });
  readonly deadLetters = new Counter({
    name: 'cvl_relay_dead_letters_total',
    help: 'Événements mis de côté par le relais, jamais publiables (alerte)',
    labelNames: ['topic'],
    registers: [this.registry],
  });
  readonly consumerDeadLetters = new Counter({
    name: 'cvl_consumer_dead_letters_total',
    help: 'Messages reçus hors contrat, mis de côté par un consommateur (alerte)',
    labelNames: ['consumer', 'topic'],
    registers: [this.registry],
  });
  readonly eventsConsumed = new Counter({
    name: 'cvl_events_consumed_total',
    help: 'Événements consommés',
    labelNames: ['consumer', 'outcome'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}

@Injectable()
export class HttpMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: Metrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const stop = this.metrics.httpDuration.startTimer({
      method: request.method,
      route: (request.route as { path?: string } | undefined)?.path ?? 'unknown',
    });
    return next.handle().pipe(finalize(() => stop({ status: String(response.statusCode) })));
  }
}

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Public()
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
