import { integrityReport, totalsDisagreements, type LedgerBalances } from './integrity';

const figures = (firm: string) => ({ indicative: '0.00', conditional: '0.00', firm, paid: '0.00', outstanding: firm });
const balances = (balanced = true): LedgerBalances => ({
  funders: [{ funder: 'anru', figures: figures('150000.00') }],
  ledger: {
    debitsPosted: '150000.00',
    creditsPosted: balanced ? '150000.00' : '149999.99',
    debitsPending: '0.00',
    creditsPending: '0.00',
    balanced,
    viewsAgreeWithLedger: true,
  },
});
const broken = [
  { streamId: 'commitments-ledger', revision: 3, problem: 'hash_mismatch', detail: 'contenu modifié' },
  { streamId: '', revision: -1, problem: 'unsigned_event', detail: 'événement absent du journal signé' },
];
const chain = (ok: boolean) => ({
  service: 'commitments',
  hashChains: { ok, streamsChecked: 1, eventsChecked: 12, ...(ok ? {} : { broken, problemCount: 3 }) },
});

describe('integrity report', () => {
  it('names every funder × figure where reporting and the ledger differ, a funder missing on one side as zero', () => {
    expect(totalsDisagreements(new Map([['anru', figures('150000.00')]]), balances().funders)).toEqual([]);
    expect(
      totalsDisagreements(
        new Map([
          ['anru', figures('150000.01')],
          ['caf', figures('1.00')],
        ]),
        balances().funders,
      ),
    ).toEqual([
      { funder: 'anru', figure: 'firm', readModel: '150000.01', ledger: '150000.00' },
      { funder: 'anru', figure: 'outstanding', readModel: '150000.01', ledger: '150000.00' },
      { funder: 'caf', figure: 'firm', readModel: '1.00', ledger: '0.00' },
      { funder: 'caf', figure: 'outstanding', readModel: '1.00', ledger: '0.00' },
    ]);
  });

  it('is ok only when every chain verifies, the ledger balances and the totals agree', () => {
    const at = '2026-11-25T22:00:00.000Z';
    expect(integrityReport({ chains: [chain(true)], balances: balances(), disagreements: [], checkedAt: at }).ok).toBe(
      true,
    );
    const report = integrityReport({ chains: [chain(false)], balances: balances(), disagreements: [], checkedAt: at });
    expect(report.ok).toBe(false);
    // Every broken link is named, not the first only, and what was not listed is counted.
    expect(report.checks[0].detail).toContain('3 maillon(s) rompu(s)');
    expect(report.checks[0].detail).toContain('flux commitments-ledger, version 3 : contenu modifié');
    expect(report.checks[0].detail).toContain('journal signé : événement absent du journal signé');
    expect(report.checks[0].detail).toContain('et 1 autre(s)');
    expect(
      integrityReport({ chains: [chain(true)], balances: balances(false), disagreements: [], checkedAt: at }).ok,
    ).toBe(false);
    const behind = integrityReport({
      chains: [chain(true)],
      balances: balances(),
      disagreements: [{ funder: 'anru', figure: 'firm', readModel: '0.00', ledger: '150000.00' }],
      checkedAt: at,
    });
    expect(behind.checks.find((c) => c.check.startsWith('totaux'))).toMatchObject({
      ok: false,
      detail: expect.stringContaining('1 écart(s)'),
    });
  });

  it('is not ok while a consumer holds a message it set aside, and names it', () => {
    const consumers = (count: number) => ({
      deadLetters: {
        count,
        latest: Array.from({ length: count }, () => ({
          consumer: 'commitments.booking-requests',
          messageId: 'm-1',
          topic: 'commitments.booking-requests.v1',
          type: 'commitments.booking-requested',
          reason: "message hors contrat — /data/lines/0 : must have required property 'funder'",
        })),
      },
    });
    const report = (count: number) =>
      integrityReport({
        chains: [{ ...chain(true), consumers: consumers(count) }],
        balances: balances(),
        disagreements: [],
        checkedAt: '2026-12-02T20:00:00.000Z',
      });
    expect(report(0).ok).toBe(true);
    const held = report(1);
    expect(held.ok).toBe(false);
    const check = held.checks.find((c) => c.check.startsWith('consommateurs — commitments'));
    expect(check?.ok).toBe(false);
    expect(check?.detail).toContain('1 message(s) hors contrat');
    expect(check?.detail).toContain('commitments.booking-requested m-1 sur commitments.booking-requests.v1');
  });
});
