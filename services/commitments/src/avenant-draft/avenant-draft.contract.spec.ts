import { join } from 'node:path';
import { START } from '@cvl/event-store';
import { Access, signToken } from '@cvl/platform';
import { binaryBody } from '@cvl/testing';
import type { CommitmentsState } from '../domain/state';
import { CommitmentsLedger, LEDGER_STREAM } from '../infrastructure/commitments-ledger';
import type { AvenantDraft } from './avenant-draft';
import { AvenantDraftRepository, BOOK } from './avenant-draft.repository';
import { AvenantSimulator } from './avenant-simulator';
import { importOverLedger } from '../import-data-set/import-data-set.handler';
import { readDataSet } from '../import-data-set/read-data-set';
import { startCommitmentsApi, type ApiHarness } from '../test-support/api-suite';

/**
 * The figures of a state, without what names its bookings (transfer ids come from event ids): two states that booked
 * the same euros the same way have the same figures.
 */
function figuresOf(state: CommitmentsState) {
  return {
    commitments: [...state.commitments.values()].map(({ pendingTransferId: _id, ...commitment }) => commitment),
    operations: [...state.operations.values()],
    envelopes: [...state.envelopes.values()],
    accounts: [...state.ledger.accounts.values()],
    totals: [...state.ledger.totals.entries()],
  };
}

const DATA_SET = join(__dirname, '..', '..', '..', '..', 'data', 'contrat-de-ville-lens-lievin-2015-2020');

