import fc from 'fast-check';
import {
  applyTransfers,
  emptyLedger,
  ledgerViolations,
  limitViolations,
  openAccounts,
  replayLedger,
  reversalOf,
  type AccountDefinition,
  type LedgerState,
  type Transfer,
  type TransferResult,
} from './index';

const trace = {
  reasonCode: 'engagement',
  effectiveDate: '2016-03-01',
  recordedAt: '2016-03-02T10:00:00.000Z',
  actor: { subject: 'finance', organisation: 'call', roles: ['financeur'] },
  source: { kind: 'document' as const, document: 'contrat-de-ville-lens-lievin-2015-2020', line: 5465 },
};

const accounts: AccountDefinition[] = [
  { id: 'envelope', ledger: 'EUR', kind: 'envelope', limits: { debitsMustNotExceedCredits: true } },
  { id: 'authority', ledger: 'EUR', kind: 'authority' },
  { id: 'commitment', ledger: 'EUR', kind: 'commitment' },
  { id: 'paid', ledger: 'EUR', kind: 'payment', limits: { creditsMustNotExceedDebits: true } },
  { id: 'other-ledger', ledger: 'AE', kind: 'elsewhere' },
];

const opened = (): LedgerState => openAccounts(emptyLedger(), accounts).state;

const t = (
  id: string,
  phase: Transfer['phase'],
  debit: string,
  credit: string,
  amountCents?: bigint,
  extra: Partial<Transfer> = {},
): Transfer => ({
  ...trace,
  id,
  ledger: 'EUR',
  phase,
  debitAccountId: debit,
  creditAccountId: credit,
  ...(amountCents === undefined ? {} : { amountCents }),
  ...extra,
});

function apply(state: LedgerState, ...transfers: Transfer[]): { state: LedgerState; results: TransferResult[] } {
  return applyTransfers(state, transfers);
}

const funded = (): LedgerState => apply(opened(), t('fund', 'single', 'authority', 'envelope', 1_000_00n)).state;

