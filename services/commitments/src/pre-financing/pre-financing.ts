import { allocateEvenly, formatEurosFr, toDecimalString, type Cents } from '@cvl/money';
import { paymentRuleFor, type PaymentRule } from '../domain/payment-rules';
import { funderName, referenceKey, type CommitmentsState, type Operation } from '../domain/state';

/**
 * The pre-financing forecast of a project owner, month by month: what it spends on its operations (each one's
 * eligible base spread evenly over its calendar), what its funders pay it (each aid by its funder's payment rule:
 * the advance once notified, instalments on the expenditure claimed up to the ceiling, the balance after the service
 * fait, each with its usual delay), and the gap it must pre-finance — the aid already spent but not yet received.
 * Its own share is told beside: it is what the operation costs the owner, not what it advances. Pure.
 */

const MAX_MONTHS = 240;

/** « 2017-03 » ↔ a count of months, to step through the calendar with integers. */
const monthIndex = (date: string) => +date.slice(0, 4) * 12 + (+date.slice(5, 7) - 1);
const monthName = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

interface Aid {
  funder: string;
  commitmentId: string;
  amountCents: Cents;
  notified: string;
  rule: PaymentRule;
}

/** One operation's expenditure per month, and each aid's payments per month (index → cents). */
function operationFlows(state: CommitmentsState, operation: Operation) {
  const start = monthIndex(operation.start as string);
  const end = monthIndex(operation.end as string);
  const spend = allocateEvenly(operation.eligibleBaseCents, end - start + 1);
  const aids: Aid[] = [];
  for (const id of operation.commitmentIds) {
    const c = state.commitments.get(id);
    // Own funds are not cash in; a lapsed aid pays nothing.
    if (!c || c.status === 'lapsed' || c.funder === operation.projectOwner || c.amountCents <= 0n) continue;
    const notified = c.act?.date ?? (operation.start as string);
    const category = state.references.get(referenceKey('funder', c.funder))?.attributes.category;
    aids.push({
      funder: c.funder,
      commitmentId: c.id,
      amountCents: c.amountCents,
      notified,
      rule: paymentRuleFor(typeof category === 'string' ? category : undefined, notified),
    });
  }
  const received = new Map<number, Cents>();
  const receive = (month: number, cents: Cents) => {
    if (cents > 0n) received.set(month, (received.get(month) ?? 0n) + cents);
  };
  for (const aid of aids) {
    const ceiling = (aid.amountCents * BigInt(aid.rule.instalmentCeilingBasisPoints)) / 10_000n;
    const advance = (aid.amountCents * BigInt(aid.rule.advanceBasisPoints)) / 10_000n;
    // The advance is paid once the aid is notified, and not before the operation starts.
    receive(Math.max(monthIndex(aid.notified), start) + aid.rule.delayMonths, advance);
    let paid = advance;
    spend.forEach((cents, offset) => {
      const claimed = (cents * aid.amountCents) / operation.eligibleBaseCents;
      const instalment = paid + claimed > ceiling ? (ceiling > paid ? ceiling - paid : 0n) : claimed;
      paid += instalment;
      receive(start + offset + aid.rule.delayMonths, instalment);
    });
    receive(end + aid.rule.balanceDelayMonths, aid.amountCents - paid);
  }
  const aidTotal = aids.reduce((sum, aid) => sum + aid.amountCents, 0n);
  return { start, end, spend, received, aids, aidTotal };
}

export function preFinancingForecast(state: CommitmentsState, projectOwner: string) {
  const operations = [...state.operations.values()]
    .filter((o) => o.projectOwner === projectOwner && o.start && o.end && o.eligibleBaseCents > 0n)
    .sort((a, b) => a.id.localeCompare(b.id));
  const flows = operations.map((operation) => ({ operation, ...operationFlows(state, operation) }));
  const spent = new Map<number, Cents>();
  const aidSpent = new Map<number, Cents>();
  const received = new Map<number, Cents>();
  const add = (map: Map<number, Cents>, month: number, cents: Cents) => map.set(month, (map.get(month) ?? 0n) + cents);
  for (const flow of flows) {
    flow.spend.forEach((cents, offset) => {
      add(spent, flow.start + offset, cents);
      // The part of the month's spending the aids will finance: what is pre-financed until they pay.
      add(aidSpent, flow.start + offset, (cents * flow.aidTotal) / flow.operation.eligibleBaseCents);
    });
    for (const [month, cents] of flow.received) add(received, month, cents);
  }
  const months = [...spent.keys(), ...received.keys()];
  const first = months.length ? Math.min(...months) : 0;
  const last = months.length ? Math.max(...months) : -1;
  if (last - first >= MAX_MONTHS) throw new Error(`préfinancement : plus de ${MAX_MONTHS} mois`);
  let gap = 0n;
  let peak = { cents: 0n, month: '' };
  const rows = [];
  for (let month = first; month <= last; month++) {
    const out = spent.get(month) ?? 0n;
    const cashIn = received.get(month) ?? 0n;
    gap += (aidSpent.get(month) ?? 0n) - cashIn;
    if (gap > peak.cents) peak = { cents: gap, month: monthName(month) };
    rows.push({
      month: monthName(month),
      out: toDecimalString(out),
      in: toDecimalString(cashIn),
      gap: toDecimalString(gap),
      formatted: { out: formatEurosFr(out), in: formatEurosFr(cashIn), gap: formatEurosFr(gap) },
    });
  }
  const sum = (map: Map<number, Cents>) => [...map.values()].reduce((s, c) => s + c, 0n);
  const nameOf = (code: string) => funderName(state, code);
  const rules = new Map(flows.flatMap((f) => f.aids.map((aid) => [aid.rule.id, aid.rule] as const)));
  return {
    projectOwner: { code: projectOwner, name: nameOf(projectOwner) },
    operations: flows.map((f) => ({
      operation: f.operation.id,
      label: f.operation.label,
      start: f.operation.start as string,
      end: f.operation.end as string,
      eligibleBase: toDecimalString(f.operation.eligibleBaseCents),
      ownShare: toDecimalString(f.operation.eligibleBaseCents - f.aidTotal),
      aids: f.aids.map((aid) => ({
        funder: aid.funder,
        funderName: nameOf(aid.funder),
        commitmentId: aid.commitmentId,
        amount: toDecimalString(aid.amountCents),
        notified: aid.notified,
        rule: aid.rule.id,
      })),
    })),
    rules: [...rules.values()].map((rule) => ({
      id: rule.id,
      label: rule.label,
      source: rule.source,
      advanceBasisPoints: rule.advanceBasisPoints,
      instalmentCeilingBasisPoints: rule.instalmentCeilingBasisPoints,
      delayMonths: rule.delayMonths,
      balanceDelayMonths: rule.balanceDelayMonths,
    })),
    months: rows,
    totals: {
      out: toDecimalString(sum(spent)),
      in: toDecimalString(sum(received)),
      ownShare: toDecimalString(sum(spent) - sum(received)),
    },
    peak: {
      amount: toDecimalString(peak.cents),
      amountFormatted: formatEurosFr(peak.cents),
      month: peak.month || null,
    },
  };
}

export type PreFinancingForecast = ReturnType<typeof preFinancingForecast>;
