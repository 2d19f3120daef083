import { rateBasisPointsOrNone, toDecimalString, type Cents } from '@cvl/money';
import { figuresOf } from '../domain/figures';
import { referenceKey, type Commitment, type CommitmentsState } from '../domain/state';

/**
 * The lines 74 « Subventions d'exploitation » of the CERFA n° 15059 (compte rendu financier de subvention), in its
 * order, and the funders' categories (reference data) that go on each; what is no subsidy goes below them.
 */
const PRODUCT_LINES: ReadonlyArray<[string, readonly string[]]> = [
  ['74 — État', ['state']],
  ['74 — Région(s)', ['region']],
  ['74 — Département(s)', ['department']],
  ['74 — Intercommunalité(s) : EPCI', ['epci']],
  ['74 — Commune(s)', ['commune']],
  ['74 — Organismes sociaux (CAF, etc.)', ['caf']],
  ['74 — Fonds européens (FSE, FEDER, etc.)', ['eu']],
  ['74 — Autres établissements publics', ['anru', 'cdc', 'chamber']],
  ['Fonds propres et autres ressources du porteur (bailleurs, etc.)', ['landlord']],
  ['Non ventilé (enveloppes communes)', ['pool']],
];
const OTHER = 'Autres ressources';

/** Basis points of `part` in `whole`, rounded half up; undefined when there is no whole to compare with. */
const rateOf = (part: Cents, whole: Cents) => {
  const rate = rateBasisPointsOrNone(part, whole);
  return rate === undefined ? undefined : Number(rate);
};

const committedCents = (c: Commitment) => {
  const f = figuresOf(c);
  return f.indicativeCents + f.conditionalCents + f.firmCents;
};

/**
 * The compte rendu financier of a subsidy (CERFA n° 15059, docs/formats-des-financeurs.md): the subsidy, the action
 * it finances (its operation in the registry: the beneficiary, the base, the calendar) and the action's resources
 * as the CERFA lists them — planned (what each funder committed) and realised (what it paid) — with each State
 * funder on a line of its own, as the form asks the ministry or service to be named. The charges by nature (60 to
 * 68) are the beneficiary's to fill in: the registry holds the base, not the accounts.
 */
export function subsidyReport(state: CommitmentsState, subsidy: Commitment) {
  const nameOf = (code: string) => state.references.get(referenceKey('funder', code))?.name ?? code;
  const categoryOf = (code: string) => {
    const category = state.references.get(referenceKey('funder', code))?.attributes.category;
    return typeof category === 'string' ? category : '';
  };
  const operation = subsidy.attribution.operation ? state.operations.get(subsidy.attribution.operation) : undefined;
  const financing = (operation?.commitmentIds ?? [subsidy.id])
    .map((id) => state.commitments.get(id))
    .filter((c): c is Commitment => c !== undefined && c.status !== 'lapsed');
  // Each product line with its place in the form (PRODUCT_LINES' order, what fits none last).
  const products: Array<{ line: string; rank: number; plannedCents: Cents; realisedCents: Cents }> = [];
  const add = (line: string, rank: number, c: Commitment) => {
    const found = products.find((p) => p.line === line);
    const entry = found ?? { line, rank, plannedCents: 0n, realisedCents: 0n };
    entry.plannedCents += committedCents(c);
    entry.realisedCents += c.paidCents;
    if (!found) products.push(entry);
  };
  for (const c of financing) {
    const category = categoryOf(c.funder);
    const found = PRODUCT_LINES.findIndex(([, categories]) => categories.includes(category));
    const rank = found === -1 ? PRODUCT_LINES.length : found;
    // The State's line names the ministry or service, as the form asks: one line per State funder.
    add(category === 'state' ? `74 — État : ${nameOf(c.funder)}` : (PRODUCT_LINES[found]?.[0] ?? OTHER), rank, c);
  }
  products.sort((a, b) => a.rank - b.rank || a.line.localeCompare(b.line));
  const plannedCents = products.reduce((sum, p) => sum + p.plannedCents, 0n);
  const realisedCents = products.reduce((sum, p) => sum + p.realisedCents, 0n);
  const euros = (cents: Cents) => toDecimalString(cents);
  return {
    subsidy: {
      commitmentId: subsidy.id,
      funder: subsidy.funder,
      funderName: nameOf(subsidy.funder),
      label: subsidy.attribution.label,
      year: subsidy.attribution.year,
      status: subsidy.status,
      amount: euros(committedCents(subsidy)),
      paid: euros(subsidy.paidCents),
      ...(subsidy.act ? { act: subsidy.act } : {}),
    },
    action: {
      label: operation?.label ?? subsidy.attribution.label,
      beneficiary: operation ? nameOf(operation.projectOwner) : (subsidy.attribution.projectOwner ?? ''),
      ...(operation ? { operationId: operation.id, eligibleBase: euros(operation.eligibleBaseCents) } : {}),
      ...(operation?.start ? { start: operation.start } : {}),
      ...(operation?.end ? { end: operation.end } : {}),
    },
    products: products.map((p) => ({
      line: p.line,
      planned: euros(p.plannedCents),
      realised: euros(p.realisedCents),
      ...(rateOf(p.realisedCents, p.plannedCents) !== undefined
        ? { realisedRateBasisPoints: rateOf(p.realisedCents, p.plannedCents) as number }
        : {}),
    })),
    totals: {
      planned: euros(plannedCents),
      realised: euros(realisedCents),
      ...(rateOf(realisedCents, plannedCents) !== undefined
        ? { realisedRateBasisPoints: rateOf(realisedCents, plannedCents) as number }
        : {}),
    },
  };
}

export type SubsidyReport = ReturnType<typeof subsidyReport>;
