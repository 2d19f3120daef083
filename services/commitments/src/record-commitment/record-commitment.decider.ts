import { formatEurosFr, type Cents } from '@cvl/money';
import {
  checkAmount,
  checkTrace,
  commitmentAccount,
  decimal,
  knownFunder,
  notBefore,
  reasonFor,
  RECORDING_REASONS,
  transferId,
  tryBookings,
  type DecisionContext,
} from '../domain/booking';
import { checkAttribution, readStated } from '../domain/attribution';
import type { BookingRequest, CommitmentAttribution, CommitmentsEvent, StatedFigure } from '../domain/events';
import { isRefusal, type Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';
import { accountOf, type CommitmentSchedule, type CommitmentsState } from '../domain/state';
import type { BookingTrace, LegalAct } from '../domain/trace';

export interface RecordCommitment {
  commitmentId: string;
  funder: string;
  envelopeId?: string;
  status: 'indicative' | 'conditional' | 'firm';
  conditionId?: string;
  act?: LegalAct;
  amountCents: Cents;
  /** Held at a larger scale or for unnamed partners, to be split later. */
  isPool?: boolean;
  attribution: CommitmentAttribution;
  stated?: StatedFigure;
  /** When another service asked for this booking. */
  request?: BookingRequest;
  /** The years it covers (a window stays a window) and the payments it plans in each. */
  schedule?: CommitmentSchedule;
  trace: BookingTrace;
}

/** A schedule within its window, its years in order, its planned payments within the amount. */
function checkSchedule(schedule: CommitmentSchedule | undefined, amountCents: Cents): Refusal | undefined {
  if (!schedule) return undefined;
  if (schedule.toYear < schedule.fromYear)
    return refuse(
      'schedule-invalid',
      `L’échéancier finit (${schedule.toYear}) avant de commencer (${schedule.fromYear})`,
      {
        field: 'schedule.toYear',
      },
    );
  for (const [index, planned] of schedule.planned.entries()) {
    if (planned.year < schedule.fromYear || planned.year > schedule.toYear)
      return refuse(
        'schedule-invalid',
        `Paiement prévu en ${planned.year}, hors des années couvertes (${schedule.fromYear}-${schedule.toYear})`,
        { field: `schedule.planned[${index}].year` },
      );
    if (planned.amountCents <= 0n)
      return refuse('schedule-invalid', 'Un paiement prévu est strictement positif', {
        field: `schedule.planned[${index}].amount`,
      });
  }
  const planned = schedule.planned.reduce((sum, p) => sum + p.amountCents, 0n);
  if (planned > amountCents)
    return refuse(
      'schedule-invalid',
      `Les paiements prévus (${formatEurosFr(planned)}) dépassent le montant de l’engagement (${formatEurosFr(amountCents)}) de ${formatEurosFr(planned - amountCents)}`,
      { field: 'schedule.planned', excessCents: planned - amountCents },
    );
  return undefined;
}

/**
 * Records a commitment: indicative and conditional ones reserve the amount (pending transfer), a firm one books it.
 * Against an envelope, what would exceed it is refused with the excess.
 */
export function decideRecordCommitment(
  command: RecordCommitment,
  state: CommitmentsState,
  context: DecisionContext,
): CommitmentsEvent[] | Refusal {
  const problem =
    checkTrace(command.trace) ??
    reasonFor(command.trace, RECORDING_REASONS, 'une inscription') ??
    checkAmount(command.amountCents) ??
    knownFunder(state, command.funder) ??
    checkAttribution(state, command.attribution);
  if (problem) return problem;
  if (state.commitments.has(command.commitmentId)) {
    return refuse('commitment-exists', `L’engagement ${command.commitmentId} existe déjà`, {
      field: 'commitmentId',
    });
  }
  if (command.envelopeId) {
    const envelope = state.envelopes.get(command.envelopeId);
    if (!envelope)
      return refuse('unknown-envelope', `Enveloppe inconnue : ${command.envelopeId}`, { field: 'envelopeId' });
    if (envelope.funder !== command.funder) {
      return refuse(
        'envelope-of-another-funder',
        `L’enveloppe « ${envelope.label} » appartient à ${envelope.funder}, pas à ${command.funder}`,
        { field: 'envelopeId' },
      );
    }
  }
  if (command.status === 'conditional') {
    if (!command.conditionId)
      return refuse('condition-required', 'Un engagement conditionnel nomme sa condition', { field: 'conditionId' });
    const condition = state.conditions.get(command.conditionId);
    if (!condition)
      return refuse('unknown-condition', `Condition inconnue : ${command.conditionId}`, { field: 'conditionId' });
    if (condition.status !== 'open')
      return refuse(
        'condition-resolved',
        `La condition « ${condition.label} » est déjà levée (${condition.status === 'met' ? 'remplie' : 'défaillie'})`,
        { field: 'conditionId' },
      );
  } else if (command.conditionId) {
    return refuse('condition-not-allowed', 'Seul un engagement conditionnel nomme une condition', {
      field: 'conditionId',
    });
  }
  if (command.status === 'firm' && !command.act) {
    return refuse('act-required', 'Un engagement ferme cite son acte juridique (convention, arrêté, décision)', {
      field: 'act',
    });
  }
  // A firm commitment exists from its act: booked as effective earlier, it would show in `asOf` views before it did.
  const beforeAct =
    command.status === 'firm' && command.act
      ? notBefore(command.trace.effectiveDate, command.act.date, 'à l’acte qui le rend ferme')
      : undefined;
  if (beforeAct) return beforeAct;
  const stated = readStated(command.stated);
  if (isRefusal(stated)) return stated;
  const badSchedule = checkSchedule(command.schedule, command.amountCents);
  if (badSchedule) return badSchedule;

  const fundingAccount = command.envelopeId
    ? accountOf.envelope(command.envelopeId)
    : accountOf.funderResources(command.funder);
  const accounts = [commitmentAccount(command.commitmentId)];
  const id = transferId(context, 0);
  const transfers = [
    {
      id,
      phase: command.status === 'firm' ? ('single' as const) : ('pending' as const),
      debit: fundingAccount,
      credit: accountOf.commitment(command.commitmentId),
      amount: decimal(command.amountCents),
    },
  ];
  const booked = tryBookings(state, accounts, transfers, command.trace);
  if (isRefusal(booked)) return booked;
  return [
    {
      type: 'commitments.commitment-recorded',
      data: {
        commitmentId: command.commitmentId,
        ...(command.request ? { request: command.request } : {}),
        funder: command.funder,
        ...(command.envelopeId ? { envelopeId: command.envelopeId } : {}),
        status: command.status,
        ...(command.conditionId ? { conditionId: command.conditionId } : {}),
        ...(command.act ? { act: command.act } : {}),
        amount: decimal(command.amountCents),
        isPool: command.isPool ?? false,
        fundingAccount,
        ...(command.status === 'firm' ? {} : { pendingTransferId: id }),
        attribution: command.attribution,
        ...(stated ? { stated } : {}),
        ...(command.schedule
          ? {
              schedule: {
                fromYear: command.schedule.fromYear,
                toYear: command.schedule.toYear,
                planned: command.schedule.planned.map((p) => ({ year: p.year, amount: decimal(p.amountCents) })),
              },
            }
          : {}),
        trace: command.trace,
        accounts,
        transfers,
        commitmentIds: [command.commitmentId],
      },
    },
  ];
}
