import { accepted, refusalOf } from '@cvl/testing';
import { decideRecordBookingOutcome } from '../record-booking-outcome/record-booking-outcome.decider';
import { currentTable } from '../domain/state';
import { act, approve, committee, drafted, operation, plan, sign, submit } from '../test-support/fixtures';
import { ProtocolScenario, trace } from '../test-support/scenario';
import { decideReviseOperation, decideWithdrawOperation, type ReviseOperation } from './revise-operation.decider';

const revise = (change: Omit<ReviseOperation, 'operationId' | 'trace'>, operationId = 'etude-urbaine') =>
  ((state) => decideReviseOperation({ operationId, ...change, trace: trace() }, state)) satisfies Parameters<
    ProtocolScenario['when']
  >[0];
const withdraw = (operationId: string, amendment?: { reference: string; date: string }) =>
  ((state) =>
    decideWithdrawOperation(
      { operationId, ...(amendment ? { act: amendment } : {}), trace: trace() },
      state,
    )) satisfies Parameters<ProtocolScenario['when']>[0];
const booked = (operationId: string, funder: string) =>
  ((state) =>
    decideRecordBookingOutcome(
      {
        protocolId: 'npnru-call',
        operationId,
        funder,
        requestId: `npnru-call:${operationId}:v1:${funder}`,
        planVersion: 1,
        outcome: 'booked',
        commitmentId: `renewal-urban.npnru-call.${operationId}.v1.${funder}`,
        trace: trace(),
      },
      state,
    )) satisfies Parameters<ProtocolScenario['when']>[0];

describe('revising an operation of the protocol', () => {
  it('changes its calendar freely before signature, never inverted, never for nothing', () => {
    const s = drafted(new ProtocolScenario());
    const [event] = accepted(s.when(revise({ start: '2016-04-01', end: '2017-03-31' })));
    expect(event).toMatchObject({ type: 'renewal-urban.operation-revised', data: { planCleared: false } });
    expect(s.state?.operations.get('etude-urbaine')).toMatchObject({ start: '2016-04-01', end: '2017-03-31' });
    expect(refusalOf(s.when(revise({ end: '2016-01-31' })), 'calendar-inverted').field).toBe('end');
    expect(refusalOf(s.when(revise({ start: '2016-04-01' })), 'nothing-to-revise').kind).toBe('conflict');
    expect(refusalOf(s.when(revise({ eligibleBaseCents: 0n })), 'base-not-positive').field).toBe('eligibleBase');
    expect(refusalOf(s.when(revise({ end: '2017-01-01' }, 'inconnue')), 'unknown-operation').kind).toBe('unknown');
  });

  it('clears the plan when the base changes: a new plan for the new base is set, then approved', () => {
    const s = drafted(new ProtocolScenario()).given(plan([['anru', 15_000_000n]], 15_000_000n));
    const [event] = accepted(s.when(revise({ eligibleBaseCents: 40_000_000n })));
    expect(event).toMatchObject({ data: { eligibleBase: '400000.00', planCleared: true } });
    expect(s.state?.operations.get('etude-urbaine')?.plan).toEqual([]);
    refusalOf(s.when(approve()), 'plan-missing');
    accepted(s.when(plan([['anru', 20_000_000n]], 20_000_000n)));
    accepted(s.when(approve()));
  });

  it('changes by avenant once the protocol is signed, dated on or after the version it amends', () => {
    const s = drafted(new ProtocolScenario())
      .given(plan([['anru', 15_000_000n]], 15_000_000n))
      .given(submit)
      .given(committee('2016-02-15'))
      .given(sign); // 2016-06-15
    expect(refusalOf(s.when(revise({ end: '2017-12-31' })), 'amendment-act-required').field).toBe('act');
    expect(
      refusalOf(s.when(revise({ end: '2017-12-31', act: act('Avenant n° 1', '2016-05-01') })), 'step-before-previous')
        .field,
    ).toBe('act.date');
    const [event] = accepted(s.when(revise({ end: '2017-12-31', act: act('Avenant n° 1', '2016-09-01') })));
    expect(event).toMatchObject({ data: { act: { reference: 'Avenant n° 1' }, end: '2017-12-31' } });
  });
});

