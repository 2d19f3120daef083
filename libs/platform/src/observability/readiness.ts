import { Injectable } from '@nestjs/common';

/** How far behind a part of the process is: events still to publish (a relay), to project (reporting). */
export interface LagProbe {
  name: string;
  lag: () => Promise<number>;
}

/**
 * What /health/ready asks besides the store and the transport. Each relay and each projection registers here; a
 * process is ready when none is further behind than READINESS_MAX_LAG events (10 000 by default) — a relay
 * stuck, or a projection that cannot keep up, takes it out of a load balancer's rotation instead of serving stale
 * or unpublished figures in silence.
 */
@Injectable()
export class Readiness {
  private readonly probes = new Map<string, LagProbe>();
  readonly maxLag = readinessMaxLag(process.env.READINESS_MAX_LAG);

  register(probe: LagProbe): void {
    this.probes.set(probe.name, probe);
  }

  unregister(name: string): void {
    this.probes.delete(name);
  }

  /** Each probe's lag; a probe that fails counts as not ready, with its reason. */
  async lags(): Promise<Array<{ name: string; lag?: number; error?: string }>> {
    return Promise.all(
      [...this.probes.values()].map(async (probe) => {
        try {
          return { name: probe.name, lag: await probe.lag() };
        } catch (error) {
          return { name: probe.name, error: (error as Error).message };
        }
      }),
    );
  }
}

function readinessMaxLag(text: string | undefined): number {
  const value = text === undefined || text.trim() === '' ? 10_000 : Number(text);
  return Number.isInteger(value) && value >= 0 ? value : 10_000;
}
