import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { CommandHandler, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { parisDay } from '@cvl/exports';
import { currentActor, refusalAsProblem, UseCaseCommand, UseCaseQuery, Access } from '@cvl/platform';
import type { Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';
import { funderName, type CommitmentsState } from '../domain/state';
import type { LegalAct } from '../domain/trace';
import {
  approvalsMissing,
  decideAbandonDraft,
  decideApproveDraft,
  decideSaveDraft,
  decideShareDraft,
  decideSignDraft,
  DRAFT_STATUS_LABELS,
  signingRefusal,
  type AvenantDraft,
  type AvenantDraftEvent,
  type DraftBook,
  type DraftChange,
} from './avenant-draft';
import type { DraftContentDto } from './avenant-draft.dto';
import { AvenantDraftRepository, BOOK } from './avenant-draft.repository';
import { avenantImpact } from './avenant-impact';
import { AvenantSimulator, draftAct, type ChangeBasis } from './avenant-simulator';

const KIND_LABELS = { avenant: 'avenant', 'clause-de-revoyure': 'clause de revoyure' } as const;

/** Who may read a draft: the contract's team and the auditors every one; a co-funder those shared with it. */
export function seesDraft(access: Access, draft: AvenantDraft): boolean {
  return access.all || draft.sharedWith.includes(access.organisation);
}

function draftOf(book: DraftBook | undefined, draftId: string, access: Access): AvenantDraft {
  const draft = book?.drafts.get(draftId);
  // A draft not shared with the reader is as unknown to it as one that does not exist.
  if (!draft || !seesDraft(access, draft)) throw new NotFoundException(`Projet d’avenant inconnu : ${draftId}`);
  return draft;
}

/** The changes as stored: plain JSON, exactly as the body validated them (no class instances in an event). */
export function storedChanges(content: DraftContentDto): DraftChange[] {
  return JSON.parse(JSON.stringify(content.changes)) as DraftChange[];
}

const nameOf = funderName;

const today = () => parisDay(new Date().toISOString());

/**
 * The authority a draft's changes are decided under, whoever reads it: the signature's, which the contract's team
 * records for every co-funder once each concerned one approved (decideApproveDraft, signingRefusal). A co-funder
 * reading a draft thus sees what signing would do, not what it could book itself; its reads stay scoped by the
 * route (seesDraft), never by this.
 */
const asSigned = (access: Access) => new Access(access.principal, true, []);

/** A simulation as people read it: each change's outcome, the refusals with their excess, the figures that move. */
function simulationView(simulation: ReturnType<AvenantSimulator['simulateOn']> & { ledgerRevision: number }) {
  return {
    ledgerRevision: simulation.ledgerRevision,
    outcomes: simulation.outcomes,
    refused: simulation.refused,
    impact: simulation.impact,
  };
}

export type SimulationView = ReturnType<typeof simulationView>;

function draftView(draft: AvenantDraft, state: CommitmentsState, simulation: Parameters<typeof simulationView>[0]) {
  const missing = draft.status === 'projet' ? approvalsMissing(draft, simulation.concerned) : [];
  const named = (code: string) => ({ code, name: nameOf(state, code) });
  return {
    draftId: draft.id,
    title: draft.title,
    kind: draft.kind,
    kindLabel: KIND_LABELS[draft.kind],
    status: draft.status,
    statusLabel: DRAFT_STATUS_LABELS[draft.status],
    version: draft.version,
    author: { subject: draft.author.subject, organisation: named(draft.author.organisation) },
    createdAt: draft.createdAt,
    updatedAt: draft.updatedAt,
    sharedWith: draft.sharedWith.map(named),
    concerned: simulation.concerned.map(named),
    approvals: draft.approvals.map((a) => ({
      organisation: named(a.organisation),
      subject: a.actor.subject,
      version: a.version,
      current: a.version === draft.version,
      at: a.at,
    })),
    approvalsMissing: missing.map(named),
    changes: draft.changes,
    simulation: simulationView(simulation),
    ...(draft.signed ? { signed: { ...draft.signed, by: draft.signed.by.subject } } : {}),
    ...(draft.abandoned ? { abandoned: { ...draft.abandoned, by: draft.abandoned.by.subject } } : {}),
  };
}

export type DraftView = ReturnType<typeof draftView>;

/**
 * Runs a draft on the ledger as it is now. A signed draft is no longer a what-if: it is shown as it was signed
 * (its changes booked) — its simulation then says nothing, and is empty.
 */
async function simulated(simulator: AvenantSimulator, draft: AvenantDraft, access: Access) {
  const { state, revision } = await simulator.ledger.current();
  const changes = draft.status === 'projet' ? draft.changes : [];
  const basis: ChangeBasis = { act: draftAct(draft, today()), access: asSigned(access) };
  return { state, simulation: { ...simulator.simulateOn(state, changes, basis), ledgerRevision: revision } };
}

// ——— Reads ———

/** A draft's content simulated without being saved: what it would do, nothing written anywhere. */
export class SimulateDraftQuery extends UseCaseQuery<
  'simulate-draft',
  { access: Access; content: DraftContentDto },
  SimulationView & { concerned: Array<{ code: string; name: string }> }
> {
  readonly type = 'simulate-draft';
}

@QueryHandler(SimulateDraftQuery)
export class SimulateDraftHandler implements IQueryHandler<SimulateDraftQuery> {
  constructor(private readonly simulator: AvenantSimulator) {}

  async execute({ params }: SimulateDraftQuery) {
    const { state, revision } = await this.simulator.ledger.current();
    const basis: ChangeBasis = {
      act: draftAct({ id: 'apercu', title: params.content.title }, today()),
      access: asSigned(params.access),
    };
    const simulation = {
      ...this.simulator.simulateOn(state, storedChanges(params.content), basis),
      ledgerRevision: revision,
    };
    return {
      ...simulationView(simulation),
      concerned: simulation.concerned.map((code) => ({ code, name: nameOf(state, code) })),
    };
  }
}

export class DraftQuery extends UseCaseQuery<'avenant-draft', { access: Access; draftId: string }, DraftView> {
  readonly type = 'avenant-draft';
}

@QueryHandler(DraftQuery)
export class DraftQueryHandler implements IQueryHandler<DraftQuery> {
  constructor(
    private readonly drafts: AvenantDraftRepository,
    private readonly simulator: AvenantSimulator,
  ) {}

  async execute({ params }: DraftQuery): Promise<DraftView> {
    const { state: book } = await this.drafts.load(BOOK);
    const draft = draftOf(book, params.draftId, params.access);
    const { state, simulation } = await simulated(this.simulator, draft, params.access);
    return draftView(draft, state, simulation);
  }
}

export interface DraftSummary {
  draftId: string;
  title: string;
  kind: AvenantDraft['kind'];
  kindLabel: string;
  status: AvenantDraft['status'];
  statusLabel: string;
  version: number;
  changes: number;
  sharedWith: string[];
  updatedAt: string;
}

export class DraftsQuery extends UseCaseQuery<'avenant-drafts', { access: Access }, { drafts: DraftSummary[] }> {
  readonly type = 'avenant-drafts';
}

@QueryHandler(DraftsQuery)
export class DraftsQueryHandler implements IQueryHandler<DraftsQuery> {
  constructor(private readonly drafts: AvenantDraftRepository) {}

  async execute({ params }: DraftsQuery) {
    const { state: book } = await this.drafts.load(BOOK);
    const drafts = [...(book?.drafts.values() ?? [])]
      .filter((draft) => seesDraft(params.access, draft))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id))
      .map((draft) => ({
        draftId: draft.id,
        title: draft.title,
        kind: draft.kind,
        kindLabel: KIND_LABELS[draft.kind],
        status: draft.status,
        statusLabel: DRAFT_STATUS_LABELS[draft.status],
        version: draft.version,
        changes: draft.changes.length,
        sharedWith: draft.sharedWith,
        updatedAt: draft.updatedAt,
      }));
    return { drafts };
  }
}

