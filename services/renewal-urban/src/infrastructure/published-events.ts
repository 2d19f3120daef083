import type { BookingRequested } from '@cvl/contracts';
import { programmeTranslator, type OutboundTranslator } from '@cvl/messaging';
import type { RenewalEvent } from '../domain/events';
import { WITHDRAWAL_STEP } from '../domain/state';

/** How renewal-urban names itself in its booking requests; the ledger answers it on its own topic. */
export const RENEWAL_SOURCE = 'renewal-urban';

/** The ledger's programme code the NPNRU lines are attributed to (its referential). */
const NPNRU_PROGRAMME = 'npnru';

type Approved = Extract<RenewalEvent, { type: 'renewal-urban.financing-plan-approved' }>['data'];

/**
 * An approved financing plan, as the ledger is asked to book it: every funder line, indicative before the
 * signature and firm after — then on the act in force, which is what dates it.
 */
export function bookingRequestOf(plan: Approved): BookingRequested | undefined {
  if (plan.lines.length === 0) return undefined;
  const firm = plan.bookingStatus === 'firm' && plan.act !== undefined;
  return {
    request: {
      source: RENEWAL_SOURCE,
      programme: plan.protocolId,
      operation: plan.operationId,
      version: plan.planVersion,
      step: 'approbation',
    },
    movement: 'commitment',
    attribution: {
      label: plan.label,
      quartier: plan.quartier,
      programme: NPNRU_PROGRAMME,
      ...(plan.stake ? { stake: plan.stake } : {}),
      ...(plan.objective ? { objective: plan.objective } : {}),
    },
    ...(plan.operation
      ? {
          operation: {
            id: plan.operation.id,
            label: plan.label,
            projectOwner: plan.operation.projectOwner,
            quartier: plan.quartier,
            nature: plan.operation.nature,
            eligibleBase: plan.operation.eligibleBase,
            start: plan.operation.start,
            end: plan.operation.end,
          },
        }
      : {}),
    lines: plan.lines.map((line) => ({
      funder: line.funder,
      amount: line.amount,
      status: firm ? 'firm' : 'indicative',
      ...(firm && plan.act ? { act: plan.act } : {}),
    })),
    trace: {
      effectiveDate: firm && plan.act ? plan.act.date : plan.trace.effectiveDate,
      source:
        firm && plan.act ? { kind: 'act', reference: plan.act.reference, date: plan.act.date } : plan.trace.source,
      memo: `Plan de financement de l’opération ${plan.operationId} (version ${plan.planVersion}) approuvé — protocole ${plan.protocolId}`,
    },
  };
}

type Withdrawn = Extract<RenewalEvent, { type: 'renewal-urban.operation-withdrawn' }>['data'];

/**
 * A withdrawn operation, as the ledger is asked to release what its plan booked: each booked line, whole, on the
 * commitment the plan's version booked (dated by the avenant once the protocol is signed).
 */
export function releaseRequestOf(withdrawn: Withdrawn): BookingRequested | undefined {
  if (withdrawn.released.length === 0 || withdrawn.planVersion === undefined) return undefined;
  return {
    request: {
      source: RENEWAL_SOURCE,
      programme: withdrawn.protocolId,
      operation: withdrawn.operationId,
      version: withdrawn.planVersion,
      step: WITHDRAWAL_STEP,
    },
    movement: 'release',
    lines: withdrawn.released.map((line) => ({ funder: line.funder, amount: line.amount })),
    trace: {
      effectiveDate: withdrawn.act?.date ?? withdrawn.trace.effectiveDate,
      source: withdrawn.act
        ? { kind: 'act', reference: withdrawn.act.reference, date: withdrawn.act.date }
        : withdrawn.trace.source,
      memo: `Opération ${withdrawn.operationId} retirée du protocole ${withdrawn.protocolId}`,
    },
  };
}

/** renewal-urban's events on its topic as they are stored, and its booking requests. */
export const publishedRenewalEvents: OutboundTranslator = programmeTranslator(RENEWAL_SOURCE, (event) =>
  event.type === 'renewal-urban.financing-plan-approved'
    ? bookingRequestOf(event.data as unknown as Approved)
    : event.type === 'renewal-urban.operation-withdrawn'
      ? releaseRequestOf(event.data as unknown as Withdrawn)
      : undefined,
);
