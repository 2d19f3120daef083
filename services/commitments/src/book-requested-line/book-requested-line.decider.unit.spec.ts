import { decideOpenEnvelope } from '../open-envelope/open-envelope.decider';
import { baseline, reference } from '../test-support/fixtures';
import { expectEvents, Scenario, trace } from '../test-support/scenario';
import { decideBookRequestedLine, type RequestedLine } from './book-requested-line.decider';

const line = (overrides: Partial<RequestedLine> = {}): RequestedLine => ({
  request: { requestId: 'npnru-call:etude:v1:region', source: 'renewal-urban', protocolId: 'npnru-call', operationId: 'etude' },
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
    const [event] = expectEvents(s.when((state, context) => decideBookRequestedLine(line(), state, context)));
    expect(event.type === 'commitments.commitment-recorded' && event.data).toMatchObject({ request: { requestId: 'npnru-call:etude:v1:region' }, attribution: { quartier: 'QP062024', programme: 'npnru' } });
  });

  it('answers a ledger refusal with an event carrying the reason, and books nothing', () => {
    const s = baseline(new Scenario()).given(reference('programme', 'npnru'));
    s.given((state, context) => decideOpenEnvelope({ envelopeId: 'region-npnru', funder: 'region', label: 'Région — NPNRU 2016', amountCents: 10_000_00n, programme: 'npnru', trace: trace({ reasonCode: 'ouverture-enveloppe' }) }, state, context));
    const [event] = expectEvents(s.when((state, context) => decideBookRequestedLine(line(), state, context)));
    expect(event.type).toBe('commitments.booking-request-refused');
    expect(event.type === 'commitments.booking-request-refused' && event.data).toMatchObject({ code: 'envelope-exceeded', funder: 'region', amount: '30000.00' });
    expect(event.type === 'commitments.booking-request-refused' && event.data.reason).toContain('20 000,00 €');
    expect(s.state.commitments.has('npnru-call.etude.v1.region')).toBe(false);
    const unknown = expectEvents(s.when((state, context) => decideBookRequestedLine(line({ funder: 'nobody', commitmentId: 'x' }), state, context)));
    expect(unknown[0].type === 'commitments.booking-request-refused' && unknown[0].data.code).toBe('unknown-funder');
  });

  it('answers nothing new for a line already booked', () => {
    const s = baseline(new Scenario());
    s.given((state, context) => decideBookRequestedLine(line(), state, context));
    expect(expectEvents(s.when((state, context) => decideBookRequestedLine(line(), state, context)))).toEqual([]);
  });
});

describe('a later version of a requested line', () => {
  const v = (n: number, overrides: Partial<RequestedLine> = {}) =>
    line({ request: { requestId: `npnru-call:etude:v${n}:region`, source: 'renewal-urban', protocolId: 'npnru-call', operationId: 'etude' }, commitmentId: `npnru-call.etude.v${n}.region`, ...overrides });

  it('firms the commitment the first version booked when the protocol is signed, never booking it twice', () => {
    const s = baseline(new Scenario());
    s.given((state, context) => decideBookRequestedLine(v(1), state, context));
    const events = expectEvents(s.when((state, context) => decideBookRequestedLine(v(2, { status: 'firm', act: { reference: 'Protocole NPNRU', date: '2016-06-15' } }), state, context)));
    expect(events.map((e) => e.type)).toEqual(['commitments.commitment-firmed', 'commitments.booking-request-applied']);
    expect(s.state.commitments.has('npnru-call.etude.v2.region')).toBe(false);
    expect(s.figures('npnru-call.etude.v1.region')).toMatchObject({ firmCents: 30_000_00n, indicativeCents: 0n });
    expect(s.state.commitments.get('npnru-call.etude.v1.region')?.request?.requestId).toBe('npnru-call:etude:v2:region');
  });

  it('amends it by avenant when the amount changes, and answers « unchanged » when nothing does', () => {
    const s = baseline(new Scenario());
    s.given((state, context) => decideBookRequestedLine(v(1), state, context));
    expect(expectEvents(s.when((state, context) => decideBookRequestedLine(v(2, { amountCents: 24_000_00n }), state, context))).map((e) => e.type)).toEqual(['commitments.commitment-amended', 'commitments.booking-request-applied']);
    expect(s.figures('npnru-call.etude.v1.region').indicativeCents).toBe(24_000_00n);
    const [same] = expectEvents(s.when((state, context) => decideBookRequestedLine(v(3, { amountCents: 24_000_00n }), state, context)));
    expect(same.type === 'commitments.booking-request-applied' && same.data.change).toBe('unchanged');
    expect([...s.state.commitments.values()].filter((c) => c.funder === 'region')).toHaveLength(1);
  });
});