describe('withdrawing an operation of the protocol', () => {
  it('withdraws it before signature: it leaves the table, what was booked is asked back, nothing more changes it', () => {
    const s = drafted(new ProtocolScenario())
      .given(operation({ operationId: 'demolition', nature: 'demolition', boughtByGroup: false }))
      .given(plan([['anru', 15_000_000n]], 15_000_000n))
      .given(approve())
      .given(booked('etude-urbaine', 'anru'));
    const [event] = accepted(s.when(withdraw('etude-urbaine')));
    // Only the line the ledger booked is released: the group's lines were not answered yet.
    expect(event).toMatchObject({
      type: 'renewal-urban.operation-withdrawn',
      data: { planVersion: 1, released: [{ funder: 'anru', amount: '150000.00' }] },
    });
    expect(currentTable(s.state as NonNullable<typeof s.state>).map((row) => row.operationId)).toEqual([]);
    expect(refusalOf(s.when(withdraw('etude-urbaine')), 'operation-withdrawn').kind).toBe('conflict');
    refusalOf(s.when(revise({ end: '2017-01-01' })), 'operation-withdrawn');
    refusalOf(s.when(plan([['anru', 15_000_000n]], 15_000_000n)), 'operation-withdrawn');
    refusalOf(s.when(approve()), 'operation-withdrawn');
    // The ledger's answer to the release is kept apart from the booking it releases, once.
    const released = ((state) =>
      decideRecordBookingOutcome(
        {
          protocolId: 'npnru-call',
          operationId: 'etude-urbaine',
          funder: 'anru',
          requestId: 'npnru-call:etude-urbaine:v1:anru',
          planVersion: 1,
          outcome: 'booked',
          step: 'retrait',
          trace: trace(),
        },
        state,
      )) satisfies Parameters<ProtocolScenario['when']>[0];
    accepted(s.when(released));
    expect(s.state?.operations.get('etude-urbaine')?.releases?.get('anru')).toEqual({ outcome: 'booked' });
    expect(s.state?.operations.get('etude-urbaine')?.bookings.get('anru')?.commitmentId).toBeDefined();
    expect(accepted(s.when(released))).toEqual([]);
    // An operation never financed asks the ledger nothing back.
    const [other] = accepted(s.when(withdraw('demolition')));
    expect(other).toMatchObject({ data: { released: [] } });
  });

  it('asks back what each commitment holds: the last version the ledger booked, not a later one it refused', () => {
    const s = drafted(new ProtocolScenario())
      .given(plan([['anru', 15_000_000n]], 15_000_000n))
      .given(approve())
      .given(booked('etude-urbaine', 'anru'))
      .given(plan([['anru', 10_000_000n]], 20_000_000n))
      .given(approve())
      .given((state) =>
        decideRecordBookingOutcome(
          {
            protocolId: 'npnru-call',
            operationId: 'etude-urbaine',
            funder: 'anru',
            requestId: 'npnru-call:etude-urbaine:v2:anru',
            planVersion: 2,
            outcome: 'refused',
            reason: 'Enveloppe dépassée',
            amount: '100000.00',
            trace: trace(),
          },
          state,
        ),
      );
    const [event] = accepted(s.when(withdraw('etude-urbaine')));
    expect(event).toMatchObject({ data: { planVersion: 2, released: [{ funder: 'anru', amount: '150000.00' }] } });
  });

  it('withdraws it by avenant once the protocol is signed', () => {
    const s = drafted(new ProtocolScenario())
      .given(plan([['anru', 15_000_000n]], 15_000_000n))
      .given(submit)
      .given(committee('2016-02-15'))
      .given(sign);
    expect(refusalOf(s.when(withdraw('etude-urbaine')), 'amendment-act-required').field).toBe('act');
    const [event] = accepted(s.when(withdraw('etude-urbaine', act('Avenant n° 2', '2017-02-01'))));
    expect(event).toMatchObject({ data: { act: { reference: 'Avenant n° 2' } } });
    expect(s.state?.operations.get('etude-urbaine')?.withdrawn).toEqual({
      on: '2017-02-01',
      act: { reference: 'Avenant n° 2', date: '2017-02-01' },
    });
  });
});