describe('a draft avenant on the loaded Lens-Liévin contract (PGlite)', () => {
  let h: ApiHarness;
  let ledger: CommitmentsLedger;
  const as: Record<string, { Authorization: string }> = {};

  beforeAll(async () => {
    h = await startCommitmentsApi();
    ledger = h.app.get(CommitmentsLedger);
    const { dataSet, errors } = await readDataSet(DATA_SET);
    expect(errors).toEqual([]);
    await importOverLedger(ledger, {
      dataSet,
      importer: { subject: 'test', organisation: 'call', roles: ['exploitation'] },
    });
    const key = h.infra.localKey as NonNullable<ApiHarness['infra']['localKey']>;
    for (const [name, organisation, role] of [
      ['pilotage', 'call', 'pilotage'],
      ['call', 'call', 'financeur'],
      ['region', 'region', 'financeur'],
      ['departement', 'departement', 'financeur'],
    ] as const)
      as[name] = {
        Authorization: `Bearer ${await signToken(key.privateKey, { subject: `${name}.test`, organisation, roles: [role] })}`,
      };
  });
  afterAll(async () => h.close());

  /** Every event of the store, every stream: what « nothing written » is counted on. */
  const storeEvents = async () => (await h.infra.store.readAll(START, 1_000_000)).length;
  const post = (path: string, who: keyof typeof as, body: object) =>
    h.http().post(`/api/commitments/avenant-drafts${path}`).set(as[who]).send(body);

  // The CALL's demolitions of Pas-de-Calais Habitat (l. 5552-5572): each indicative, each at its operation's eligible
  // base — Fouquières 1 700 000,00 € (2017), Sallaumines 1 500 000,00 € (2017), Lens Sellier 1 600 000,00 € (2016).
  const lowerCall = {
    action: 'modifier-montant',
    commitmentId: 'pdch-fouquieres-demolition',
    kind: 'clause-de-revoyure',
    newAmount: '1400000.00',
    effectiveDate: '2018-01-01',
    memo: 'La Région prend 300 000 € de la démolition',
  };
  const regionJoins = {
    action: 'inscrire-engagement',
    effectiveDate: '2018-01-01',
    commitment: {
      commitmentId: 'pdch-fouquieres-demolition-region',
      funder: 'region',
      status: 'indicative',
      amount: '300000.00',
      attribution: {
        label: 'Démolition de la Résidence du Quart de 6 heures — part de la Région',
        year: 2018,
        scale: 'CALL',
        operation: 'pdch-fouquieres-demolition',
        quartier: 'QP062021',
      },
    },
  };
  const raiseSellier = {
    action: 'modifier-montant',
    commitmentId: 'pdch-lens-sellier-demolition',
    kind: 'clause-de-revoyure',
    newAmount: '1800000.00',
    effectiveDate: '2018-01-01',
  };
  const releaseSallauminesInPart = {
    action: 'degager',
    commitmentId: 'pdch-sallaumines-demolition',
    amount: '500000.00',
    effectiveDate: '2018-01-01',
  };
  const releaseSallaumines = {
    action: 'degager',
    commitmentId: 'pdch-sallaumines-demolition',
    effectiveDate: '2018-01-01',
  };

  it('shows a draft’s refusals with their excess and its figures per funder, operation and year — and writes no event', async () => {
    const [ledgerBefore, storeBefore] = [await h.ledgerEvents(), await storeEvents()];
    const answer = await post('/simulation', 'pilotage', {
      title: 'Clause de revoyure 2018 — démolitions',
      kind: 'clause-de-revoyure',
      changes: [lowerCall, regionJoins, raiseSellier, releaseSallauminesInPart],
    }).expect(200);
    expect([await h.ledgerEvents(), await storeEvents()]).toEqual([ledgerBefore, storeBefore]);
    const { outcomes, refused, impact, concerned } = answer.body;
    expect(outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(['accepte', 'accepte', 'refuse', 'refuse']);
    expect(refused).toBe(2);
    // Sellier: 1 800 000 of aid on an eligible base of 1 600 000 — the non-double-financing cap, 200 000 over.
    expect(outcomes[2].refusal).toMatchObject({
      code: 'co-financing-exceeded',
      excess: '200000.00',
      excessFormatted: '200 000,00 €',
      field: 'changes[2].amount',
    });
    // A reservation is released whole or amended: the field to correct is the change's amount.
    expect(outcomes[3].refusal).toMatchObject({ code: 'partial-release-of-reservation', field: 'changes[3].amount' });
    // Only the accepted changes move a figure. The CALL's reservations: 1,7 + 1,5 + 1,6 + 1,7 (réhabilitations,
    // l. 5596) = 6 500 000 → 6 200 000; the Région's: none → 300 000 (it had no reservation of its own).
    const row = (list: Array<Record<string, unknown>>, key: string, value: unknown) =>
      list.find((r) => r[key] === value);
    expect(impact.funders.map((f: { funder: string }) => f.funder)).toEqual(['call', 'region']);
    expect(row(impact.funders, 'funder', 'call')).toMatchObject({
      reserved: { before: '6500000.00', after: '6200000.00', delta: '-300000.00' },
      firm: { delta: '0.00' },
    });
    expect(row(impact.funders, 'funder', 'region')).toMatchObject({
      funderName: 'Région Nord – Pas-de-Calais',
      reserved: { before: '0.00', after: '300000.00', formatted: { delta: '+300 000,00 €' } },
    });
    // The operation keeps its 1 700 000, shared differently; 2017 loses 300 000 of reservations, 2018 gains them.
    expect(impact.operations).toEqual([
      expect.objectContaining({
        operation: 'pdch-fouquieres-demolition',
        eligibleBase: '1700000.00',
        total: expect.objectContaining({ before: '1700000.00', after: '1700000.00', delta: '0.00' }),
        funders: [
          expect.objectContaining({ funder: 'call', before: '1700000.00', after: '1400000.00' }),
          expect.objectContaining({ funder: 'region', before: '0.00', after: '300000.00' }),
        ],
      }),
    ]);
    expect(impact.years.map((y: { year: number; reserved: { delta: string } }) => [y.year, y.reserved.delta])).toEqual([
      [2017, '-300000.00'],
      [2018, '300000.00'],
    ]);
    expect(impact.euPace).toEqual([]);
    expect(concerned.map((c: { code: string }) => c.code)).toEqual(['call', 'region']);
  });

  it('is saved beside the ledger, shared, approved by each co-funder concerned, then signed into exactly the simulated state', async () => {
    const ledgerBefore = await h.ledgerEvents();
    const draft = {
      draftId: 'revoyure-2018-demolitions',
      title: 'Clause de revoyure 2018 — démolitions',
      kind: 'clause-de-revoyure',
      changes: [lowerCall, regionJoins, releaseSallaumines],
    };
    const saved = await post('', 'pilotage', draft).expect(201);
    expect(saved.body).toMatchObject({ version: 1, status: 'projet', statusLabel: 'projet' });
    expect(saved.body.simulation.refused).toBe(0);
    expect(saved.body.approvalsMissing.map((o: { code: string }) => o.code)).toEqual(['call', 'region']);
    expect(await h.ledgerEvents()).toBe(ledgerBefore);

    // Not shared yet: to the Région it does not exist.
    await h.http().get(`/api/commitments/avenant-drafts/${draft.draftId}`).set(as.region).expect(404);
    await h
      .http()
      .put(`/api/commitments/avenant-drafts/${draft.draftId}/sharing`)
      .set(as.pilotage)
      .send({ organisations: ['region', 'call', 'departement'] })
      .expect(200);
    const read = await h.http().get(`/api/commitments/avenant-drafts/${draft.draftId}`).set(as.region).expect(200);
    expect(read.body.sharedWith.map((o: { code: string }) => o.code)).toEqual(['call', 'departement', 'region']);

    // Signing waits for both co-funders concerned; the Département, not concerned, is not asked.
    const early = await post(`/${draft.draftId}/signature`, 'pilotage', {
      act: { reference: 'Avenant n° 1 au contrat de ville', date: '2018-03-15' },
    }).expect(409);
    expect(early.body.detail).toContain('attend encore l’approbation de : call, region');
    await post(`/${draft.draftId}/approvals`, 'departement', { version: 1 }).expect(422);
    await post(`/${draft.draftId}/approvals`, 'region', { version: 2 }).expect(409);
    await post(`/${draft.draftId}/approvals`, 'region', { version: 1 }).expect(200);
    const approved = await post(`/${draft.draftId}/approvals`, 'call', { version: 1 }).expect(200);
    expect(approved.body.approvalsMissing).toEqual([]);
    expect(await h.ledgerEvents()).toBe(ledgerBefore);

    // What the draft would leave, on the ledger as it is now; then what signing leaves.
    const { state: before } = await ledger.current();
    const simulator = h.app.get(AvenantSimulator);
    const act = { reference: 'Avenant n° 1 au contrat de ville', date: '2018-03-15' };
    const everyone = new Access({ subject: 'pilotage.test', organisation: 'call', roles: ['pilotage'] }, true, []);
    const simulated = simulator.simulateOn(before, saved.body.changes, { act, access: everyone });
    const signed = await post(`/${draft.draftId}/signature`, 'pilotage', { act }).expect(200);
    expect(signed.body).toMatchObject({ status: 'signe', signed: { act, changesBooked: 3 } });
    const { state: after } = await ledger.current();
    expect(figuresOf(after)).toEqual(figuresOf(simulated.state));
    expect(figuresOf(after)).not.toEqual(figuresOf(before));
    // One booking per change, each citing the signed act, by the person who recorded the signature.
    const events = (await h.infra.store.readStream(LEDGER_STREAM)).slice(ledgerBefore);
    expect(events.map((e) => e.type)).toEqual([
      'commitments.commitment-amended',
      'commitments.commitment-recorded',
      'commitments.commitment-released',
    ]);
    for (const event of events)
      expect((event.data as { trace: { source: unknown; actor: { subject: string } } }).trace).toMatchObject({
        source: { kind: 'act', reference: act.reference, date: act.date },
        actor: { subject: 'pilotage.test' },
        effectiveDate: '2018-01-01',
      });

    // Signed: it changes no more, and a retried signature books nothing twice.
    await post(`/${draft.draftId}/signature`, 'pilotage', { act }).expect(200);
    expect(await h.ledgerEvents()).toBe(ledgerBefore + 3);
    await h
      .http()
      .put(`/api/commitments/avenant-drafts/${draft.draftId}`)
      .set(as.pilotage)
      .send({ ...draft, draftId: undefined, version: 1 })
      .expect(409);
  });

  it('compares two drafts on today’s ledger, and gives a draft as the files its co-funders read', async () => {
    const draft = (draftId: string, change: object) =>
      post('', 'pilotage', {
        draftId,
        title: `Lens, Résidence Sellier — ${draftId}`,
        kind: 'avenant',
        changes: [change],
      }).expect(201);
    // Sellier's 1 600 000 € (l. 5572; Sallaumines was released by the signed avenant): released whole in the
    // first, cut to 1 200 000 € in the second.
    await draft('sellier-degagee', { ...releaseSallaumines, commitmentId: 'pdch-lens-sellier-demolition' });
    await draft('sellier-reduite', {
      ...lowerCall,
      commitmentId: 'pdch-lens-sellier-demolition',
      newAmount: '1200000.00',
      kind: 'avenant',
    });
    const compared = await h
      .http()
      .get('/api/commitments/avenant-drafts/sellier-degagee/comparison/sellier-reduite')
      .set(as.pilotage)
      .expect(200);
    expect([compared.body.first.draftId, compared.body.second.draftId]).toEqual(['sellier-degagee', 'sellier-reduite']);
    // What the second leaves against the first: 1 200 000 € still held where the first held nothing.
    expect(compared.body.secondAgainstFirst.commitments).toEqual([
      expect.objectContaining({
        commitmentId: 'pdch-lens-sellier-demolition',
        statusAfter: 'indicative',
        amount: expect.objectContaining({ before: '0.00', after: '1200000.00', delta: '1200000.00' }),
      }),
    ]);
    const csv = await h
      .http()
      .get('/api/commitments/avenant-drafts/sellier-reduite?format=csv')
      .set(as.pilotage)
      .expect(200);
    expect(csv.text).toContain('Changements proposés et réponse du registre');
    expect(csv.text).toContain('-400 000,00');
    const pdf = await h
      .http()
      .get('/api/commitments/avenant-drafts/sellier-reduite?format=pdf')
      .set(as.pilotage)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    // A financeur it was not shared with neither reads nor compares it.
    await h
      .http()
      .get('/api/commitments/avenant-drafts/sellier-reduite/comparison/sellier-degagee')
      .set(as.region)
      .expect(404);
  });

  it('signed again after its bookings were written but not its signature (a crash between the two): books nothing twice', async () => {
    // The CALL's réhabilitations (l. 5596) cut from 1 700 000 € to 1 500 000 €: only the CALL is concerned.
    const draftId = 'rehabilitations-2018';
    const change = { ...lowerCall, commitmentId: 'pdch-rehabilitations-thermiques', newAmount: '1500000.00' };
    await post('', 'pilotage', { draftId, title: 'Réhabilitations 2018', kind: 'avenant', changes: [change] }).expect(
      201,
    );
    await h
      .http()
      .put(`/api/commitments/avenant-drafts/${draftId}/sharing`)
      .set(as.pilotage)
      .send({ organisations: ['call'] })
      .expect(200);
    await post(`/${draftId}/approvals`, 'call', { version: 1 }).expect(200);
    const act = { reference: 'Avenant n° 2 au contrat de ville', date: '2018-06-01' };
    const everyone = new Access({ subject: 'pilotage.test', organisation: 'call', roles: ['pilotage'] }, true, []);
    const simulator = h.app.get(AvenantSimulator);
    const before = await h.ledgerEvents();
    // What the signature does first, alone: the bookings, and then the process stops before the draft says signed.
    const { state: book } = await h.app.get(AvenantDraftRepository).load(BOOK);
    await simulator.book(book?.drafts.get(draftId) as AvenantDraft, { act, access: everyone });
    expect(await h.ledgerEvents()).toBe(before + 1);
    const signed = await post(`/${draftId}/signature`, 'pilotage', { act }).expect(200);
    expect(signed.body).toMatchObject({ status: 'signe', signed: { changesBooked: 1 } });
    expect(await h.ledgerEvents()).toBe(before + 1);
    const { state } = await ledger.current();
    expect(state.commitments.get('pdch-rehabilitations-thermiques')?.amountCents).toBe(1_500_000_00n);
  });
});
