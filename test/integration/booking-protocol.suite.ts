/*
 * The booking protocol seen from a programme the suite does not have: it exists only in this test. The ledger
 * books, refuses and answers it as it does renewal-urban and ITI-FEDER — on its own answers topic — without a line
 * of ledger code knowing it; what is not what the contract says is set aside at the ledger's edge, and the ledger
 * goes on with the next request.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  BOOKING_ANSWERED,
  BOOKING_REQUESTED,
  BOOKING_REQUESTS_TOPIC,
  bookingAnswersTopic,
  type BookingAnswered,
  type BookingRequested,
} from '@cvl/contracts';
import { encodeActor, type BusSubscription, type IntegrationEvent } from '@cvl/messaging';
import { Metrics } from '@cvl/platform';
import { CommitmentsModule } from '@cvl/service-commitments';
import { answersAsDocumented, waitUntil } from '@cvl/testing';
import { startApi, type Harness } from '../../services/renewal-urban/src/test-support/api-suite';

const SOURCE = 'programme-essai';
const doc = { kind: 'document', document: 'programme-essai', line: 12 } as const;

/** A message as the test programme's relay would send it. */
function message(data: unknown, type = BOOKING_REQUESTED): IntegrationEvent {
  const id = randomUUID();
  return {
    id,
    source: `/${SOURCE}`,
    type,
    specversion: '1.0',
    time: new Date().toISOString(),
    subject: `${SOURCE}-dossier-1`,
    datacontenttype: 'application/json',
    data: data as IntegrationEvent['data'],
    streamid: `${SOURCE}-dossier-1`,
    revision: 0,
    globalposition: '1:0',
    correlationid: id,
    causationid: id,
    actor: encodeActor({ subject: 'instructeur', organisation: 'call', roles: ['admin'] }),
    schemaversion: 1,
  };
}

const key = (step: string) => ({ source: SOURCE, programme: 'dossier-1', operation: 'op-1', version: 1, step });

