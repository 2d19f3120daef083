import { allocate, formatEurosFr, toDecimalString, type Cents, rateBasisPointsOf } from '@cvl/money';
import type { PlanLine, RenewalEvent, Trace } from '../domain/events';
import { isRefusal, type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';
import { RATE_CAPS, rateCapInForce, type RateCapRule } from '../domain/rules';
import { liveOperation, type Protocol } from '../domain/state';

export interface SetFinancingPlan {
  operationId: string;
  lines: Array<{ funder: string; amountCents: Cents }>;
  /** For a study bought by the purchasing group: the part its members pay, split among them by the key. */
  groupShareCents?: Cents;
  trace: Trace;
}

export const percent = (basisPoints: bigint | number) =>
  `${(Number(basisPoints) / 100).toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} %`;

/**
 * A financing plan: one line per funder. It adds up to the eligible base, to the cent — no gap left unexplained,
 * never over-financed; each funder's rate stays within the caps in force (ANRU: 50 % on studies and ingénierie);
 * only costs after the comité d'engagement are eligible.
 */
export function decideSetFinancingPlan(
  command: SetFinancingPlan,
  state: Protocol | undefined,
  rules: readonly RateCapRule[] = RATE_CAPS,
): RenewalEvent[] | Refusal {
  if (!state) return refuse('unknown-protocol', 'Protocole inconnu');
  const operation = liveOperation(state, command.operationId);
  if (isRefusal(operation)) return operation;
  if (state.committeeDate && operation.costsFrom < state.committeeDate) {
    return refuse(
      'costs-before-committee',
      `Seuls les coûts postérieurs au comité d’engagement du ${state.committeeDate} sont éligibles (coûts à partir du ${operation.costsFrom})`,
      { field: 'operationId' },
    );
  }
  const parties = new Set(state.parties.map((p) => p.code));
  const lines: Array<{ funder: string; amountCents: Cents; field: string }> = command.lines.map((line, index) => ({
    ...line,
    field: `lines[${index}]`,
  }));
  if (command.groupShareCents !== undefined) {
    if (!operation.boughtByGroup)
      return refuse('not-bought-by-group', 'Cette opération n’est pas achetée par le groupement de commandes', {
        field: 'groupShare',
      });
    if (command.groupShareCents <= 0n)
      return refuse('amount-not-positive', 'La part du groupement doit être strictement positive', {
        field: 'groupShare',
      });
    if (state.purchasingGroup.some((m) => m.weight === undefined))
      return refuse(
        'group-key-undefined',
        'La clé de répartition du groupement de commandes est à définir : reformez le groupement avec un poids par membre',
        { field: 'groupShare' },
      );
    const shares = allocate(
      command.groupShareCents,
      state.purchasingGroup.map((m) => BigInt(m.weight as number)),
    );
    state.purchasingGroup.forEach((member, index) =>
      lines.push({ funder: member.code, amountCents: shares[index], field: 'groupShare' }),
    );
  }
  if (lines.length === 0)
    return refuse('plan-empty', 'Un plan de financement a au moins une ligne', { field: 'lines' });
  const seen = new Set<string>();
  for (const line of lines) {
    if (!parties.has(line.funder))
      return refuse('funder-not-party', `Le financeur « ${line.funder} » n’est pas partie au protocole`, {
        field: `${line.field}.funder`,
      });
    if (seen.has(line.funder))
      return refuse('duplicate-funder', `Le financeur « ${line.funder} » figure deux fois au plan`, {
        field: `${line.field}.funder`,
      });
    seen.add(line.funder);
    if (line.amountCents <= 0n)
      return refuse('amount-not-positive', 'Chaque ligne a un montant strictement positif', {
        field: `${line.field}.amount`,
      });
  }
  const base = operation.eligibleBaseCents;
  const total = lines.reduce((sum, line) => sum + line.amountCents, 0n);
  if (total < base) {
    return refuse(
      'plan-short',
      `Le plan (${formatEurosFr(total)}) ne couvre pas l’assiette HT (${formatEurosFr(base)}) : il manque ${formatEurosFr(base - total)}`,
      { field: 'lines', excessCents: base - total },
    );
  }
  if (total > base) {
    return refuse(
      'plan-over-financed',
      `Le plan (${formatEurosFr(total)}) sur-finance l’assiette HT (${formatEurosFr(base)}) de ${formatEurosFr(total - base)}`,
      { field: 'lines', excessCents: total - base },
    );
  }
  const referenceDate = state.committeeDate ?? operation.start;
  for (const line of lines) {
    const cap = rateCapInForce(rules, line.funder, operation.nature, referenceDate);
    if (cap && line.amountCents * 10_000n > BigInt(cap.maxRateBasisPoints) * base) {
      const allowed = (BigInt(cap.maxRateBasisPoints) * base) / 10_000n;
      return refuse(
        'rate-cap-exceeded',
        `Le taux de ${line.funder} (${percent(rateBasisPointsOf(line.amountCents, base))}) dépasse le plafond de ${percent(cap.maxRateBasisPoints)} (${cap.source}, en vigueur depuis le ${cap.from}) : au plus ${formatEurosFr(allowed)} sur une assiette de ${formatEurosFr(base)}, soit ${formatEurosFr(line.amountCents - allowed)} de trop`,
        { field: `${line.field}.amount`, excessCents: line.amountCents - allowed },
      );
    }
  }
  const planLines: PlanLine[] = lines.map((line) => ({
    funder: line.funder,
    amount: toDecimalString(line.amountCents),
    rateBasisPoints: Number(rateBasisPointsOf(line.amountCents, base)),
  }));
  return [
    {
      type: 'renewal-urban.financing-plan-set',
      data: {
        protocolId: state.id,
        operationId: operation.id,
        lines: planLines,
        ...(command.groupShareCents !== undefined ? { groupShare: toDecimalString(command.groupShareCents) } : {}),
        trace: command.trace,
      },
    },
  ];
}
