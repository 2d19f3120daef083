import { Controller, Get, Inject } from '@nestjs/common';
import type { EventStore } from '@cvl/event-store';
import type { IntegrationBus } from '@cvl/messaging';
import { topicFor } from '@cvl/messaging';
import { EVENT_STORE, INTEGRATION_BUS } from './observability/health';

export interface ServiceDescription {
  service: string;
  title: string;
  description: string;
}

/** GET /api/<service>: what the service is, where its events go, and what it runs on. */
export function serviceInfoController(description: ServiceDescription) {
  @Controller(`api/${description.service}`)
  class ServiceInfoController {
    constructor(
      @Inject(EVENT_STORE) readonly store: EventStore,
      @Inject(INTEGRATION_BUS) readonly bus: IntegrationBus,
    ) {}

    @Get()
    info() {
      return {
        ...description,
        topic: topicFor(description.service),
        transport: this.bus.kind,
        docs: `/api/${description.service}/docs`,
      };
    }
  }
  return ServiceInfoController;
}
