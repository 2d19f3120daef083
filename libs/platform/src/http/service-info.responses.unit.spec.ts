import { conforms } from '@cvl/testing';
import type { VerifyReport } from '@cvl/event-store';
import type { EventFeedPage } from '../service-info';
import type { deadLettersOf } from '../messaging/service-relay';
import type { ConsumerEdge } from '../messaging/consumer-edge';
import type { EventFeedResponse, HashChainsReport, SetAsideCount } from './service-info.responses';

// The check is the type-check of this file (npm test type-checks first).
describe('the documented answers of every service’s own routes', () => {
  it('are what the routes return', () => {
    expect([
      conforms<EventFeedPage, EventFeedResponse>('fil des événements'),
      conforms<VerifyReport, HashChainsReport>('chaînes de hachage'),
      conforms<Awaited<ReturnType<typeof deadLettersOf>>, SetAsideCount>('rebuts du relais'),
      conforms<Awaited<ReturnType<ConsumerEdge['setAsideMessages']>>, SetAsideCount>('rebuts des consommateurs'),
    ]).toHaveLength(4);
  });
});
