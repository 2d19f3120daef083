import { CqrsModule } from '@nestjs/cqrs';
import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { InputSafetyInterceptor } from './http/input-safety';
import { COSTLY_THROTTLER, CostlyRoutesThrottler, DEFAULT_COSTLY_PER_MINUTE } from './http/rate-limit';
import { LoggerModule } from 'nestjs-pino';
import { PolicyGuard, TOKEN_VERIFIER } from './auth/auth.guard';
import { IDEMPOTENCY_STORE, IdempotencyInterceptor } from './http/idempotency.interceptor';
import { SqlIdempotencyStore } from './http/idempotency.store';
import { VersionedInterceptor } from './http/versioned';
import {
  contextFrom,
  ContractRegistry,
  failed,
  inSpan,
  SpanKind,
  startSpan,
  type BusSubscription,
  type IntegrationBus,
  type IntegrationEvent,
} from '@cvl/messaging';
import { ConsumerEdge } from './messaging/consumer-edge';
import { inEventContext } from './context/request-context';
import type { Infrastructure } from './infrastructure';
import { EVENT_STORE, HealthController, INTEGRATION_BUS } from './observability/health';
import { loggingParams } from './observability/logging';
import { countingAppends, Metrics, MetricsController } from './observability/metrics';
import { Readiness } from './observability/readiness';
import { flushTracing } from './observability/tracing';
import { OperatorMetrics } from './observability/operator-metrics';
import { ProblemDetailsFilter } from './problem/problem.filter';
import { createValidationPipe } from './problem/validation';

export const SQL_CLIENT = Symbol('SQL_CLIENT');
export const DEPLOYMENT = Symbol('DEPLOYMENT');
export const CONSUMER_EDGE = Symbol('CONSUMER_EDGE');

/** A consumer group of this deployment: « <deployment>.<name> ». */
export function consumerGroup(deployment: string, name: string): string {
  return `${deployment}.${name}`;
}

/**
 * Starts one of a service's consumers: its topics ensured, its group scoped to the deployment, every message
 * checked at the edge against contracts/ (what is not valid is set aside with its reason, never handled, never
 * stopping the consumer), each event handled in its own logging context (correlation id, actor).
 */
export async function subscribeConsumer(
  bus: IntegrationBus,
  deployment: string,
  edge: ConsumerEdge,
  consumer: { name: string; topics: string[]; fromBeginning?: boolean },
  handle: (event: IntegrationEvent) => Promise<void>,
  /** Optional: the events of one fetch at once (see SubscribeOptions.handleBatch); `handle` then serves no delivery. */
  handleBatch?: (events: readonly IntegrationEvent[]) => Promise<void>,
): Promise<BusSubscription> {
  await bus.ensureTopics(consumer.topics);
  const handleOne = inEventContext(handle);
  const groupId = consumerGroup(deployment, consumer.name);
  edge.groups.set(groupId, consumer.topics);
  // Each event's work is a consumer span under the publication's (the CloudEvents traceparent), in this process.
  const spanOf = (operation: 'process' | 'project', event: IntegrationEvent, topic: string) => ({
    kind: SpanKind.CONSUMER,
    parent: contextFrom(event),
    attributes: {
      'messaging.operation.type': 'process',
      'messaging.destination.name': topic,
      'messaging.consumer.group.name': groupId,
      'messaging.message.id': event.id,
      'cloudevents.event_type': event.type,
      'cvl.consumer': consumer.name,
      'cvl.operation': operation,
    },
  });
  return bus.subscribe({
    groupId,
    topics: consumer.topics,
    ...(consumer.fromBeginning !== undefined ? { fromBeginning: consumer.fromBeginning } : {}),
    handle: async (event, context) => {
      if (await edge.admits(consumer.name, event, context))
        await inSpan(`process ${context.topic}`, spanOf('process', event, context.topic), () => handleOne(event));
    },
    ...(handleBatch
      ? {
          handleBatch: async (delivered: ReadonlyArray<{ event: IntegrationEvent; context: { topic: string } }>) => {
            const admitted: IntegrationEvent[] = [];
            const spans = [];
            for (const { event, context } of delivered)
              if (await edge.admits(consumer.name, event, context)) {
                admitted.push(event);
                spans.push(startSpan(`project ${context.topic}`, spanOf('project', event, context.topic)));
              }
            try {
              if (admitted.length > 0) await handleBatch(admitted);
            } catch (error) {
              for (const span of spans) failed(span, error);
              throw error;
            } finally {
              for (const span of spans) span.end();
            }
          },
        }
      : {}),
    onInvalid: (error, raw) =>
      edge.setAside(consumer.name, {
        messageId: raw.headers.ce_id || `${raw.topic}/${raw.partition}/${raw.offset}`,
        topic: raw.topic,
        type: raw.headers.ce_type ?? '',
        reason: `enveloppe illisible — ${error.message}`,
        message: { headers: raw.headers, value: raw.value, partition: raw.partition, offset: raw.offset },
      }),
  });
}
const INFRASTRUCTURE = Symbol('INFRASTRUCTURE');

