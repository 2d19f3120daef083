import { randomUUID } from 'node:crypto';
import { HttpException, Injectable } from '@nestjs/common';
import { fromDecimalString } from '@cvl/money';
import { currentActor, currentContext, DomainRefusal, type Access } from '@cvl/platform';
import type { Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';
import { AmendCommitmentCommand, AmendCommitmentHandler } from '../amend-commitment/amend-commitment.handler';
import type { LedgerCommand, LedgerCommandHandler } from '../application/ledger-use-case';
import { declareOperationOf, type DeclareOperationDto } from '../declare-operation/declare-operation.dto';
import { DeclareOperationCommand, DeclareOperationHandler } from '../declare-operation/declare-operation.handler';
import type { CommitmentsState } from '../domain/state';
import type { BookingTrace, LegalAct, ReasonCode } from '../domain/trace';
import { BatchRefusal, CommitmentsLedger } from '../infrastructure/commitments-ledger';
import { coFinancingRuleOf, type CoFinancingRuleDto } from '../record-co-financing-rule/record-co-financing-rule.dto';
import {
  RecordCoFinancingRuleCommand,
  RecordCoFinancingRuleHandler,
} from '../record-co-financing-rule/record-co-financing-rule.handler';
import { recordCommitmentOf, type RecordCommitmentDto } from '../record-commitment/record-commitment.dto';
import { RecordCommitmentCommand, RecordCommitmentHandler } from '../record-commitment/record-commitment.handler';
import { ReleaseCommitmentCommand, ReleaseCommitmentHandler } from '../release-commitment/release-commitment.handler';
import { poolPartsOf, type PoolPartDto } from '../split-pool/split-pool.dto';
import { SplitPoolCommand, SplitPoolHandler } from '../split-pool/split-pool.handler';
import type { AvenantDraft, DraftChange } from './avenant-draft';
import { avenantImpact, fundersConcerned } from './avenant-impact';
import { simulateAvenant, type SimulationStep } from './simulate-avenant';

/**
 * On what basis a draft's changes are decided: the act they cite (the draft itself while it is one, the signed
 * avenant once signed) and who asks. The same changes give the same commands either way: what is simulated is what
 * will be booked.
 */
export interface ChangeBasis {
  act: LegalAct;
  access: Access;
}

/** The act a draft stands for until it is signed: its title, dated the day it is simulated. */
export function draftAct(draft: Pick<AvenantDraft, 'id' | 'title'>, today: string): LegalAct {
  return { reference: `Projet d’avenant « ${draft.title} » (${draft.id})`, date: today };
}

type AnyLedgerCommand = LedgerCommand<string, unknown>;

interface Built {
  command: AnyLedgerCommand;
  handler: LedgerCommandHandler<AnyLedgerCommand>;
  subject: string;
  fieldPrefix?: string;
}

/** A guard's answer (who may act, a commitment booked by a programme) as a refusal the simulation can tell. */
function refusalOfGuard(error: unknown): Refusal {
  // The guard's own refusal, as it would answer the route: its code, kind and title, not a new one.
  if (error instanceof DomainRefusal)
    return {
      refused: true,
      code: error.code,
      message: error.message,
      kind: error.status === 404 ? 'unknown' : error.status === 409 ? 'conflict' : 'rule',
      title: error.title,
    };
  if (error instanceof HttpException) return refuse('draft-forbidden', error.message);
  throw error;
}

/**
 * Turns a draft's changes into the commands their routes dispatch, decided by those commands' own handlers: the
 * simulation adds no rule of its own, and signing books exactly what was simulated.
 */
@Injectable()
export class AvenantSimulator {
  constructor(
    readonly ledger: CommitmentsLedger,
    private readonly amend: AmendCommitmentHandler,
    private readonly record: RecordCommitmentHandler,
    private readonly release: ReleaseCommitmentHandler,
    private readonly split: SplitPoolHandler,
    private readonly declare: DeclareOperationHandler,
    private readonly rule: RecordCoFinancingRuleHandler,
  ) {}

  private build(change: DraftChange, basis: ChangeBasis): Built {
    const trace = (reasonCode: ReasonCode): BookingTrace => ({
      actor: currentActor(),
      reasonCode,
      ...(change.memo ? { memo: change.memo } : {}),
      effectiveDate: change.effectiveDate,
      recordedAt: new Date().toISOString(),
      source: { kind: 'act', reference: basis.act.reference, date: basis.act.date },
    });
    const on = (commitmentId: string) => ({ access: basis.access, commitmentId });
    const as = <C extends AnyLedgerCommand>(handler: LedgerCommandHandler<C>) =>
      handler as unknown as LedgerCommandHandler<AnyLedgerCommand>;
    const id = change.commitmentId as string;
    switch (change.action) {
      case 'modifier-montant': {
        const kind = change.kind ?? 'avenant';
        return {
          command: new AmendCommitmentCommand(
            {
              commitmentId: id,
              kind,
              newAmountCents: fromDecimalString(change.newAmount as string),
              act: basis.act,
              trace: trace(kind),
            },
            on(id),
          ),
          handler: as(this.amend),
          subject: `engagement ${id}`,
        };
      }
      case 'degager':
        return {
          command: new ReleaseCommitmentCommand(
            {
              commitmentId: id,
              ...(change.amount ? { amountCents: fromDecimalString(change.amount) } : {}),
              trace: trace('degagement'),
            },
            on(id),
          ),
          handler: as(this.release),
          subject: `engagement ${id}`,
        };
      case 'ventiler':
        return {
          command: new SplitPoolCommand(
            {
              poolId: id,
              parts: poolPartsOf((change.parts ?? []) as unknown as PoolPartDto[]),
              trace: trace('ventilation'),
            },
            on(id),
          ),
          handler: as(this.split),
          subject: `enveloppe commune ${id}`,
        };
      case 'inscrire-engagement': {
        const body = change.commitment as unknown as Omit<RecordCommitmentDto, 'trace'>;
        const firm = body.status === 'firm';
        return {
          command: new RecordCommitmentCommand(
            recordCommitmentOf(
              firm && !body.act ? { ...body, act: basis.act } : body,
              trace(firm ? 'engagement-juridique' : 'previsionnel'),
            ),
          ),
          handler: as(this.record),
          subject: `engagement ${body.commitmentId} (${body.funder})`,
          fieldPrefix: 'commitment.',
        };
      }
      case 'ajouter-operation': {
        const body = change.operation as unknown as Omit<DeclareOperationDto, 'trace'>;
        return {
          command: new DeclareOperationCommand(declareOperationOf(body, trace('referentiel'))),
          handler: as(this.declare),
          subject: `opération ${body.operationId}`,
          fieldPrefix: 'operation.',
        };
      }
      case 'modifier-regle': {
        const body = change.rule as unknown as CoFinancingRuleDto;
        return {
          command: new RecordCoFinancingRuleCommand({ rule: coFinancingRuleOf(body), trace: trace('referentiel') }),
          handler: as(this.rule),
          subject: `règle de cofinancement ${body.id}`,
        };
      }
    }
  }

  /** The simulation's steps: each change's guarded decision, a guard's refusal told as the change's refusal. */
  private stepsOf(changes: readonly DraftChange[], basis: ChangeBasis): SimulationStep[] {
    return changes.map((change) => {
      const { command, handler, subject, fieldPrefix } = this.build(change, basis);
      const decision = handler.guardedDecision(command);
      return {
        action: change.action,
        subject,
        ...(fieldPrefix ? { fieldPrefix } : {}),
        decide: (state) => {
          try {
            return decision(state, { eventId: randomUUID(), recordedAt: new Date().toISOString() });
          } catch (error) {
            return refusalOfGuard(error);
          }
        },
      };
    });
  }

  /** The draft's changes on a fork of the ledger as it is now: outcomes, the impact, the funders it concerns. */
  async simulate(changes: readonly DraftChange[], basis: ChangeBasis) {
    const { state, revision } = await this.ledger.current();
    return { ...this.simulateOn(state, changes, basis), ledgerRevision: revision };
  }

  simulateOn(state: CommitmentsState, changes: readonly DraftChange[], basis: ChangeBasis) {
    const simulated = simulateAvenant(state, this.stepsOf(changes, basis));
    const impact = avenantImpact(state, simulated.state);
    return {
      outcomes: simulated.outcomes,
      refused: simulated.outcomes.filter((o) => o.outcome === 'refuse').length,
      impact,
      concerned: fundersConcerned(impact),
      state: simulated.state,
    };
  }

  /**
   * Books a signed draft's changes as one batch of the ledger: each decided again, guard included, on that day's
   * state — all or none. Each is named after the draft, its version and its place: booked again (a signature retried
   * after a crash), the ledger finds them and passes over. Answers how many changes the batch holds.
   */
  async book(draft: Pick<AvenantDraft, 'id' | 'version' | 'changes'>, basis: ChangeBasis): Promise<number> {
    const context = currentContext();
    try {
      const outcome = await this.ledger.executeBatch(
        draft.changes.map((change, index) => {
          const { command, handler } = this.build(change, basis);
          return {
            context: {
              correlationId: context?.correlationId ?? `avenant-${draft.id}`,
              ...(context?.principal ? { principal: context.principal } : {}),
              commandKey: `avenant:${draft.id}:v${draft.version}:${index}`,
            },
            decide: handler.guardedDecision(command),
          };
        }),
      );
      return outcome.results.length;
    } catch (error) {
      if (!(error instanceof BatchRefusal)) throw error;
      const cause = error.cause as DomainRefusal;
      throw new DomainRefusal(
        cause.code ?? 'draft-refused-changes',
        cause.title ?? 'Changement refusé',
        `Changement n° ${error.index + 1} refusé par le registre à la signature (rien n’a été inscrit) : ${error.message}`,
        cause.status ?? 422,
        [{ field: `changes[${error.index}]`, message: error.message }],
        cause.extensions ?? {},
      );
    }
  }
}
