import { Controller, Get, Header, Injectable } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { EventStore } from '@cvl/event-store';
import { inSpan } from '@cvl/messaging';
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
  readonly idempotencyInFlight = new Gauge({
    name: 'cvl_idempotency_keys_in_flight',
    help: 'Commandes sous Idempotency-Key réservées et en cours d’exécution',
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

/**
 * Times every HTTP answer with the status actually sent: measured when the response is finished, after the guards
 * (a 401, a 403, a 429), the exception filter (a 400, a 404, a 422) and the handler alike — an interceptor sees the
 * status before the filter sets it, and never sees what a guard refused. The route is the matched pattern
 * (« /api/commitments/funders/:code/statement »), « unmatched » for an address no route serves, so that the label's
 * values stay bounded whatever the callers send.
 */
export function httpMetricsMiddleware(metrics: Metrics) {
  return (request: Request, response: Response, next: NextFunction) => {
    const stop = metrics.httpDuration.startTimer();
    response.once('finish', () =>
      stop({ method: request.method, route: routeOf(request), status: String(response.statusCode) }),
    );
    next();
  };
}

/** The matched route's pattern, once routed; « unmatched » for an address no route of ours serves. */
export function routeOf(request: Request): string {
  const route = (request.route as { path?: string } | undefined)?.path;
  // Nest answers an unknown address from a catch-all route (« /{*path} »): no route of ours either.
  return route && !route.includes('*') ? `${request.baseUrl}${route}` : 'unmatched';
}

/**
 * The store as the services write to it, counting what each append stored (by service — the type's prefix — and
 * type; an idempotent replay stored nothing and counts nothing), each append an « append » span under the command's.
 * Every other member is the store's own.
 */
export function countingAppends(store: EventStore, metrics: Metrics): EventStore {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'append')
        return (...args: Parameters<EventStore['append']>) =>
          inSpan('append', { attributes: { 'cvl.stream': args[0], 'cvl.events': args[1].length } }, async (span) => {
            const result = await target.append(...args);
            if (result.idempotentReplay) span.setAttribute('cvl.replayed', true);
            else
              for (const event of result.events)
                metrics.eventsAppended.inc({ service: event.type.split('.')[0] ?? '', type: event.type });
            return result;
          });
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
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
