import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { EventStore, SqlClient } from '@cvl/event-store';
import type { IntegrationBus } from '@cvl/messaging';
import { topicFor } from '@cvl/messaging';
import { Allow } from './auth/policy';
import { Costly } from './http/rate-limit';
import { deadLettersOf, streamPrefix } from './messaging/service-relay';
import { SQL_CLIENT } from './platform.module';
import { EVENT_STORE, INTEGRATION_BUS } from './observability/health';

export interface ServiceDescription {
  service: string;
  title: string;
  description: string;
}

/**
 * GET /api/<service>: what the service is, where its events go, and what it runs on.
 * GET /api/<service>/hash-chains: each of the service's streams re-hashed and the signed log checked, with every
 * broken link; and the events its relay set aside as unpublishable.
 */
export function serviceInfoController(description: ServiceDescription) {
  @Controller(`api/${description.service}`)
  class ServiceInfoController {
    constructor(
      @Inject(EVENT_STORE) readonly store: EventStore,
      @Inject(INTEGRATION_BUS) readonly bus: IntegrationBus,
      @Inject(SQL_CLIENT) readonly sql: SqlClient,
    ) {}

    @Get()
    @Allow({ all: ['pilotage', 'financeur', 'maitre-ouvrage', 'instructeur-anru', 'autorite-gestion', 'auditeur', 'exploitation'] })
    info() {
      return {
        ...description,
        topic: topicFor(description.service),
        transport: this.bus.kind,
        docs: `/api/${description.service}/docs`,
      };
    }

    @Get('hash-chains')
    @Allow({ all: ['pilotage', 'auditeur', 'exploitation'] })
    @Costly()
    @Header('Cache-Control', 'no-store')
    async integrity() {
      const started = Date.now();
      const report = await this.store.verify({ streamPrefix: streamPrefix(description.service) });
      const deadLetters = await deadLettersOf(this.sql, description.service);
      return { service: description.service, hashChains: report, relay: { deadLetters }, checkedAt: new Date().toISOString(), durationMs: Date.now() - started };
    }
  }
  return ServiceInfoController;
}
