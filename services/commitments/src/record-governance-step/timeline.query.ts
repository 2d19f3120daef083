import { NotFoundException } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import { formatEurosFr } from '@cvl/money';
import type { Access } from '@cvl/platform';
import { LedgerQuery, LedgerQueryHandler } from '../application/ledger-use-case';
import type { GovernanceKind, GovernanceStepRecorded } from '../domain/events';
import { referenceKey, type CommitmentsState } from '../domain/state';
import { seesCommitment } from '../http/access';

export const GOVERNANCE_KIND_LABELS: Record<GovernanceKind | 'acte' | 'paiement' | 'condition-levee', string> = {
  periode: 'période du contrat',
  deliberation: 'délibération',
  signature: 'signature',
  avenant: 'avenant',
  revoyure: 'clause de revoyure',
  condition: 'condition suspensive',
  comite: 'comité',
  programmation: 'programmation annuelle',
  acte: 'acte juridique d’un engagement',
  paiement: 'paiement',
  'condition-levee': 'condition levée',
};

const STATUS_LABELS = { realise: 'réalisé', prevu: 'prévu', attendu: 'attendu' } as const;

export interface TimelineEntry {
  from: string;
  to: string;
  kind: keyof typeof GOVERNANCE_KIND_LABELS;
  kindLabel: string;
  label: string;
  status: keyof typeof STATUS_LABELS;
  statusLabel: string;
  recurrence?: string;
  effect: string;
  funders: Array<{ code: string; name: string }>;
  /** Where it comes from: a governance step of the document, or a fact of the ledger (an act, a payment). */
  origin: 'gouvernance' | 'grand-livre';
  ref: string;
  line?: number;
  act?: string;
}

/**
 * The contract's timeline — its governance steps and the ledger's dated facts (acts that made commitments firm,
 * payments, conditions met or failed) — for the whole contract or one funder (its steps and the contract's own).
 */
export function timeline(state: CommitmentsState, funder: string | undefined, access: Access): TimelineEntry[] {
  const name = (code: string) => ({ code, name: state.references.get(referenceKey('funder', code))?.name ?? code });
  const entries: TimelineEntry[] = [];
  for (const step of state.governance.values()) {
    if (funder !== undefined && step.funders.length > 0 && !step.funders.includes(funder)) continue;
    if (!access.all && step.funders.length > 0 && !step.funders.includes(access.organisation)) continue;
    entries.push(governanceEntry(step, name));
  }
  for (const c of state.commitments.values()) {
    if ((funder !== undefined && c.funder !== funder) || !seesCommitment(access, c)) continue;
    if (c.act)
      entries.push({
        from: c.act.date,
        to: c.act.date,
        kind: 'acte',
        kindLabel: GOVERNANCE_KIND_LABELS.acte,
        label: `${c.attribution.label} : ferme par « ${c.act.reference} »`,
        status: 'realise',
        statusLabel: STATUS_LABELS.realise,
        effect: `engagement ferme de ${formatEurosFr(c.amountCents)}`,
        funders: [name(c.funder)],
        origin: 'grand-livre',
        ref: c.id,
        act: c.act.reference,
      });
    for (const payment of c.payments)
      entries.push({
        from: payment.effectiveDate,
        to: payment.effectiveDate,
        kind: 'paiement',
        kindLabel: GOVERNANCE_KIND_LABELS.paiement,
        label: `${c.attribution.label} : ${payment.kind}`,
        status: 'realise',
        statusLabel: STATUS_LABELS.realise,
        effect: `${formatEurosFr(payment.amountCents)} payés`,
        funders: [name(c.funder)],
        origin: 'grand-livre',
        ref: `${c.id}:${payment.id}`,
      });
  }
  for (const condition of state.conditions.values()) {
    if (!condition.resolvedOn) continue;
    const concerned = [...state.commitments.values()].filter(
      (c) =>
        c.conditionId === condition.id && (funder === undefined || c.funder === funder) && seesCommitment(access, c),
    );
    if (concerned.length === 0 && (funder !== undefined || !access.all)) continue;
    entries.push({
      from: condition.resolvedOn,
      to: condition.resolvedOn,
      kind: 'condition-levee',
      kindLabel: GOVERNANCE_KIND_LABELS['condition-levee'],
      label: `${condition.label} : ${condition.status === 'met' ? 'remplie' : 'défaillie'}`,
      status: 'realise',
      statusLabel: STATUS_LABELS.realise,
      effect: `${concerned.length} engagement(s) libéré(s) de la condition`,
      funders: [...new Set(concerned.map((c) => c.funder))].map(name),
      origin: 'grand-livre',
      ref: condition.id,
    });
  }
  return entries.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.ref.localeCompare(b.ref));
}

function governanceEntry(
  step: GovernanceStepRecorded,
  name: (code: string) => { code: string; name: string },
): TimelineEntry {
  const source = step.trace.source;
  return {
    from: step.window.from,
    to: step.window.to,
    kind: step.kind,
    kindLabel: GOVERNANCE_KIND_LABELS[step.kind],
    label: step.label,
    status: step.status,
    statusLabel: STATUS_LABELS[step.status],
    ...(step.recurrence ? { recurrence: step.recurrence } : {}),
    effect: step.effect,
    funders: step.funders.map(name),
    origin: 'gouvernance',
    ref: step.stepId,
    ...(source.kind === 'document' ? { line: source.line } : { act: source.reference }),
  };
}

export interface TimelineView {
  funder?: { code: string; name: string };
  entries: TimelineEntry[];
}

export class TimelineQuery extends LedgerQuery<'timeline', { access: Access; funder?: string }, TimelineView> {
  readonly type = 'timeline';
}

/** The timeline of the contract, or of one funder: a financeur reads its own, the contract's team and auditors any. */
export function timelineView(state: CommitmentsState, access: Access, funder?: string): TimelineView {
  if (funder !== undefined) {
    access.requireFor(
      'financeur',
      funder,
      `${access.organisation} ne lit que sa propre chronologie, pas celle de ${funder}`,
    );
    const known = state.references.get(referenceKey('funder', funder));
    if (!known) throw new NotFoundException(`Financeur inconnu : ${funder}`);
    return { funder: { code: funder, name: known.name }, entries: timeline(state, funder, access) };
  }
  return { entries: timeline(state, undefined, access) };
}

@QueryHandler(TimelineQuery)
export class TimelineQueryHandler extends LedgerQueryHandler<TimelineQuery, TimelineView> {
  protected read({ access, funder }: TimelineQuery['params'], state: CommitmentsState): TimelineView {
    return timelineView(state, access, funder);
  }
}
