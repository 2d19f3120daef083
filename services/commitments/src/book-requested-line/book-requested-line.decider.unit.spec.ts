import { decideOpenEnvelope } from '../open-envelope/open-envelope.decider';
import { baseline, funder, reference } from '../test-support/fixtures';
import { accepted } from '@cvl/testing';
import { Scenario, trace } from '../test-support/scenario';
import { decideBookRequestedLine, decideRequestedMovement, type RequestedLine } from './book-requested-line.decider';

const line = (overrides: Partial<RequestedLine> = {}): RequestedLine => ({
  request: {
    requestId: 'npnru-call:etude:v1:region',
    source: 'renewal-urban',
    protocolId: 'npnru-call',
    operationId: 'etude',
  },
  commitmentId: 'npnru-call.etude.v1.region',
  funder: 'region',
  amountCents: 30_000_00n,
  status: 'indicative',
  label: 'Étude urbaine — Région',
  quartier: 'QP062024',
  programme: 'npnru',
  year: 2016,
  trace: trace({ reasonCode: 'previsionnel' }),
  ...overrides,
});

describe('book a line another service asked for', () => {
  it('books it as a commitment that names the request', () => {
    const s = baseline(new Scenario()).given(reference('programme', 'npnru'));
    const [event] = accepted(s.when((state, context) => decideBookRequestedLine(line(), state, context)));
    expect(event.type === 'commitments.commitment-recorded' && event.data).toMatchObject({
      request: { requestId: 'npnru-call:etude:v1:region' },
      attribution: { quartier: 'QP062024', programme: 'npnru' },
    });
  });

  it('carries the programme’s stake of the contract, so the matrix filtered on it keeps the programme’s money', () => {
    const s = baseline(new Scenario()).given(reference('programme', 'npnru')).given(reference('stake', 'cadre-de-vie'));
    const [event] = accepted(
      s.when((state, context) => decideBookRequestedLine(line({ stake: 'cadre-de-vie' }), state, context)),
    );
    expect(event.type === 'commitments.commitment-recorded' && event.data.attribution.stake).toBe('cadre-de-vie');
    // A stake the referential does not know is left out, not invented.
    const [other] = accepted(
      s.when((state, context) =>
        decideBookRequestedLine(
          line({
            stake: 'inconnu',
            commitmentId: 'other',
            request: { requestId: 'r2', source: 'renewal-urban', protocolId: 'npnru-call', operationId: 'autre' },
          }),
          state,
          context,
        ),
      ),
    );
    expect(other.type === 'commitments.commitment-recorded' && other.data.attribution.stake).toBeUndefined();
  });

  it('answers a ledger refusal with an event carrying the reason, and books nothing', () => {
    const s = baseline(new Scenario()).given(reference('programme', 'npnru'));
    s.given((state, context) =>
      decideOpenEnvelope(
        {
          envelopeId: 'region-npnru',
          funder: 'region',
          label: 'Région — NPNRU 2016',
          amountCents: 10_000_00n,
          programme: 'npnru',
          trace: trace({ reasonCode: 'ouverture-enveloppe' }),
        },
        state,
        context,
      ),
    );
    const [event] = accepted(s.when((state, context) => decideBookRequestedLine(line(), state, context)));
    expect(event.type).toBe('commitments.booking-request-refused');
    expect(event.type === 'commitments.booking-request-refused' && event.data).toMatchObject({
      code: 'envelope-exceeded',
      funder: 'region',
      amount: '30000.00',
    });
    expect(event.type === 'commitments.booking-request-refused' && event.data.reason).toContain('20 000,00 €');
    expect(s.state.commitments.has('npnru-call.etude.v1.region')).toBe(false);
    const unknown = accepted(
      s.when((state, context) =>
        decideBookRequestedLine(line({ funder: 'nobody', commitmentId: 'x' }), state, context),
      ),
    );
    expect(unknown[0].type === 'commitments.booking-request-refused' && unknown[0].data.code).toBe('unknown-funder');
  });

  it('answers nothing new for a line already booked', () => {
    const s = baseline(new Scenario());
    s.given((state, context) => decideBookRequestedLine(line(), state, context));
    expect(accepted(s.when((state, context) => decideBookRequestedLine(line(), state, context)))).toEqual([]);
  });
});