describe('ledger kernel: given / when / then', () => {
  it('a single-phase transfer debits one account and credits the other', () => {
    const { state, results } = apply(funded(), t('c1', 'single', 'envelope', 'commitment', 400_00n));
    expect(results[0].status).toBe('applied');
    expect(state.accounts.get('envelope')?.debitsPostedCents).toBe(400_00n);
    expect(state.accounts.get('commitment')?.creditsPostedCents).toBe(400_00n);
    expect(ledgerViolations(state)).toEqual([]);
  });

  it('refuses a booking beyond the envelope and says by how much, changing nothing', () => {
    const before = funded();
    const { state, results } = apply(before, t('c1', 'single', 'envelope', 'commitment', 1_200_00n));
    expect(results[0]).toMatchObject({ status: 'refused', reason: 'exceeds_credits', excessCents: 200_00n });
    expect(results[0].status === 'refused' && results[0].detail).toContain('200,00 €');
    expect(state.accounts.get('envelope')).toEqual(before.accounts.get('envelope'));
    expect(state.transfers.has('c1')).toBe(false);
  });

  it('pending reserves, post confirms part of it and releases the rest', () => {
    let { state } = apply(funded(), t('p1', 'pending', 'envelope', 'commitment', 600_00n));
    expect(state.accounts.get('envelope')?.debitsPendingCents).toBe(600_00n);
    ({ state } = apply(state, t('p1-post', 'post', 'envelope', 'commitment', 450_00n, { pendingId: 'p1' })));
    const envelope = state.accounts.get('envelope');
    expect(envelope?.debitsPendingCents).toBe(0n);
    expect(envelope?.debitsPostedCents).toBe(450_00n);
    expect(state.pendingStatus.get('p1')).toBe('posted');
  });

  it('a pending transfer resolves at most once', () => {
    let { state } = apply(funded(), t('p1', 'pending', 'envelope', 'commitment', 100_00n));
    ({ state } = apply(state, t('v1', 'void', 'envelope', 'commitment', undefined, { pendingId: 'p1' })));
    const again = apply(state, t('x1', 'post', 'envelope', 'commitment', undefined, { pendingId: 'p1' }));
    expect(again.results[0]).toMatchObject({ status: 'refused', reason: 'pending_transfer_already_voided' });
    const post = apply(
      apply(funded(), t('p2', 'pending', 'envelope', 'commitment', 1n)).state,
      t('a', 'post', 'envelope', 'commitment', undefined, { pendingId: 'p2' }),
    );
    expect(
      apply(post.state, t('b', 'void', 'envelope', 'commitment', undefined, { pendingId: 'p2' })).results[0],
    ).toMatchObject({ reason: 'pending_transfer_already_posted' });
  });

  it('refuses posting more than was pending', () => {
    const { state } = apply(funded(), t('p1', 'pending', 'envelope', 'commitment', 100_00n));
    const over = apply(state, t('p1-post', 'post', 'envelope', 'commitment', 150_00n, { pendingId: 'p1' }));
    expect(over.results[0]).toMatchObject({ status: 'refused', reason: 'exceeds_pending_amount', excessCents: 50_00n });
  });

  it('paid may not exceed committed', () => {
    const { state } = apply(funded(), t('c', 'single', 'envelope', 'paid', 300_00n));
    const payment = apply(state, t('pay', 'single', 'paid', 'authority', 300_00n));
    expect(payment.results[0].status).toBe('applied');
    const over = apply(state, t('pay2', 'single', 'commitment', 'paid', 1n));
    expect(over.results[0]).toMatchObject({ status: 'refused', reason: 'exceeds_debits' });
  });

  it('a linked chain applies all or none', () => {
    const { state, results } = apply(
      funded(),
      t('a', 'single', 'envelope', 'commitment', 500_00n, { linked: true }),
      t('b', 'single', 'envelope', 'commitment', 600_00n),
      t('c', 'single', 'envelope', 'commitment', 100_00n),
    );
    expect(results.map((r) => (r.status === 'refused' ? r.reason : r.status))).toEqual([
      'linked_event_failed',
      'exceeds_credits',
      'applied',
    ]);
    expect(state.transfers.has('a')).toBe(false);
    expect(state.accounts.get('envelope')?.debitsPostedCents).toBe(100_00n);
  });

  it('refuses a chain left open at the end of the batch', () => {
    const { results, state } = apply(funded(), t('a', 'single', 'envelope', 'commitment', 5n, { linked: true }));
    expect(results[0]).toMatchObject({ status: 'refused', reason: 'linked_event_chain_open' });
    expect(state.transfers.size).toBe(1);
  });

  it('is idempotent on the transfer id, and refuses the same id for something else', () => {
    const first = apply(funded(), t('c1', 'single', 'envelope', 'commitment', 100_00n));
    const retry = apply(first.state, t('c1', 'single', 'envelope', 'commitment', 100_00n));
    expect(retry.results[0].status).toBe('exists');
    expect(retry.state.accounts.get('envelope')?.debitsPostedCents).toBe(100_00n);
    const other = apply(first.state, t('c1', 'single', 'envelope', 'commitment', 999n));
    expect(other.results[0]).toMatchObject({ status: 'refused', reason: 'exists_with_different_fields' });
  });

  it('corrects by reversal, never beyond the original', () => {
    const first = apply(funded(), t('c1', 'single', 'envelope', 'commitment', 100_00n));
    const original = first.state.transfers.get('c1');
    if (!original) throw new Error('missing c1');
    const revoyure = { ...trace, reasonCode: 'clause-de-revoyure', effectiveDate: '2018-01-01' };
    const partial = apply(first.state, reversalOf(original, 'c1-fix', revoyure, 30_00n));
    expect(partial.results[0].status).toBe('applied');
    expect(partial.state.accounts.get('envelope')?.debitsPostedCents).toBe(100_00n);
    expect(partial.state.accounts.get('envelope')?.creditsPostedCents).toBe(1_030_00n);
    expect(partial.state.transfers.get('c1')).toEqual(original);
    const tooMuch = apply(partial.state, reversalOf(original, 'c1-fix2', revoyure, 80_00n));
    expect(tooMuch.results[0]).toMatchObject({
      status: 'refused',
      reason: 'correction_exceeds_original',
      excessCents: 10_00n,
    });
    const wrongWay = apply(partial.state, t('bad', 'single', 'envelope', 'commitment', 1n, { correctsId: 'c1' }));
    expect(wrongWay.results[0]).toMatchObject({ reason: 'correction_must_reverse_accounts' });
  });

  it.each([
    [{ actor: { subject: '', organisation: 'call', roles: [] } }, 'acteur manquant'],
    [{ actor: 'finance@call' as unknown as Transfer['actor'] }, 'acteur manquant'],
    [{ reasonCode: ' ' }, 'motif manquant'],
    [{ effectiveDate: '2016-02-30' }, 'date d’effet'],
    [{ recordedAt: 'hier' }, 'date d’enregistrement'],
    [{ source: { kind: 'document' as const, document: 'cdv', line: 0 } }, 'ligne'],
    [{ source: { kind: 'act' as const, reference: '' } }, 'acte'],
  ])('refuses an untraceable booking (%j)', (override, message) => {
    const { results } = apply(funded(), t('x', 'single', 'envelope', 'commitment', 1n, override));
    expect(results[0]).toMatchObject({ status: 'refused', reason: 'traceability_incomplete' });
    expect(results[0].status === 'refused' && results[0].detail).toContain(message);
  });

  it.each([
    [t('x', 'single', 'envelope', 'envelope', 1n), 'accounts_must_be_different'],
    [t('x', 'single', 'nope', 'envelope', 1n), 'debit_account_not_found'],
    [t('x', 'single', 'envelope', 'nope', 1n), 'credit_account_not_found'],
    [t('x', 'single', 'envelope', 'other-ledger', 1n), 'ledger_mismatch'],
    [t('x', 'single', 'envelope', 'commitment', 0n), 'amount_must_be_positive'],
    [t('x', 'single', 'envelope', 'commitment'), 'amount_required'],
    [t('x', 'post', 'envelope', 'commitment', 1n), 'pending_id_required'],
    [t('x', 'post', 'envelope', 'commitment', 1n, { pendingId: 'zz' }), 'pending_transfer_not_found'],
    [t('x', 'post', 'envelope', 'commitment', 1n, { pendingId: 'fund' }), 'pending_transfer_not_pending'],
    [t('x', 'single', 'envelope', 'commitment', 1n, { pendingId: 'fund' }), 'pending_id_not_allowed'],
    [t('x', 'single', 'envelope', 'authority', 1n, { correctsId: 'zz' }), 'corrected_transfer_not_found'],
  ])('refuses %# with %s', (transfer, reason) => {
    expect(apply(funded(), transfer).results[0]).toMatchObject({ status: 'refused', reason });
  });

  it('replays a subset for an earlier date without the later bookings', () => {
    const later = { effectiveDate: '2019-06-30' };
    const { state } = apply(
      funded(),
      t('c1', 'single', 'envelope', 'commitment', 100_00n),
      t('c2', 'single', 'envelope', 'commitment', 50_00n, later),
    );
    const all = [...state.transfers.values()];
    const asOf2017 = replayLedger(accounts, all, (x) => x.effectiveDate <= '2017-12-31');
    expect(asOf2017.accounts.get('commitment')?.creditsPostedCents).toBe(100_00n);
    expect(replayLedger(accounts, all).accounts.get('commitment')?.creditsPostedCents).toBe(150_00n);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties over random operation sequences: whatever is asked, the ledger balances, limits hold, pending
// transfers resolve at most once, and a refused batch or chain leaves no trace.

type Op =
  | { kind: 'single' | 'pending'; debit: number; credit: number; amount: bigint; linked: boolean }
  | { kind: 'post' | 'void'; target: number; amount: bigint | undefined; linked: boolean }
  | { kind: 'correct'; target: number; amount: bigint; linked: boolean }
  | { kind: 'repeat'; target: number; linked: boolean };

const ACCOUNT_IDS = ['envelope', 'authority', 'commitment', 'paid'];
const amount = fc.bigInt({ min: -5n, max: 2_000_00n });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('single' as const, 'pending' as const),
    debit: fc.nat(3),
    credit: fc.nat(3),
    amount,
    linked: fc.boolean(),
  }),
  fc.record({
    kind: fc.constantFrom('post' as const, 'void' as const),
    target: fc.nat(60),
    amount: fc.option(amount, { nil: undefined }),
    linked: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('correct' as const), target: fc.nat(60), amount, linked: fc.boolean() }),
  fc.record({ kind: fc.constant('repeat' as const), target: fc.nat(60), linked: fc.boolean() }),
);

function toTransfer(op: Op, index: number, history: Transfer[]): Transfer {
  const id = `op-${index}`;
  const earlier = (n: number) => history[n % Math.max(1, history.length)];
  switch (op.kind) {
    case 'single':
    case 'pending':
      return t(id, op.kind, ACCOUNT_IDS[op.debit], ACCOUNT_IDS[op.credit], op.amount, { linked: op.linked });
    case 'post':
    case 'void': {
      const target = earlier(op.target);
      return t(id, op.kind, target?.debitAccountId ?? 'envelope', target?.creditAccountId ?? 'commitment', op.amount, {
        pendingId: target?.id ?? 'none',
        linked: op.linked,
      });
    }
    case 'correct': {
      const target = earlier(op.target);
      return t(id, 'single', target?.creditAccountId ?? 'envelope', target?.debitAccountId ?? 'commitment', op.amount, {
        correctsId: target?.id ?? 'none',
        linked: op.linked,
      });
    }
    case 'repeat':
      return { ...(earlier(op.target) ?? t(id, 'single', 'authority', 'envelope', 1n)), linked: op.linked };
  }
}

describe('ledger kernel: properties', () => {
  it('balances, limits and single resolution hold after any sequence of batches (1 000 runs)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(opArb, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 }),
        (batches) => {
          let state = funded();
          const history: Transfer[] = [];
          let index = 0;
          for (const batch of batches) {
            const transfers = batch.map((op) => toTransfer(op, index++, history));
            const before = state;
            const result = applyTransfers(state, transfers);
            state = result.state;
            expect(ledgerViolations(state)).toEqual([]);
            expect(limitViolations(state)).toEqual([]);
            const applied = result.results.filter((r) => r.status === 'applied');
            if (applied.length === 0) {
              expect([...state.accounts.values()]).toEqual([...before.accounts.values()]);
              expect(state.transfers.size).toBe(before.transfers.size);
            }
            for (const r of result.results) if (r.status === 'applied') history.push(r.transfer);
            const postedTotal = [...state.accounts.values()].reduce((s, a) => s + a.debitsPostedCents, 0n);
            expect(postedTotal).toBe(
              [...state.transfers.values()]
                .filter((x) => x.phase !== 'pending' && x.phase !== 'void')
                .reduce((s, x) => s + x.amountCents, 0n),
            );
          }
          const resolved = [...state.transfers.values()]
            .filter((x) => x.phase === 'post' || x.phase === 'void')
            .map((x) => x.pendingId);
          expect(new Set(resolved).size).toBe(resolved.length);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('replaying the accepted transfers rebuilds the same balances (1 000 runs)', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 30 }), (ops) => {
        let state = funded();
        const history: Transfer[] = [];
        ops.forEach((op, i) => {
          const result = applyTransfers(state, [{ ...toTransfer(op, i, history), linked: false }]);
          state = result.state;
          for (const r of result.results) if (r.status === 'applied') history.push(r.transfer);
        });
        const rebuilt = replayLedger(accounts, [...state.transfers.values()]);
        expect([...rebuilt.accounts.values()]).toEqual([...state.accounts.values()]);
      }),
      { numRuns: 1000 },
    );
  });
});
