/*
 * contracts/asyncapi.yaml in step with the code: every schema of contracts/events is a message of a channel, every
 * subscription the four services open is a receive operation of its service (and nothing else is), and what each
 * service's outbound translator publishes is on the channels of its send operations.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import type { JsonObject, RecordedEvent } from '@cvl/event-store';
import { contractsDir, InProcessBus, type OutboundTranslator, type SubscribeOptions } from '@cvl/messaging';
import { CommitmentsModule, publishedLedgerEvents } from '@cvl/service-commitments';
import { ItiFederModule, publishedItiEvents } from '@cvl/service-iti-feder';
import { RenewalUrbanModule, publishedRenewalEvents } from '@cvl/service-renewal-urban';
import { ReportingModule } from '@cvl/service-reporting';
import { startApi } from '../../services/renewal-urban/src/test-support/api-suite';

interface Ref {
  $ref: string;
}
interface AsyncApi {
  channels: Record<string, { address: string; messages: Record<string, Ref> }>;
  operations: Record<
    string,
    { action: 'send' | 'receive'; channel: Ref; 'x-service': string; 'x-source'?: string; messages: Ref[] }
  >;
  components: { messages: Record<string, { name: string; payload: { schema: Ref } }> };
}

const dir = contractsDir();
const doc = load(readFileSync(join(dir, 'asyncapi.yaml'), 'utf8')) as AsyncApi;
const channelOf = (ref: Ref) => ref.$ref.replace('#/channels/', '');

/** The channel whose address a topic is, and the value of its {source} parameter when it has one. */
function channelFor(topic: string): { channel: string; source?: string } {
  for (const [name, channel] of Object.entries(doc.channels)) {
    const pattern = new RegExp(`^${channel.address.replace(/\./g, '\\.').replace('{source}', '([a-z0-9-]+)')}$`);
    const match = pattern.exec(topic);
    if (match) return { channel: name, ...(match[1] ? { source: match[1] } : {}) };
  }
  throw new Error(`aucun canal de contracts/asyncapi.yaml pour le topic ${topic}`);
}

describe('contracts/asyncapi.yaml', () => {
  it('lists every event schema as one message of a channel, and every reference resolves', () => {
    const schemas: string[] = [];
    for (const service of readdirSync(join(dir, 'events'), { withFileTypes: true }).filter((d) => d.isDirectory()))
      for (const file of readdirSync(join(dir, 'events', service.name)))
        if (!file.startsWith('_')) schemas.push(`./events/${service.name}/${file}`);
    const messages = Object.values(doc.components.messages);
    expect(messages.map((m) => m.payload.schema.$ref).sort()).toEqual(schemas.sort());
    for (const message of messages) {
      expect(existsSync(join(dir, message.payload.schema.$ref))).toBe(true);
      // The message's name is its CloudEvents type: the owner's folder and the file's name.
      const [, owner, file] = /^\.\/events\/([^/]+)\/(.+)\.v\d+\.schema\.json$/.exec(message.payload.schema.$ref) ?? [];
      expect(message.name).toBe(`${owner}.${file}`);
    }
    const inChannels = Object.values(doc.channels).flatMap((c) => Object.values(c.messages).map((m) => m.$ref));
    expect(new Set(inChannels)).toEqual(
      new Set(Object.keys(doc.components.messages).map((k) => `#/components/messages/${k}`)),
    );
    for (const operation of Object.values(doc.operations)) {
      expect(doc.channels[channelOf(operation.channel)]).toBeDefined();
      for (const message of operation.messages)
        expect(message.$ref.startsWith(`${operation.channel.$ref}/messages/`)).toBe(true);
    }
  });

  it('has a receive operation for every subscription the four services open, and none that no service opens', async () => {
    const subscribed: Array<{ groupId: string; topics: string[] }> = [];
    const subscribe = InProcessBus.prototype.subscribe;
    const spy = jest.spyOn(InProcessBus.prototype, 'subscribe').mockImplementation(function (
      this: InProcessBus,
      options: SubscribeOptions,
    ) {
      subscribed.push({ groupId: options.groupId, topics: options.topics });
      return subscribe.call(this, options);
    });
    const h = await startApi([CommitmentsModule, RenewalUrbanModule, ItiFederModule, ReportingModule], {
      DATABASE_URL: '',
      KAFKA_BROKERS: '',
    });
    try {
      const deployment = subscribed[0].groupId.split('.')[0];
      const received = new Set(
        subscribed.flatMap(({ groupId, topics }) => {
          const service = groupId.slice(deployment.length + 1).split('.')[0];
          return topics.map((topic) => {
            const { channel, source } = channelFor(topic);
            return `${service} ← ${channel}${source ? ` (${source})` : ''}`;
          });
        }),
      );
      const declared = new Set(
        Object.values(doc.operations)
          .filter((o) => o.action === 'receive')
          .map((o) => `${o['x-service']} ← ${channelOf(o.channel)}${o['x-source'] ? ` (${o['x-source']})` : ''}`),
      );
      expect(received).toEqual(declared);
    } finally {
      spy.mockRestore();
      await h.close();
    }
  });

  it('has a send operation for every channel a service’s outbound translator publishes on', () => {
    const stored = (type: string, data: Record<string, unknown>): RecordedEvent => ({
      streamId: 'x',
      revision: 0,
      eventId: 'e',
      type,
      schemaVersion: 1,
      data: data as JsonObject,
      metadata: {},
      recordedAt: '2016-01-01T00:00:00.000Z',
      hash: '',
      checkpoint: { commit: 1n, position: 0n },
    });
    const trace = { effectiveDate: '2016-01-01', source: { kind: 'act', reference: 'a' } };
    const line = { funder: 'anru', amount: '1.00', requestId: 'r' };
    const translators: Array<[string, OutboundTranslator, RecordedEvent[]]> = [
      [
        'commitments',
        publishedLedgerEvents,
        [
          stored('commitments.commitment-recorded', {
            commitmentId: 'c',
            funder: 'anru',
            amount: '1.00',
            request: {
              requestId: 'r',
              source: 'renewal-urban',
              protocolId: 'p',
              operationId: 'o',
              version: 1,
              step: 's',
            },
            trace,
          }),
        ],
      ],
      [
        'renewal-urban',
        publishedRenewalEvents,
        [
          stored('renewal-urban.financing-plan-approved', {
            protocolId: 'p',
            operationId: 'o',
            planVersion: 1,
            bookingStatus: 'indicative',
            quartier: 'q',
            label: 'l',
            lines: [line],
            trace,
          }),
        ],
      ],
      [
        'iti-feder',
        publishedItiEvents,
        [
          stored('iti-feder.operation-programmed', {
            programmeId: 'p',
            operationId: 'o',
            axis: 1,
            label: 'l',
            quartier: 'q',
            lines: [line],
            trace,
          }),
        ],
      ],
    ];
    const sent = new Set(
      translators.flatMap(([service, translate, events]) =>
        events.flatMap((event) => translate(event).map((m) => `${service} → ${channelFor(m.topic).channel}`)),
      ),
    );
    const declared = new Set(
      Object.values(doc.operations)
        .filter((o) => o.action === 'send')
        .map((o) => `${o['x-service']} → ${channelOf(o.channel)}`),
    );
    expect(sent).toEqual(declared);
  });
});