export function bookingProtocolSuite(
  name: string,
  env: () => Promise<{ env: Record<string, string>; cleanup?: () => Promise<void> }>,
): void {
  describe(`the booking protocol with a programme that exists only in this test — ${name}`, () => {
    let h: Harness;
    let cleanup: (() => Promise<void>) | undefined;
    const answers: BookingAnswered[] = [];
    const foreign: IntegrationEvent[] = [];
    const subscriptions: BusSubscription[] = [];
    beforeAll(async () => {
      const setup = await env();
      cleanup = setup.cleanup;
      h = await startApi([CommitmentsModule], setup.env);
      const listen = async (topic: string, keep: (event: IntegrationEvent) => void) => {
        await h.infra.bus.ensureTopics([topic]);
        subscriptions.push(
          await h.infra.bus.subscribe({
            groupId: `essai-${randomUUID()}`,
            topics: [topic],
            handle: async (e) => keep(e),
          }),
        );
      };
      await listen(bookingAnswersTopic(SOURCE), (e) => {
        if (e.type === BOOKING_ANSWERED) answers.push(e.data as unknown as BookingAnswered);
      });
      await listen(bookingAnswersTopic('renewal-urban'), (e) => foreign.push(e));
    });
    afterAll(async () => {
      for (const subscription of subscriptions) await subscription.stop();
      await h?.close();
      await cleanup?.();
    });

    it('books one line, refuses the other with the ledger’s reason, answers each on the programme’s own topic, and sets aside what breaks the contract', async () => {
      const post = (path: string, body: Record<string, unknown>) =>
        h.http().post(`/api/commitments/${path}`).set(h.auth).send(body).expect(201);
      const trace = { reasonCode: 'referentiel', effectiveDate: '2016-01-01', source: doc };
      for (const funder of ['essai-a', 'essai-b'])
        await post('reference/funders', { code: funder, name: funder, trace });
      await post('reference/programmes', { code: 'essai', name: 'Programme d’essai', trace });
      await post('envelopes', {
        envelopeId: 'essai-b-2016',
        funder: 'essai-b',
        label: 'Enveloppe d’essai',
        amount: '100.00',
        programme: 'essai',
        trace: { ...trace, reasonCode: 'ouverture-enveloppe' },
      });

      // First, a request its contract refuses (a French amount, a line without funder): set aside, never decided.
      const broken = message({
        request: key('approbation'),
        movement: 'commitment',
        attribution: { label: 'Opération d’essai' },
        lines: [{ amount: '1 000,00', status: 'indicative' }],
        trace: { effectiveDate: '2016-03-01', source: doc },
      });
      const request: BookingRequested = {
        request: key('approbation'),
        movement: 'commitment',
        attribution: { label: 'Opération d’essai', programme: 'essai' },
        lines: [
          { funder: 'essai-a', amount: '1000.00', status: 'indicative' },
          { funder: 'essai-b', amount: '250.00', status: 'indicative' },
        ],
        trace: { effectiveDate: '2016-03-01', source: doc },
      };
      const valid = message(request);
      await h.infra.bus.publish(BOOKING_REQUESTS_TOPIC, [broken, valid]);
      await waitUntil(() => answers.length >= 2, 60_000, 'an answer to each line of the valid request');

      expect(answers.map((a) => [a.funder, a.outcome, a.request])).toEqual([
        ['essai-a', 'booked', key('approbation')],
        ['essai-b', 'refused', key('approbation')],
      ]);
      expect(answers[0]).toMatchObject({
        commitmentId: 'programme-essai.dossier-1.op-1.v1.essai-a',
        change: 'recorded',
        amount: '1000.00',
      });
      expect(answers[1].refusal?.reason).toContain('dépassée de 150,00 €');
      const setAside = await h.infra.sql.query<{ consumer: string; reason: string; message_type: string }>(
        'SELECT consumer, reason, message_type FROM consumer_dead_letters WHERE message_id = $1',
        [broken.id],
      );
      expect(setAside.rows).toHaveLength(1);
      expect(setAside.rows[0]).toMatchObject({
        consumer: 'commitments.booking-requests',
        message_type: BOOKING_REQUESTED,
      });
      expect(setAside.rows[0].reason).toContain('/data/lines/0');
      expect(setAside.rows[0].reason).toContain('funder');
      const chains = (await h.http().get('/api/commitments/hash-chains').set(h.auth).expect(200)).body;
      const info = (await h.http().get('/api/commitments').set(h.auth).expect(200)).body;
      const feed = (await h.http().get('/api/commitments/events?limit=5').set(h.auth).expect(200)).body;
      // The feed's parameters are typed strictly: a bad one is a 400 naming it.
      for (const [query, field] of [
        ['after=abc', 'after'],
        ['limit=0', 'limit'],
        ['limit=2.5', 'limit'],
      ])
        expect(
          (await h.http().get(`/api/commitments/events?${query}`).set(h.auth).expect(400)).body.errors[0].field,
        ).toBe(field);
      const documented = answersAsDocumented(
        join(__dirname, '..', '..', 'contracts', 'http', 'commitments.openapi.json'),
      );
      expect([
        ...documented('get', '/api/commitments/hash-chains', 200, chains),
        ...documented('get', '/api/commitments', 200, info),
        ...documented('get', '/api/commitments/events', 200, feed),
      ]).toEqual([]);
      expect(chains.consumers.deadLetters).toMatchObject({
        count: 1,
        latest: [{ consumer: 'commitments.booking-requests', messageId: broken.id, topic: BOOKING_REQUESTS_TOPIC }],
      });

      // Signed: the same line firmed by its act, then paid — each answered; the request delivered again books nothing.
      const act = { reference: 'Convention d’essai n° 1', date: '2016-06-01' };
      const signed = message({
        request: key('convention'),
        movement: 'commitment',
        attribution: { label: 'Opération d’essai', programme: 'essai' },
        lines: [{ funder: 'essai-a', amount: '1000.00', status: 'firm', act }],
        trace: { effectiveDate: act.date, source: { kind: 'act', ...act } },
      } satisfies BookingRequested);
      const paid = message({
        request: key('paiement-1'),
        movement: 'payment',
        lines: [{ funder: 'essai-a', amount: '400.00' }],
        payment: { kind: 'acompte', serviceDoneDate: '2016-09-01' },
        trace: { effectiveDate: '2016-09-15', source: { kind: 'act', reference: 'Mandat 2016-12' } },
      } satisfies BookingRequested);
      await h.infra.bus.publish(BOOKING_REQUESTS_TOPIC, [signed, paid, valid]);
      const metrics = h.app.get(Metrics);
      const duplicates = async () =>
        (await metrics.eventsConsumed.get()).values
          .filter((v) => v.labels.consumer === 'commitments.booking-requests' && v.labels.outcome === 'duplicate')
          .reduce((sum, v) => sum + v.value, 0);
      await waitUntil(
        async () => answers.length >= 4 && (await duplicates()) >= 2,
        60_000,
        'firmed, paid, redelivered',
      );
      expect(answers.slice(2).map((a) => [a.request.step, a.outcome, a.change])).toEqual([
        ['convention', 'booked', 'firmed'],
        ['paiement-1', 'booked', 'paid'],
      ]);
      const statement = (await h.http().get('/api/commitments/funders/essai-a/statement').set(h.auth).expect(200)).body;
      expect(statement.commitments).toHaveLength(1);
      expect(statement.totals).toMatchObject({ indicative: '0.00', firm: '1000.00', paid: '400.00' });
      const history = await h
        .http()
        .get(`/api/commitments/commitments/${answers[0].commitmentId}/history`)
        .set(h.auth)
        .expect(200);
      expect(history.body.events[0]).toMatchObject({
        actor: { subject: 'instructeur', organisation: 'call' },
        reasonCode: 'previsionnel',
        source: { document: 'programme-essai', line: 12 },
      });
      // Nothing of this programme went to another's answers.
      expect(foreign).toEqual([]);
      expect(answers).toHaveLength(4);
    });
  });
}