/** Two drafts side by side on today's ledger: each one's refusals, and what the second moves against the first. */
export class CompareDraftsQuery extends UseCaseQuery<
  'compare-avenant-drafts',
  { access: Access; draftId: string; otherId: string },
  ReturnType<CompareDraftsHandler['compare']>
> {
  readonly type = 'compare-avenant-drafts';
}

@QueryHandler(CompareDraftsQuery)
export class CompareDraftsHandler implements IQueryHandler<CompareDraftsQuery> {
  constructor(
    private readonly drafts: AvenantDraftRepository,
    private readonly simulator: AvenantSimulator,
  ) {}

  compare(a: DraftView, b: DraftView, impact: ReturnType<typeof avenantImpact>) {
    const side = (view: DraftView) => ({
      draftId: view.draftId,
      title: view.title,
      version: view.version,
      statusLabel: view.statusLabel,
      refused: view.simulation.refused,
      outcomes: view.simulation.outcomes,
    });
    return { first: side(a), second: side(b), secondAgainstFirst: impact };
  }

  async execute({ params }: CompareDraftsQuery) {
    const { state: book } = await this.drafts.load(BOOK);
    const first = draftOf(book, params.draftId, params.access);
    const second = draftOf(book, params.otherId, params.access);
    const a = await simulated(this.simulator, first, params.access);
    const b = await simulated(this.simulator, second, params.access);
    return this.compare(
      draftView(first, a.state, a.simulation),
      draftView(second, b.state, b.simulation),
      avenantImpact(a.simulation.state, b.simulation.state),
    );
  }
}

