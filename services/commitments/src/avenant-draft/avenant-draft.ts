import type { Actor } from '@cvl/platform';
import type { Refusal } from '@cvl/refusal';
import { refuse } from '../domain/refusals';
import type { LegalAct } from '../domain/trace';

/**
 * A projet d'avenant (or of a clause de revoyure): a list of changes to the ledger, prepared by the contract's team,
 * shared with the co-funders it concerns, approved by each of them, then signed — and only then booked, each change
 * decided again on the ledger of that day. Until signed it is a document beside the ledger, never in it: its own
 * short stream, never published. Pure: the deciders below take the draft as stored and answer events or a refusal.
 */

/** What a change does, in the users' words; its body is the route's own body without the trace (a draft has none). */
export const CHANGE_ACTIONS = {
  'modifier-montant': 'modifier le montant d’un engagement',
  'inscrire-engagement': 'inscrire un engagement',
  degager: 'dégager un engagement',
  ventiler: 'ventiler une enveloppe commune',
  'ajouter-operation': 'ajouter une opération',
  'modifier-regle': 'modifier une règle de cofinancement',
} as const;
export type ChangeAction = keyof typeof CHANGE_ACTIONS;

/** One change, as validated at the edge and kept (euros as decimal strings, as in every body of the API). */
export interface DraftChange {
  action: ChangeAction;
  /** From when the change would take effect (AAAA-MM-JJ): the bookings' effective date once signed. */
  effectiveDate: string;
  memo?: string;
  /** modifier-montant, degager: the commitment; ventiler: the pool. */
  commitmentId?: string;
  /** modifier-montant */
  kind?: 'avenant' | 'clause-de-revoyure';
  newAmount?: string;
  /** degager: how much (all that remains when absent). */
  amount?: string;
  /** inscrire-engagement: the recording's body. */
  commitment?: Record<string, unknown>;
  /** ventiler: the parts. */
  parts?: Array<Record<string, unknown>>;
  /** ajouter-operation: the declaration's body. */
  operation?: Record<string, unknown>;
  /** modifier-regle: the rule. */
  rule?: Record<string, unknown>;
}

/** At most this many changes in one draft: an avenant is read by people, and simulated on every read. */
export const MAX_CHANGES = 200;
/** At most this many organisations a draft is shared with (the contract has about forty partners). */
export const MAX_SHARED = 100;

export type DraftStatus = 'projet' | 'signe' | 'abandonne';
export const DRAFT_STATUS_LABELS: Record<DraftStatus, string> = {
  projet: 'projet',
  signe: 'signé',
  abandonne: 'abandonné',
};

export interface Approval {
  organisation: string;
  actor: Actor;
  /** The version approved: a revision of the draft asks for the approvals again. */
  version: number;
  at: string;
}

export interface AvenantDraft {
  id: string;
  title: string;
  /** avenant, or clause de revoyure: what the signed act will be. */
  kind: 'avenant' | 'clause-de-revoyure';
  changes: DraftChange[];
  status: DraftStatus;
  author: Actor;
  createdAt: string;
  updatedAt: string;
  sharedWith: string[];
  approvals: Approval[];
  /** Counts the draft's versions (its revisions); its ETag. */
  version: number;
  signed?: { act: LegalAct; by: Actor; at: string; ledgerRevision: number; changesBooked: number };
  abandoned?: { by: Actor; at: string; reason: string };
}

/** A version of a draft, as saved: what it is called, what it changes, who saved it and when. */
export interface DraftSaved {
  draftId: string;
  title: string;
  kind: AvenantDraft['kind'];
  changes: DraftChange[];
  by: Actor;
  at: string;
}

export type AvenantDraftEvent =
  | { type: 'avenant-draft.saved'; data: DraftSaved }
  | { type: 'avenant-draft.shared'; data: { draftId: string; organisations: string[]; by: Actor; at: string } }
  | { type: 'avenant-draft.approved'; data: { draftId: string; version: number; by: Actor; at: string } }
  | {
      type: 'avenant-draft.signed';
      data: { draftId: string; act: LegalAct; ledgerRevision: number; changesBooked: number; by: Actor; at: string };
    }
  | { type: 'avenant-draft.abandoned'; data: { draftId: string; reason: string; by: Actor; at: string } };

export const DRAFT_SCHEMA_VERSION = 1;

/** Every draft of the contract, in one short stream of its own (a contract has a few avenants a year). */
export interface DraftBook {
  drafts: ReadonlyMap<string, AvenantDraft>;
}

export function evolveBook(book: DraftBook | undefined, event: AvenantDraftEvent): DraftBook {
  const drafts = new Map(book?.drafts ?? []);
  drafts.set(event.data.draftId, evolveDraft(drafts.get(event.data.draftId), event));
  return { drafts };
}

