import { conforms } from '@cvl/testing';
import type { CompareDraftsHandler, DraftSummary, DraftView, SimulateDraftHandler } from './avenant-draft.handlers';
import type { ComparisonResponse, DraftResponse, DraftsResponse, SimulationResponse } from './avenant-draft.responses';
import { isRefusal } from '@cvl/refusal';
import {
  approvalsMissing,
  decideAbandonDraft,
  decideApproveDraft,
  decideSaveDraft,
  decideShareDraft,
  decideSignDraft,
  evolveBook,
  signingRefusal,
  type AvenantDraft,
  type AvenantDraftEvent,
  type DraftBook,
} from './avenant-draft';

const pilotage = { subject: 'chef.projet', organisation: 'call', roles: ['pilotage' as const] };
const region = { subject: 'finances.region', organisation: 'region', roles: ['financeur' as const] };
const call = { subject: 'finances.call', organisation: 'call', roles: ['financeur' as const] };
const change = { action: 'degager' as const, commitmentId: 'c1', effectiveDate: '2018-01-01' };
const act = { reference: 'Avenant n° 1', date: '2018-03-15' };

/** Given these decisions, the draft as folded from their events (each must be accepted). */
function given(
  ...decisions: Array<(draft: AvenantDraft | undefined) => AvenantDraftEvent[] | ReturnType<typeof signingRefusal>>
) {
  let book: DraftBook | undefined;
  for (const decide of decisions) {
    const events = decide(book?.drafts.get('d1'));
    if (!events || isRefusal(events)) throw new Error(`refusé : ${events?.message}`);
    for (const event of events) book = evolveBook(book, event);
  }
  return book?.drafts.get('d1') as AvenantDraft;
}

const save = (creating: boolean) => (draft: AvenantDraft | undefined) =>
  decideSaveDraft(draft, {
    draftId: 'd1',
    title: 'Revoyure 2018',
    kind: 'clause-de-revoyure',
    changes: [change],
    by: pilotage,
    at: '2018-02-01T10:00:00.000Z',
    creating,
  });
const share = (draft: AvenantDraft | undefined) =>
  decideShareDraft(draft as AvenantDraft, {
    organisations: ['region', 'call', 'region'],
    by: pilotage,
    at: '2018-02-02T10:00:00.000Z',
  });
const approve = (by: typeof region) => (draft: AvenantDraft | undefined) =>
  decideApproveDraft(draft as AvenantDraft, { concerned: ['call', 'region'], by, at: '2018-02-03T10:00:00.000Z' });

describe('a draft avenant’s life', () => {
  it('is created once, shared with a list that replaces the last, and revised into a new version that asks the approvals again', () => {
    const shared = given(save(true), share);
    expect(shared).toMatchObject({ version: 1, status: 'projet', sharedWith: ['call', 'region'], author: pilotage });
    expect(decideSaveDraft(shared, { ...shared, draftId: 'd1', by: pilotage, at: 'x', creating: true })).toMatchObject({
      code: 'draft-exists',
      field: 'draftId',
    });
    const approved = given(save(true), share, approve(region));
    expect(approvalsMissing(approved, ['call', 'region'])).toEqual(['call']);
    const revised = given(save(true), share, approve(region), save(false));
    expect(revised).toMatchObject({ version: 2, approvals: [] });
    expect(approvalsMissing(revised, ['call', 'region'])).toEqual(['call', 'region']);
    expect(
      decideSaveDraft(undefined, { ...shared, draftId: 'd2', by: pilotage, at: 'x', creating: false }),
    ).toMatchObject({
      code: 'draft-unknown',
    });
    expect(
      decideSaveDraft(undefined, { ...shared, changes: [], draftId: 'd2', by: pilotage, at: 'x', creating: true }),
    ).toMatchObject({
      code: 'draft-no-change',
      field: 'changes',
    });
  });

  it('is approved only by a co-funder it was shared with and whose euros it changes', () => {
    const created = given(save(true));
    expect(approve(region)(created)).toMatchObject({ code: 'draft-not-shared' });
    const shared = given(save(true), share);
    const departement = { ...region, organisation: 'departement' };
    expect(decideShareDraft(shared, { organisations: ['departement'], by: pilotage, at: 'x' })).not.toHaveProperty(
      'refused',
    );
    expect(
      decideApproveDraft(
        { ...shared, sharedWith: ['departement'] },
        { concerned: ['call', 'region'], by: departement, at: 'x' },
      ),
    ).toMatchObject({ code: 'draft-not-concerned' });
    // An approval again replaces the first: one per organisation.
    const twice = given(save(true), share, approve(region), approve(region));
    expect(twice.approvals.map((a) => a.organisation)).toEqual(['region']);
  });

  it('is signed once every co-funder concerned approved this version', () => {
    const shared = given(save(true), share);
    expect(signingRefusal(shared, ['call', 'region'])).toMatchObject({
      code: 'draft-approvals-missing',
      message: expect.stringContaining('call, region'),
    });
    const approved = given(save(true), share, approve(region), approve(call));
    expect(signingRefusal(approved, ['call', 'region'])).toBeUndefined();
    // A revision asks again: the approvals of version 1 do not sign version 2.
    expect(signingRefusal({ ...approved, version: 2 }, ['call', 'region'])).toMatchObject({
      code: 'draft-approvals-missing',
    });
    const signed = given(save(true), share, approve(region), approve(call), (draft) =>
      decideSignDraft(draft as AvenantDraft, { act, ledgerRevision: 42, changesBooked: 1, by: pilotage, at: 'x' }),
    );
    expect(signed).toMatchObject({ status: 'signe', signed: { act, ledgerRevision: 42, changesBooked: 1 } });
    // Closed: nothing changes it any more.
    for (const refused of [
      save(false)(signed),
      share(signed),
      approve(region)(signed),
      decideAbandonDraft(signed, { reason: 'r', by: pilotage, at: 'x' }),
    ])
      expect(refused).toMatchObject({ code: 'draft-closed', kind: 'conflict' });
  });

  it('is abandoned with its reason, and stays readable', () => {
    const abandoned = given(save(true), (draft) =>
      decideAbandonDraft(draft as AvenantDraft, {
        reason: 'Remplacé par d2',
        by: pilotage,
        at: '2018-04-01T10:00:00.000Z',
      }),
    );
    expect(abandoned).toMatchObject({
      status: 'abandonne',
      abandoned: { reason: 'Remplacé par d2' },
      changes: [change],
    });
    expect(signingRefusal(abandoned, [])).toMatchObject({ code: 'draft-closed' });
  });
});

// The check is the type-check of this file: a view that gains, renames or retypes a field its documented response
// declares no longer compiles.
describe('the documented responses of the drafts', () => {
  it('are the views the routes return', () => {
    expect([
      conforms<DraftView, DraftResponse>('projet d’avenant'),
      conforms<{ drafts: DraftSummary[] }, DraftsResponse>('projets d’avenant'),
      conforms<Awaited<ReturnType<SimulateDraftHandler['execute']>>, SimulationResponse>('simulation'),
      conforms<ReturnType<CompareDraftsHandler['compare']>, ComparisonResponse>('comparaison'),
    ]).toHaveLength(4);
  });
});
