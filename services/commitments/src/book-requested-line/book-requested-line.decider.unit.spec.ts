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