// ——— Commands ———

abstract class DraftCommand<Type extends string, Payload> extends UseCaseCommand<Type, Payload, DraftView> {}

/** Writes one decision on the drafts' stream, then answers with the draft as it is now, simulated. */
// (An ICommandHandler<C, DraftView> by its shape: TypeScript cannot `implements` it over a generic C.)
@Injectable()
abstract class DraftHandler<C extends DraftCommand<string, { access: Access; draftId: string }>> {
  constructor(
    protected readonly drafts: AvenantDraftRepository,
    protected readonly simulator: AvenantSimulator,
  ) {}

  protected abstract decide(
    command: C,
    book: DraftBook | undefined,
  ): Promise<AvenantDraftEvent[] | Refusal> | AvenantDraftEvent[] | Refusal;

  async execute(command: C): Promise<DraftView> {
    const { state: before } = await this.drafts.load(BOOK);
    // Decided outside the write (a simulation is async), then written on the condition nothing moved meanwhile.
    const decided = await this.decide(command, before);
    const written = await this.drafts.write(BOOK, (book) => {
      const seen = JSON.stringify(before?.drafts.get(command.payload.draftId) ?? null);
      if (JSON.stringify(book?.drafts.get(command.payload.draftId) ?? null) !== seen)
        throw new ConflictException(
          `Le projet d’avenant ${command.payload.draftId} a changé pendant la demande : relisez-le et recommencez`,
        );
      return decided;
    });
    const draft = draftOf(written.state, command.payload.draftId, command.payload.access);
    const { state, simulation } = await simulated(this.simulator, draft, command.payload.access);
    return draftView(draft, state, simulation);
  }
}

const now = () => new Date().toISOString();

export class SaveDraftCommand extends DraftCommand<
  'save-avenant-draft',
  { access: Access; draftId: string; content: DraftContentDto; creating: boolean; version?: number }
> {
  readonly type = 'save-avenant-draft';
}

/** The version the reader saw must still be the draft's (a revision or an approval is of the version read). */
function checkVersion(draft: AvenantDraft | undefined, version: number | undefined): void {
  if (draft && version !== undefined && draft.version !== version)
    throw refusalAsProblem(
      refuse(
        'draft-version-moved',
        `Le projet « ${draft.title} » est à sa version ${draft.version}, vous avez lu la version ${version} : relisez-le`,
        { field: 'version' },
      ),
    );
}

@CommandHandler(SaveDraftCommand)
export class SaveDraftHandler extends DraftHandler<SaveDraftCommand> {
  protected decide({ payload }: SaveDraftCommand, book: DraftBook | undefined) {
    const draft = book?.drafts.get(payload.draftId);
    if (draft && !seesDraft(payload.access, draft))
      throw new NotFoundException(`Projet d’avenant inconnu : ${payload.draftId}`);
    checkVersion(draft, payload.version);
    return decideSaveDraft(draft, {
      draftId: payload.draftId,
      title: payload.content.title,
      kind: payload.content.kind,
      changes: storedChanges(payload.content),
      by: currentActor(),
      at: now(),
      creating: payload.creating,
    });
  }
}

