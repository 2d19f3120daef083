import { formatEurosFr, toDecimalString, type Cents } from '@cvl/money';
import { euTranches } from '../domain/eu-tranches';
import { WORKS_NATURES } from '../domain/co-financing-rules';
import { funderName, referenceKey, type Commitment, type CommitmentsState } from '../domain/state';
import { addMonths, dayNumber, STATE_LABELS, type Deadline } from './deadlines';

/**
 * The deadlines the ledger's own figures set, beside the contract's governance steps: each EU fund's dégagement
 * d'office (n+3) per annual tranche, and the caducité of the State's subsidies for works not started two years after
 * their notification. Pure: the state in, the deadlines of the funders `whose` keeps out.
 */

/** The decree in force on the notification: n° 99-1060 until 30/09/2018, n° 2018-514 from 01/10/2018. */
export function subsidyDecree(notified: string): { text: string; article: string } {
  return notified < '2018-10-01'
    ? { text: 'décret n° 99-1060 du 16 décembre 1999', article: 'art. 10' }
    : { text: 'décret n° 2018-514 du 25 juin 2018', article: 'art. 11' };
}

const categoryOf = (state: CommitmentsState, funder: string) =>
  state.references.get(referenceKey('funder', funder))?.attributes.category;
const nameOf = funderName;

function dated(due: string, asOf: string, until: string): Pick<Deadline, 'state' | 'stateLabel' | 'days'> | undefined {
  const late = due < asOf;
  if (!late && due > until) return undefined;
  const state = late ? 'en-retard' : 'a-venir';
  return { state, stateLabel: STATE_LABELS[state], days: dayNumber(due) - dayNumber(asOf) };
}

const money = (cents: Cents) => ({ amount: toDecimalString(cents), amountFormatted: formatEurosFr(cents) });

export function ledgerDeadlines(
  state: CommitmentsState,
  whose: (funder: string) => boolean,
  asOf: string,
  until: string,
): Deadline[] {
  const deadlines: Deadline[] = [];
  for (const [funder, tranches] of euTranches(state)) {
    if (!whose(funder)) continue;
    for (const [tranche, { remaining }] of tranches) {
      if (remaining <= 0n) continue;
      const due = `${tranche + 3}-12-31`;
      const when = dated(due, asOf, until);
      if (!when) continue;
      deadlines.push({
        due,
        from: `${tranche}-01-01`,
        ...when,
        kind: 'degagement-n3',
        kindLabel: 'dégagement d’office (n+3)',
        label: `Tranche ${tranche} de ${nameOf(state, funder)} : ${formatEurosFr(remaining)} restent à payer`,
        effect:
          when.state === 'en-retard'
            ? `dégagement d’office encouru : ${formatEurosFr(remaining)} de la tranche ${tranche} n’ont pas été payés au 31/12/${tranche + 3}`
            : `ce qui n’est pas payé au 31/12/${tranche + 3} est dégagé d’office (règle n+3) : demandes de paiement à déposer avant`,
        funders: [{ code: funder, name: nameOf(state, funder) }],
        ref: `n3-${funder}-${tranche}`,
        ...money(remaining),
      });
    }
  }
  for (const c of state.commitments.values()) {
    const deadline = caducity(state, c, asOf, until);
    if (deadline && whose(c.funder)) deadlines.push(deadline);
  }
  return deadlines;
}

/**
 * A State subsidy for works lapses when the works have not started two years after its notification (the act that
 * made it firm). The ledger knows a start only by a payment (an advance or an instalment comes after the start is
 * declared): a firm subsidy with no payment is told, on the day two years after its act.
 */
function caducity(state: CommitmentsState, c: Commitment, asOf: string, until: string): Deadline | undefined {
  if (c.status !== 'firm' || !c.act || c.payments.length > 0 || categoryOf(state, c.funder) !== 'state') return;
  const operation = c.attribution.operation ? state.operations.get(c.attribution.operation) : undefined;
  if (!operation?.nature || !(WORKS_NATURES as readonly string[]).includes(operation.nature)) return;
  const due = addMonths(c.act.date, 24);
  const when = dated(due, asOf, until);
  if (!when) return;
  const decree = subsidyDecree(c.act.date);
  return {
    due,
    from: c.act.date,
    ...when,
    kind: 'caducite',
    kindLabel: 'caducité d’une subvention de l’État',
    label: `${c.attribution.label} : commencement des travaux à déclarer`,
    effect: `sans commencement d’exécution deux ans après la notification (${c.act.reference} du ${c.act.date.split('-').reverse().join('/')}), la subvention est caduque (${decree.text}, ${decree.article}) ; aucun paiement n’est enregistré qui en atteste`,
    funders: [{ code: c.funder, name: nameOf(state, c.funder) }],
    ref: `caducite-${c.id}`,
    act: c.act.reference,
    commitmentId: c.id,
    ...money(c.amountCents),
  };
}
