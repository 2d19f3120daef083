import type { BookingRequested } from '@cvl/contracts';
import { programmeTranslator, type OutboundTranslator } from '@cvl/messaging';
import { coFunderStep, isCoFunderStep } from '../domain/operations';
import type { ItiEvent } from '../domain/events';

/** How ITI-FEDER names itself in its booking requests; the ledger answers it on its own topic. */
export const ITI_SOURCE = 'iti-feder';

/** Whether a step's requests book lines (programming, the FEDER convention, a co-funder's own act), or pay or release what they booked. */
export const booksLines = (step: string) => ['programmation', 'convention'].includes(step) || isCoFunderStep(step);

/** The ledger's programme code ITI lines are attributed to, and the envelope of an axis in its referential. */
const ITI_PROGRAMME = 'iti-feder';
const axisEnvelope = (axis: number) => `iti-feder-axe-${axis}`;

/** ITI operations have one financing (no plan versions): every request is at version 1. */
const VERSION = 1;

type Data<T extends ItiEvent['type']> = Extract<ItiEvent, { type: T }>['data'];

const key = (programmeId: string, operationId: string, step: string): BookingRequested['request'] => ({
  source: ITI_SOURCE,
  programme: programmeId,
  operation: operationId,
  version: VERSION,
  step,
});
const memo = (operationId: string, what: string) => `ITI-FEDER — opération ${operationId} (${what})`;

/** What ITI-FEDER asks the ledger for, given one of its events: programming, agreement, payment, release. */
export function bookingRequestOf(event: ItiEvent): BookingRequested | undefined {
  switch (event.type) {
    case 'iti-feder.operation-programmed': {
      const d: Data<'iti-feder.operation-programmed'> = event.data;
      return {
        request: key(d.programmeId, d.operationId, 'programmation'),
        movement: 'commitment',
        attribution: { label: d.label, quartier: d.quartier, programme: ITI_PROGRAMME },
        ...(d.operation
          ? {
              operation: {
                id: d.operation.id,
                label: d.label,
                projectOwner: d.operation.projectOwner,
                quartier: d.quartier,
                eligibleBase: d.operation.eligibleBase,
              },
            }
          : {}),
        lines: d.lines.map((line) => ({
          funder: line.funder,
          amount: line.amount,
          status: 'indicative',
          // The FEDER line draws on its axis's envelope; a co-funder on the envelope its application named, else
          // on its envelope for the programme, if any.
          ...(line.funder === 'feder'
            ? { envelope: axisEnvelope(d.axis) }
            : line.envelope
              ? { envelope: line.envelope }
              : {}),
        })),
        trace: {
          effectiveDate: d.trace.effectiveDate,
          source: d.trace.source,
          memo: memo(d.operationId, 'programmation'),
        },
      };
    }
    case 'iti-feder.grant-agreed': {
      const d: Data<'iti-feder.grant-agreed'> = event.data;
      return {
        request: key(d.programmeId, d.operationId, 'convention'),
        movement: 'commitment',
        attribution: { label: d.operationId, programme: ITI_PROGRAMME },
        lines: d.lines.map((line) => ({ funder: line.funder, amount: line.amount, status: 'firm', act: d.act })),
        trace: {
          effectiveDate: d.act.date,
          source: { kind: 'act', reference: d.act.reference, date: d.act.date },
          memo: memo(d.operationId, 'convention'),
        },
      };
    }
    case 'iti-feder.co-funder-committed': {
      const d: Data<'iti-feder.co-funder-committed'> = event.data;
      return {
        request: key(d.programmeId, d.operationId, coFunderStep(d.funder)),
        movement: 'commitment',
        attribution: { label: d.operationId, programme: ITI_PROGRAMME },
        lines: [{ funder: d.funder, amount: d.amount, status: 'firm', act: d.act }],
        trace: {
          effectiveDate: d.act.date,
          source: { kind: 'act', reference: d.act.reference, date: d.act.date },
          memo: memo(d.operationId, `engagement de ${d.funder}`),
        },
      };
    }
    case 'iti-feder.payment-made': {
      const d: Data<'iti-feder.payment-made'> = event.data;
      return {
        request: key(d.programmeId, d.operationId, `paiement-${d.claimId}`),
        movement: 'payment',
        lines: [{ funder: 'feder', amount: d.amount }],
        payment: { kind: d.kind, serviceDoneDate: d.serviceDoneDate },
        trace: { effectiveDate: d.trace.effectiveDate, source: d.trace.source, memo: memo(d.operationId, 'paiement') },
      };
    }
    case 'iti-feder.unused-released': {
      const d: Data<'iti-feder.unused-released'> = event.data;
      return {
        request: key(d.programmeId, d.operationId, 'degagement'),
        movement: 'release',
        lines: [{ funder: 'feder', amount: d.amount }],
        trace: {
          effectiveDate: d.trace.effectiveDate,
          source: d.trace.source,
          memo: memo(d.operationId, 'dégagement'),
        },
      };
    }
    default:
      return undefined;
  }
}

/** ITI-FEDER's events on its topic as they are stored, and its booking requests. */
export const publishedItiEvents: OutboundTranslator = programmeTranslator(ITI_SOURCE, (event) =>
  bookingRequestOf({ type: event.type, data: event.data } as unknown as ItiEvent),
);