export function evolveDraft(draft: AvenantDraft | undefined, event: AvenantDraftEvent): AvenantDraft {
  const { data } = event;
  if (event.type === 'avenant-draft.saved') {
    const saved = event.data;
    return draft
      ? {
          ...draft,
          title: saved.title,
          kind: saved.kind,
          changes: saved.changes,
          updatedAt: saved.at,
          approvals: [],
          version: draft.version + 1,
        }
      : {
          id: saved.draftId,
          title: saved.title,
          kind: saved.kind,
          changes: saved.changes,
          status: 'projet',
          author: saved.by,
          createdAt: saved.at,
          updatedAt: saved.at,
          sharedWith: [],
          approvals: [],
          version: 1,
        };
  }
  if (!draft) throw new Error(`projet d’avenant ${data.draftId} : ${event.type} avant son enregistrement`);
  switch (event.type) {
    case 'avenant-draft.shared':
      return { ...draft, sharedWith: [...event.data.organisations], updatedAt: event.data.at };
    case 'avenant-draft.approved':
      return {
        ...draft,
        approvals: [
          ...draft.approvals.filter((a) => a.organisation !== event.data.by.organisation),
          {
            organisation: event.data.by.organisation,
            actor: event.data.by,
            version: event.data.version,
            at: event.data.at,
          },
        ],
      };
    case 'avenant-draft.signed':
      return {
        ...draft,
        status: 'signe',
        updatedAt: event.data.at,
        signed: {
          act: event.data.act,
          by: event.data.by,
          at: event.data.at,
          ledgerRevision: event.data.ledgerRevision,
          changesBooked: event.data.changesBooked,
        },
      };
    case 'avenant-draft.abandoned':
      return {
        ...draft,
        status: 'abandonne',
        updatedAt: event.data.at,
        abandoned: { by: event.data.by, at: event.data.at, reason: event.data.reason },
      };
  }
}

const closed = (draft: AvenantDraft): Refusal | undefined =>
  draft.status === 'projet'
    ? undefined
    : refuse(
        'draft-closed',
        `Le projet « ${draft.title} » est ${DRAFT_STATUS_LABELS[draft.status]} : il ne change plus (rédigez-en un nouveau)`,
      );

/** Saves a new draft, or a new version of one still « projet » (its approvals are then asked again). */
export function decideSaveDraft(
  draft: AvenantDraft | undefined,
  command: DraftSaved & { creating: boolean },
): AvenantDraftEvent[] | Refusal {
  if (draft && command.creating)
    return refuse('draft-exists', `Un projet d’avenant « ${command.draftId} » existe déjà`, {
      field: 'draftId',
    });
  if (!draft && !command.creating)
    return refuse('draft-unknown', `Projet d’avenant inconnu : ${command.draftId}`, { field: 'draftId' });
  const refusal = draft && closed(draft);
  if (refusal) return refusal;
  if (command.changes.length === 0)
    return refuse('draft-no-change', 'Un projet d’avenant propose au moins un changement', {
      field: 'changes',
    });
  const { creating: _creating, ...data } = command;
  return [{ type: 'avenant-draft.saved', data }];
}

/** Shares a draft with these organisations (the list replaces the previous one: sharing is withdrawn as well). */
export function decideShareDraft(
  draft: AvenantDraft,
  command: { organisations: string[]; by: Actor; at: string },
): AvenantDraftEvent[] | Refusal {
  const refusal = closed(draft);
  if (refusal) return refusal;
  const organisations = [...new Set(command.organisations)].sort();
  return [{ type: 'avenant-draft.shared', data: { draftId: draft.id, organisations, by: command.by, at: command.at } }];
}

/**
 * A co-funder approves the version it read (If-Match): only one the draft was shared with, and whose euros the draft
 * changes — `concerned`, the funders whose figures the simulation moves on the ledger of today.
 */
export function decideApproveDraft(
  draft: AvenantDraft,
  command: { concerned: readonly string[]; by: Actor; at: string },
): AvenantDraftEvent[] | Refusal {
  const refusal = closed(draft);
  if (refusal) return refusal;
  const organisation = command.by.organisation;
  if (!draft.sharedWith.includes(organisation))
    return refuse('draft-not-shared', `Le projet « ${draft.title} » n’a pas été communiqué à ${organisation}`);
  if (!command.concerned.includes(organisation))
    return refuse(
      'draft-not-concerned',
      `Le projet « ${draft.title} » ne change aucun engagement de ${organisation} : son approbation n’est pas demandée`,
    );
  return [
    {
      type: 'avenant-draft.approved',
      data: { draftId: draft.id, version: draft.version, by: command.by, at: command.at },
    },
  ];
}

/** The funders concerned that have not approved this version. */
export function approvalsMissing(draft: AvenantDraft, concerned: readonly string[]): string[] {
  const approved = new Set(draft.approvals.filter((a) => a.version === draft.version).map((a) => a.organisation));
  return concerned.filter((funder) => !approved.has(funder));
}

/**
 * Whether the draft may be signed now: still « projet », and every co-funder concerned approved this version. What
 * the ledger would refuse is not asked here: signing decides every change again on that day's ledger and books none
 * if one is refused — and a signature retried after its bookings were written finds them there, not refused.
 */
export function signingRefusal(draft: AvenantDraft, concerned: readonly string[]): Refusal | undefined {
  const refusal = closed(draft);
  if (refusal) return refusal;
  const missing = approvalsMissing(draft, concerned);
  if (missing.length > 0)
    return refuse(
      'draft-approvals-missing',
      `Le projet « ${draft.title} » (version ${draft.version}) attend encore l’approbation de : ${missing.join(', ')}`,
    );
  return undefined;
}

/**
 * Records the signature once its changes are booked (all or none, each decided again on that day's ledger: the
 * handler does it after signingRefusal said yes) — how many changes, and the ledger's revision after them.
 */
export function decideSignDraft(
  draft: AvenantDraft,
  command: { act: LegalAct; ledgerRevision: number; changesBooked: number; by: Actor; at: string },
): AvenantDraftEvent[] | Refusal {
  const refusal = closed(draft);
  if (refusal) return refusal;
  return [{ type: 'avenant-draft.signed', data: { draftId: draft.id, ...command } }];
}

export function decideAbandonDraft(
  draft: AvenantDraft,
  command: { reason: string; by: Actor; at: string },
): AvenantDraftEvent[] | Refusal {
  const refusal = closed(draft);
  if (refusal) return refusal;
  return [{ type: 'avenant-draft.abandoned', data: { draftId: draft.id, ...command } }];
}
