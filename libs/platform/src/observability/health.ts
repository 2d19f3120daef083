import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { EventStore } from '@cvl/event-store';
import type { IntegrationBus } from '@cvl/messaging';
import { Public } from '../auth/policy';

export const EVENT_STORE = Symbol('EVENT_STORE');
export const INTEGRATION_BUS = Symbol('INTEGRATION_BUS');

/** /health: the event store and the transport (Kafka or in-process) both answer. */
@ApiTags('santé')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(INTEGRATION_BUS) private readonly bus?: IntegrationBus,
  ) {}

  @Public()
  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      async () => {
        const session = this.indicators.check('eventStore');
        return (await this.store.ping()) ? session.up() : session.down({ message: 'magasin d’événements injoignable' });
      },
      async () => {
        const session = this.indicators.check('messaging');
        if (!this.bus) return session.up({ transport: 'none' });
        return (await this.bus.ping()) ? session.up({ transport: this.bus.kind }) : session.down({ transport: this.bus.kind, message: 'transport injoignable' });
      },
    ]);
  }
}