/** The controllers every process serves besides its services' own. */
export const PLATFORM_CONTROLLERS = [HealthController, MetricsController];

/** Closes the event store and the transport once every module has stopped using them. */
@Injectable()
class InfrastructureLifecycle implements OnApplicationShutdown {
  constructor(@Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure) {}

  async onApplicationShutdown(): Promise<void> {
    await this.infrastructure.close();
    // The spans still buffered leave before the process does.
    await flushTracing();
  }
}

/**
 * What every service shares: logs with correlation ids, validation, problem+json errors, bearer authentication,
 * Idempotency-Key, ETag, health and metrics, and the event store and transport as injectable ports.
 */
@Module({})
export class PlatformModule {
  static forRoot(serviceName: string, infrastructure: Infrastructure): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [
        LoggerModule.forRoot(loggingParams(serviceName)),
        TerminusModule,
        // Every command and query of the services is dispatched on its buses (cqrs/use-case.ts).
        CqrsModule.forRoot(),
        ThrottlerModule.forRoot([
          {
            name: COSTLY_THROTTLER,
            ttl: 60_000,
            limit: (infrastructure.http ?? { costlyPerMinute: DEFAULT_COSTLY_PER_MINUTE }).costlyPerMinute,
          },
        ]),
      ],
      controllers: PLATFORM_CONTROLLERS,
      providers: [
        { provide: INFRASTRUCTURE, useValue: infrastructure },
        InfrastructureLifecycle,
        // The services' appends counted (cvl_events_appended_total); the store itself is untouched.
        {
          provide: EVENT_STORE,
          useFactory: (metrics: Metrics) => countingAppends(infrastructure.store, metrics),
          inject: [Metrics],
        },
        { provide: SQL_CLIENT, useValue: infrastructure.sql },
        { provide: DEPLOYMENT, useValue: infrastructure.deployment ?? 'cvl' },
        { provide: INTEGRATION_BUS, useValue: infrastructure.bus },
        { provide: TOKEN_VERIFIER, useValue: infrastructure.verifier },
        { provide: IDEMPOTENCY_STORE, useValue: new SqlIdempotencyStore(infrastructure.sql) },
        Metrics,
        Readiness,
        {
          provide: OperatorMetrics,
          useFactory: (metrics: Metrics, readiness: Readiness, edge: ConsumerEdge) =>
            new OperatorMetrics(metrics, readiness, infrastructure.bus, infrastructure.sql, edge),
          inject: [Metrics, Readiness, CONSUMER_EDGE],
        },
        {
          provide: CONSUMER_EDGE,
          useFactory: (metrics: Metrics) =>
            new ConsumerEdge(
              infrastructure.sql,
              () => new ContractRegistry(),
              (consumer, topic) => metrics.consumerDeadLetters.inc({ consumer, topic }),
            ),
          inject: [Metrics],
        },
        // In this order: who the principal is and whether it may call the route, then how often it may call it.
        { provide: APP_GUARD, useClass: PolicyGuard },
        { provide: APP_GUARD, useClass: CostlyRoutesThrottler },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useValue: createValidationPipe() },
        { provide: APP_INTERCEPTOR, useClass: InputSafetyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: VersionedInterceptor },
      ],
      exports: [
        EVENT_STORE,
        SQL_CLIENT,
        DEPLOYMENT,
        CONSUMER_EDGE,
        INTEGRATION_BUS,
        TOKEN_VERIFIER,
        Metrics,
        Readiness,
      ],
    };
  }
}
