import { formatEurosFr, fromDecimalString, toDecimalString, type Cents, rateBasisPointsOf } from '@cvl/money';
import type { ItiEvent, Trace } from '../domain/events';
import { type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';
import { FEDER_RATE_CAPS, inForce, type Dwelling } from '../domain/rules';
import type { Programme } from '../domain/state';

export interface ReceiveApplication {
  operationId: string;
  label: string;
  beneficiary: string;
  quartier: string;
  axis: number;
  priority: string;
  eligibleCostCents: Cents;
  federCents: Cents;
  coFunders: Array<{ funder: string; amountCents: Cents; envelope?: string }>;
  dwellings?: Dwelling[];
  /** The annual tranche the FEDER is drawn from (n of the n+3 rule). */
  tranche: number;
  /** The ledger registry's operation, when another programme or the CALL already declared these works. */
  registryOperation?: string;
  trace: Trace;
}

const percent = (bp: bigint) =>
  `${(Number(bp) / 100).toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} %`;

/**
 * An application: a beneficiary, a quartier, an eligible cost, a financing plan across co-funders with the FEDER
 * within its rate cap, never over-financed, within the strategy's axes.
 */
export function decideReceiveApplication(
  command: ReceiveApplication,
  state: Programme | undefined,
): ItiEvent[] | Refusal {
  if (!state) return refuse('no-envelope', 'Fixez d’abord l’enveloppe par axe');
  if (state.operations.has(command.operationId))
    return refuse('operation-exists', `L’opération ${command.operationId} existe déjà`, {
      field: 'operationId',
    });
  if (!/^QP\d{6}$/.test(command.quartier))
    return refuse('invalid-qpv-code', `Code de quartier invalide « ${command.quartier} »`, { field: 'quartier' });
  const axis = state.axes.find((a) => a.axis === command.axis);
  if (!axis) return refuse('axis-without-envelope', `L’axe ${command.axis} n’a pas d’enveloppe`, { field: 'axis' });
  if (state.strategyAxes.length > 0 && !state.strategyAxes.includes(command.axis))
    return refuse('axis-outside-strategy', `L’axe ${command.axis} n’est pas retenu dans la stratégie ITI`, {
      field: 'axis',
    });
  if (!axis.priorities.includes(command.priority))
    return refuse(
      'priority-outside-axis',
      `La priorité ${command.priority} n’est pas une priorité de l’axe ${command.axis}`,
      { field: 'priority' },
    );
  if (command.eligibleCostCents <= 0n)
    return refuse('cost-not-positive', 'Coût éligible strictement positif', { field: 'eligibleCost' });
  if (command.federCents <= 0n)
    return refuse('feder-not-positive', 'FEDER demandé strictement positif', { field: 'feder' });
  const cap = inForce(FEDER_RATE_CAPS, command.trace.effectiveDate);
  if (cap && command.federCents * 10_000n > BigInt(cap.maxRateBasisPoints) * command.eligibleCostCents) {
    const allowed = (BigInt(cap.maxRateBasisPoints) * command.eligibleCostCents) / 10_000n;
    return refuse(
      'feder-rate-above-cap',
      `Le taux FEDER (${percent(rateBasisPointsOf(command.federCents, command.eligibleCostCents))}) dépasse le plafond de ${percent(BigInt(cap.maxRateBasisPoints))} (${cap.source}) : au plus ${formatEurosFr(allowed)}, soit ${formatEurosFr(command.federCents - allowed)} de trop`,
      { field: 'feder', excessCents: command.federCents - allowed },
    );
  }
  const funders = new Set<string>();
  for (const [index, line] of command.coFunders.entries()) {
    if (line.funder === 'feder' || funders.has(line.funder))
      return refuse('duplicate-funder', `Cofinanceur en double ou FEDER parmi les cofinanceurs : ${line.funder}`, {
        field: `coFunders[${index}].funder`,
      });
    funders.add(line.funder);
    if (line.amountCents <= 0n)
      return refuse('amount-not-positive', 'Chaque cofinancement est strictement positif', {
        field: `coFunders[${index}].amount`,
      });
  }
  const publicAid = command.federCents + command.coFunders.reduce((sum, l) => sum + l.amountCents, 0n);
  if (publicAid > command.eligibleCostCents) {
    return refuse(
      'over-financed',
      `Les aides (${formatEurosFr(publicAid)}) dépassent le coût éligible (${formatEurosFr(command.eligibleCostCents)}) de ${formatEurosFr(publicAid - command.eligibleCostCents)}`,
      { field: 'coFunders', excessCents: publicAid - command.eligibleCostCents },
    );
  }
  if (command.priority === '4c' && (command.dwellings ?? []).length === 0)
    return refuse(
      'dwellings-required',
      'La priorité 4c suppose la classe avant travaux et la consommation après travaux de chaque logement',
      { field: 'dwellings' },
    );
  const dwellings = command.dwellings ?? [];
  const costed = dwellings.filter((d) => d.eligibleCost !== undefined).length;
  const ids = new Set<string>();
  for (const [index, d] of dwellings.entries()) {
    if (ids.has(d.id))
      return refuse('duplicate-dwelling', `Logement « ${d.id} » en double`, { field: `dwellings[${index}].id` });
    ids.add(d.id);
    // Either every dwelling states its cost (an excluded one is then taken off) or none does (cut pro rata).
    if (costed > 0 && d.eligibleCost === undefined)
      return refuse(
        'dwelling-costs-partial',
        'Le coût éligible se donne pour chaque logement ou pour aucun (sinon l’instruction retranche au prorata)',
        { field: `dwellings[${index}].eligibleCost` },
      );
    if (!/^[A-G]$/.test(d.classBefore))
      return refuse('invalid-class', `Classe énergétique invalide « ${d.classBefore} »`, {
        field: `dwellings[${index}].classBefore`,
      });
    if (!Number.isInteger(d.consumptionAfter) || d.consumptionAfter < 0)
      return refuse('invalid-consumption', 'Consommation après travaux : entier de kWh/m²/an', {
        field: `dwellings[${index}].consumptionAfter`,
      });
  }
  const dwellingCosts = dwellings.reduce((sum, d) => sum + fromDecimalString(d.eligibleCost ?? '0.00'), 0n);
  if (dwellingCosts > command.eligibleCostCents)
    return refuse(
      'dwelling-costs-above-cost',
      `Les coûts des logements (${formatEurosFr(dwellingCosts)}) dépassent le coût éligible de l’opération (${formatEurosFr(command.eligibleCostCents)}) de ${formatEurosFr(dwellingCosts - command.eligibleCostCents)}`,
      { field: 'dwellings', excessCents: dwellingCosts - command.eligibleCostCents },
    );
  return [
    {
      type: 'iti-feder.application-received',
      data: {
        programmeId: state.id,
        operationId: command.operationId,
        label: command.label,
        beneficiary: command.beneficiary,
        quartier: command.quartier,
        axis: command.axis,
        priority: command.priority,
        eligibleCost: toDecimalString(command.eligibleCostCents),
        feder: toDecimalString(command.federCents),
        coFunders: command.coFunders.map((l) => ({
          funder: l.funder,
          amount: toDecimalString(l.amountCents),
          ...(l.envelope ? { envelope: l.envelope } : {}),
        })),
        dwellings: command.dwellings ?? [],
        tranche: command.tranche,
        ...(command.registryOperation ? { registryOperation: command.registryOperation } : {}),
        trace: command.trace,
      },
    },
  ];
}
