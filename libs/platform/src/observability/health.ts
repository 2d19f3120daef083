import { Controller, Get, Header, Inject, Optional } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { EventStore } from '@cvl/event-store';
import type { IntegrationBus } from '@cvl/messaging';
import { Public } from '../auth/policy';
import { Readiness } from './readiness';

export const EVENT_STORE = Symbol('EVENT_STORE');
export const INTEGRATION_BUS = Symbol('INTEGRATION_BUS');

/**
 * /health/live: the process answers (restart it if not). /health/ready: the event store and the transport answer
 * and no relay or projection is too far behind (send it traffic if so). /health: the store and the transport.
 */
@ApiTags('santé')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(INTEGRATION_BUS) private readonly bus?: IntegrationBus,
    @Optional() private readonly readiness?: Readiness,
  ) {}

  @Public()
  @Get('live')
  @Header('Cache-Control', 'no-store')
  live() {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  @Public()
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      ...this.dependencies(),
      async () => {
        const session = this.indicators.check('lag');
        const lags = (await this.readiness?.lags()) ?? [];
        const max = this.readiness?.maxLag ?? 0;
        const behind = lags.filter((l) => l.error !== undefined || (l.lag ?? 0) > max);
        const detail = { maxLag: max, parts: Object.fromEntries(lags.map((l) => [l.name, l.error ?? l.lag])) };
        return behind.length === 0
          ? session.up(detail)
          : session.down({
              ...detail,
              message: `en retard : ${behind.map((l) => `${l.name} (${l.error ?? `${l.lag} événements`})`).join(', ')}`,
            });
      },
    ]);
  }

  @Public()
  @Get()
  @HealthCheck()
  check() {
    return this.health.check(this.dependencies());
  }

  private dependencies() {
    return [
      async () => {
        const session = this.indicators.check('eventStore');
        return (await this.store.ping()) ? session.up() : session.down({ message: 'magasin d’événements injoignable' });
      },
      async () => {
        const session = this.indicators.check('messaging');
        if (!this.bus) return session.up({ transport: 'none' });
        return (await this.bus.ping())
          ? session.up({ transport: this.bus.kind })
          : session.down({ transport: this.bus.kind, message: 'transport injoignable' });
      },
    ];
  }
}