describe('a later version of a requested line', () => {
  const v = (n: number, overrides: Partial<RequestedLine> = {}) =>
    line({
      request: {
        requestId: `npnru-call:etude:v${n}:region`,
        source: 'renewal-urban',
        protocolId: 'npnru-call',
        operationId: 'etude',
      },
      commitmentId: `npnru-call.etude.v${n}.region`,
      ...overrides,
    });

  it('firms the commitment the first version booked when the protocol is signed, never booking it twice', () => {
    const s = baseline(new Scenario());
    s.given((state, context) => decideBookRequestedLine(v(1), state, context));
    const events = accepted(
      s.when((state, context) =>
        decideBookRequestedLine(
          v(2, { status: 'firm', act: { reference: 'Protocole NPNRU', date: '2015-06-15' } }),
          state,
          context,
        ),
      ),
    );
    expect(events.map((e) => e.type)).toEqual(['commitments.commitment-firmed', 'commitments.booking-request-applied']);
    expect(s.state.commitments.has('npnru-call.etude.v2.region')).toBe(false);
    expect(s.figures('npnru-call.etude.v1.region')).toMatchObject({ firmCents: 30_000_00n, indicativeCents: 0n });
    expect(s.state.commitments.get('npnru-call.etude.v1.region')?.request?.requestId).toBe(
      'npnru-call:etude:v2:region',
    );
  });

  it('amends it by avenant when the amount changes, and answers « unchanged » when nothing does', () => {
    const s = baseline(new Scenario());
    s.given((state, context) => decideBookRequestedLine(v(1), state, context));
    expect(
      accepted(
        s.when((state, context) => decideBookRequestedLine(v(2, { amountCents: 24_000_00n }), state, context)),
      ).map((e) => e.type),
    ).toEqual(['commitments.commitment-amended', 'commitments.booking-request-applied']);
    expect(s.figures('npnru-call.etude.v1.region').indicativeCents).toBe(24_000_00n);
    const [same] = accepted(
      s.when((state, context) => decideBookRequestedLine(v(3, { amountCents: 24_000_00n }), state, context)),
    );
    expect(same.type === 'commitments.booking-request-applied' && same.data.change).toBe('unchanged');
    expect([...s.state.commitments.values()].filter((c) => c.funder === 'region')).toHaveLength(1);
  });
});

describe('payments and releases another service asks for', () => {
  const request = {
    requestId: 'iti:iti-call:op:programmation:feder',
    source: 'iti-feder',
    protocolId: 'iti-call',
    operationId: 'op',
  };
  const booked = () => {
    const s = baseline(new Scenario()).given(funder('feder', 'eu'));
    s.given((state, context) =>
      decideBookRequestedLine(
        line({
          request,
          commitmentId: 'iti.op.feder',
          funder: 'feder',
          amountCents: 800_000_00n,
          status: 'firm',
          act: { reference: 'Convention', date: '2015-07-01' },
        }),
        state,
        context,
      ),
    );
    return s;
  };
  const move =
    (kind: 'payment' | 'release', amountCents: bigint, requestId: string) =>
    (state: Scenario['state'], context: Parameters<typeof decideRequestedMovement>[2]) =>
      decideRequestedMovement(
        {
          request: { ...request, requestId },
          funder: 'feder',
          kind,
          amountCents,
          paymentKind: 'acompte',
          serviceDoneDate: '2017-04-01',
          trace: trace({ reasonCode: 'paiement' }),
        },
        state,
        context,
      );

  it('pays and releases on the commitment the request booked, and answers', () => {
    const s = booked();
    expect(accepted(s.when(move('payment', 360_000_00n, 'pay-1'))).map((e) => e.type)).toEqual([
      'commitments.payment-recorded',
      'commitments.booking-request-applied',
    ]);
    expect(accepted(s.when(move('release', 120_000_00n, 'release-1'))).map((e) => e.type)).toEqual([
      'commitments.commitment-released',
      'commitments.booking-request-applied',
    ]);
    expect(s.figures('iti.op.feder')).toMatchObject({
      firmCents: 680_000_00n,
      paidCents: 360_000_00n,
      releasedCents: 120_000_00n,
    });
  });

  it('answers a refusal when there is no such commitment or the payment exceeds it', () => {
    const s = booked();
    const [overpaid] = accepted(s.when(move('payment', 900_000_00n, 'pay-x')));
    expect(overpaid.type === 'commitments.booking-request-refused' && overpaid.data.code).toBe('exceeds-commitment');
    const [missing] = accepted(baseline(new Scenario()).when(move('payment', 1n, 'pay-y')));
    expect(missing.type === 'commitments.booking-request-refused' && missing.data.code).toBe('unknown-commitment');
  });
});
