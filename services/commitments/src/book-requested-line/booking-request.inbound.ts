import { lineKey, type BookingRequested } from '@cvl/contracts';
import { fromDecimalString } from '@cvl/money';
import type { BookingRequest } from '../domain/events';
import type { ActorRef } from '@cvl/ledger';
import type { BookingTrace } from '../domain/trace';
import type { DeclareOperation } from '../declare-operation/declare-operation.decider';
import type { RequestedCommand } from './book-requested-line.decider';

/** The registry's operation a request names, as the ledger declares it (or adds the programme's reference to it). */
function operationOf(message: BookingRequested, trace: BookingTrace): DeclareOperation | undefined {
  const operation = message.operation;
  if (!operation) return undefined;
  return {
    operationId: operation.id,
    label: operation.label,
    projectOwner: operation.projectOwner,
    quartiers: operation.quartier ? [operation.quartier] : [],
    ...(operation.nature ? { nature: operation.nature } : {}),
    eligibleBaseCents: fromDecimalString(operation.eligibleBase),
    ...(operation.start ? { start: operation.start } : {}),
    ...(operation.end ? { end: operation.end } : {}),
    references: [
      { system: message.request.source, reference: `${message.request.programme}:${message.request.operation}` },
    ],
    trace: { ...trace, reasonCode: 'referentiel' },
  };
}

/**
 * The ledger's commands for one `commitments.booking-requested`: one per line, in the ledger's words. Whatever the
 * programme, the same reading: the ledger learns who asks from the request's key, never from a programme's name,
 * and names the commitment after the key (`<source>.<dossier>.<operation>.v<version>.<funder>`).
 */
export function commandsOfRequest(
  message: BookingRequested,
  actor: ActorRef,
  recordedAt: string,
): Array<{ commandKey: string; command: RequestedCommand }> {
  const key = message.request;
  const reasonCode = (status?: 'indicative' | 'firm') =>
    message.movement === 'payment'
      ? 'paiement'
      : message.movement === 'release'
        ? 'degagement'
        : status === 'firm'
          ? 'engagement-juridique'
          : 'previsionnel';
  return message.lines.map((line) => {
    const request: BookingRequest = {
      requestId: lineKey(key, line.funder),
      source: key.source,
      protocolId: key.programme,
      operationId: key.operation,
      version: key.version,
      step: key.step,
    };
    const trace: BookingTrace = {
      actor,
      reasonCode: reasonCode(line.status),
      effectiveDate: message.trace.effectiveDate,
      recordedAt,
      source: message.trace.source,
      memo:
        message.trace.memo ??
        `Demande ${key.source} — ${key.programme} / ${key.operation}, version ${key.version} (${key.step})`,
    };
    const amountCents = fromDecimalString(line.amount);
    const commandKey = `booking-request:${request.requestId}`;
    if (message.movement === 'commitment') {
      const attribution = message.attribution ?? { label: key.operation };
      return {
        commandKey,
        command: {
          movement: 'commitment',
          line: {
            request,
            commitmentId: `${key.source}.${key.programme}.${key.operation}.v${key.version}.${line.funder}`,
            funder: line.funder,
            amountCents,
            status: line.status ?? 'indicative',
            ...(line.act ? { act: line.act } : {}),
            label: `${attribution.label} — ${line.funder}`,
            ...(attribution.quartier ? { quartier: attribution.quartier } : {}),
            ...(attribution.programme ? { programme: attribution.programme } : {}),
            ...(attribution.stake ? { stake: attribution.stake } : {}),
            ...(attribution.objective ? { objective: attribution.objective } : {}),
            ...(line.envelope ? { envelopeId: line.envelope } : {}),
            ...(message.operation ? { operation: operationOf(message, trace) } : {}),
            year: Number(message.trace.effectiveDate.slice(0, 4)),
            trace,
          },
        },
      };
    }
    return {
      commandKey,
      command: {
        movement: message.movement,
        line: {
          request,
          funder: line.funder,
          kind: message.movement,
          amountCents,
          ...(message.payment
            ? { paymentKind: message.payment.kind, serviceDoneDate: message.payment.serviceDoneDate }
            : {}),
          trace,
        },
      },
    };
  });
}