export class ShareDraftCommand extends DraftCommand<
  'share-avenant-draft',
  { access: Access; draftId: string; organisations: string[] }
> {
  readonly type = 'share-avenant-draft';
}

@CommandHandler(ShareDraftCommand)
export class ShareDraftHandler extends DraftHandler<ShareDraftCommand> {
  protected decide({ payload }: ShareDraftCommand, book: DraftBook | undefined) {
    return decideShareDraft(draftOf(book, payload.draftId, payload.access), {
      organisations: payload.organisations,
      by: currentActor(),
      at: now(),
    });
  }
}

export class ApproveDraftCommand extends DraftCommand<
  'approve-avenant-draft',
  { access: Access; draftId: string; version: number }
> {
  readonly type = 'approve-avenant-draft';
}

/** A co-funder approves the version it read, if the draft moves its euros on today's ledger. */
@CommandHandler(ApproveDraftCommand)
export class ApproveDraftHandler extends DraftHandler<ApproveDraftCommand> {
  protected async decide({ payload }: ApproveDraftCommand, book: DraftBook | undefined) {
    const draft = draftOf(book, payload.draftId, payload.access);
    checkVersion(draft, payload.version);
    const { simulation } = await simulated(this.simulator, draft, payload.access);
    return decideApproveDraft(draft, { concerned: simulation.concerned, by: currentActor(), at: now() });
  }
}

export class AbandonDraftCommand extends DraftCommand<
  'abandon-avenant-draft',
  { access: Access; draftId: string; reason: string }
> {
  readonly type = 'abandon-avenant-draft';
}

@CommandHandler(AbandonDraftCommand)
export class AbandonDraftHandler extends DraftHandler<AbandonDraftCommand> {
  protected decide({ payload }: AbandonDraftCommand, book: DraftBook | undefined) {
    return decideAbandonDraft(draftOf(book, payload.draftId, payload.access), {
      reason: payload.reason,
      by: currentActor(),
      at: now(),
    });
  }
}

export class SignDraftCommand extends DraftCommand<
  'sign-avenant-draft',
  { access: Access; draftId: string; act: LegalAct }
> {
  readonly type = 'sign-avenant-draft';
}

/**
 * The signature: every co-funder concerned approved this version; then every change is booked — all or none, each decided again (guard included) on that day's ledger, named after the draft,
 * its version and its place, so that a signature retried after a crash books nothing twice — and the draft is
 * recorded signed, with the ledger's revision after its bookings.
 */
@CommandHandler(SignDraftCommand)
export class SignDraftHandler extends DraftHandler<SignDraftCommand> {
  protected async decide({ payload }: SignDraftCommand, book: DraftBook | undefined) {
    const draft = draftOf(book, payload.draftId, payload.access);
    // Signed already (a signature retried after its answer was lost): the draft as it was signed.
    if (draft.status === 'signe') return [];
    const basis: ChangeBasis = { act: payload.act, access: payload.access };
    const { simulation } = await simulated(this.simulator, draft, payload.access);
    const refusal = signingRefusal(draft, simulation.concerned);
    if (refusal) return refusal;
    const booked = await this.simulator.book(draft, basis);
    const { revision } = await this.simulator.ledger.current();
    return decideSignDraft(draft, {
      act: payload.act,
      ledgerRevision: revision,
      changesBooked: booked,
      by: currentActor(),
      at: now(),
    });
  }
}

export const AVENANT_DRAFT_HANDLERS = [
  AvenantSimulator,
  AvenantDraftRepository,
  SimulateDraftHandler,
  DraftQueryHandler,
  DraftsQueryHandler,
  CompareDraftsHandler,
  SaveDraftHandler,
  ShareDraftHandler,
  ApproveDraftHandler,
  AbandonDraftHandler,
  SignDraftHandler,
];
