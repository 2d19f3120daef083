import { fromDecimalString, toDecimalString } from '@cvl/money';
import type { CommitmentsContract, ItiFederContract, RenewalUrbanContract } from '@cvl/contracts';
import { entry, type ProjectedCommitment, type ProjectedEvent, type ProvenanceEntry } from './commitment-projection';

/** An event of any of the three publishers, as their consumers' edge admitted it: its type tells its data. */
export type ProgrammesProjectedEvent = ProjectedEvent<
  CommitmentsContract.CommitmentsEvent | RenewalUrbanContract.RenewalUrbanEvent | ItiFederContract.ItiFederEvent
>;

/**
 * Reporting's read models of the programmes' own facts, rebuilt from renewal-urban's, iti-feder's and commitments'
 * integration events alone: an operation as its programme knows it (whoever books its euros), and each envelope.
 */
export interface OperationDoc {
  key: string;
  source: OperationSource;
  programmeId: string;
  operationId: string;
  label: string;
  owner: string;
  quartier: string;
  nature?: string;
  axis?: number;
  priority?: string;
  /** The cost the plan finances: eligible base HT (NPNRU) or eligible cost (FEDER). */
  cost: string;
  /** The same works in the ledger's registry: other programmes' aid for them shows on this card too. */
  registryOperation?: string;
  /** Its numbers in the programmes' and funders' systems (Agora, Synergie, Dauphin, the CALL's AP…). */
  references?: Array<{ system: string; reference: string }>;
  status: string;
  act?: { reference: string; date: string };
  plan: PlanLineDoc[];
  feder?: { programmed: string; paid: string; released: string };
  provenance: ProvenanceEntry[];
}

export interface PlanLineDoc {
  funder: string;
  amount: string;
  requestId?: string;
  booking?: 'booked' | 'refused';
  reason?: string;
}

export interface EnvelopeDoc {
  id: string;
  kind: 'budget' | 'iti-axis';
  funder?: string;
  programmeId?: string;
  axis?: number;
  label: string;
  amount: string;
  /** For an ITI axis: the CALL's share, the cap of what it programmes, once an avenant sets it. */
  callShare?: string;
  programme?: string;
  version?: number;
  provenance: ProvenanceEntry[];
}

/** An item of the ledger's reference data, kept for its name: what people read beside the code. */
export interface ReferenceDoc {
  kind: string;
  code: string;
  name: string;
}

/** A participation the document announces without an amount (« à définir »): shown in its funder's statement. */
export interface PourMemoireDoc {
  figureId: string;
  funder: string;
  text: string;
  wording?: string;
  period: { fromYear: number; toYear: number };
  line: number;
}

/** Every document the programme projection keeps. */
export type ProgrammeDoc = OperationDoc | EnvelopeDoc | ReferenceDoc | PourMemoireDoc;

export type DocKind = 'operation' | 'envelope' | 'reference' | 'memo';
export interface DocRef {
  kind: DocKind;
  id: string;
}
export type Documents = ReadonlyMap<string, ProgrammeDoc>;
/** « operation:iti-feder:iti-call:op1 » — a kind has no colon, so the key reads back unambiguously. */
export const refKey = (ref: DocRef) => `${ref.kind}:${ref.id}`;

/** The programmes whose operations reporting follows. */
export const PROGRAMME_SOURCES = ['renewal-urban', 'iti-feder'] as const;
/**
 * Where an operation card comes from: a programme, or the ledger's registry alone (« registre »: an operation the
 * contract's data set or a funder declared there, that no programme follows — its card is the registry's).
 */
export const REGISTRY_SOURCE = 'registre';
export const OPERATION_SOURCES = [...PROGRAMME_SOURCES, REGISTRY_SOURCE] as const;
export type OperationSource = (typeof OPERATION_SOURCES)[number];
const registryKey = (operationId: string) => operationKey(REGISTRY_SOURCE, REGISTRY_SOURCE, operationId);
const sourceOf = (type: string) => PROGRAMME_SOURCES.find((s) => type.startsWith(`${s}.`));
const operationKey = (source: string, programmeId: string, operationId: string) =>
  `${source}:${programmeId}:${operationId}`;
const add = (a: string, b: string) => toDecimalString(fromDecimalString(a) + fromDecimalString(b));

/** The documents an event touches, for the projector to load before applying it. */
export function documentsTouched(event: ProgrammesProjectedEvent): DocRef[] {
  if (event.type === 'commitments.reference-recorded')
    return [{ kind: 'reference', id: `${event.data.kind}:${event.data.code}` }];
  // Of the document's lines, reporting keeps those pour mémoire: the ledger counts the others.
  if (event.type === 'commitments.document-figure-recorded')
    return event.data.role === 'pour-memoire' && event.data.funder ? [{ kind: 'memo', id: event.data.figureId }] : [];
  if (event.type === 'commitments.envelope-opened') return [{ kind: 'envelope', id: event.data.envelopeId }];
  if (event.type === 'iti-feder.envelope-set') {
    const { programmeId, axes } = event.data;
    return axes.map((a) => ({ kind: 'envelope' as const, id: `${programmeId}:axe-${a.axis}` }));
  }
  if (
    event.type === 'commitments.operation-declared' ||
    event.type === 'commitments.operation-referenced' ||
    event.type === 'commitments.operation-revised'
  )
    return [{ kind: 'operation', id: registryKey(event.data.operationId) }];
  const source = sourceOf(event.type);
  const { programmeId, operationId } = operationOf(event);
  return source && programmeId && operationId
    ? [{ kind: 'operation', id: operationKey(source, programmeId, operationId) }]
    : [];
}

/** The programme and operation an event concerns, when it concerns one (NPNRU says protocol, the ITI programme). */
function operationOf(event: ProgrammesProjectedEvent): { programmeId?: string; operationId?: string } {
  // Read by name across every type (some carry neither: an envelope, a reference item).
  const d = event.data as { protocolId?: string; programmeId?: string; operationId?: string };
  return { programmeId: d.protocolId ?? d.programmeId, operationId: d.operationId };
}

/** Applies one event to the operation and envelope documents it touches; returns those to store. Pure. */
export function projectProgrammes(
  docs: Documents,
  event: ProgrammesProjectedEvent,
): Array<{ ref: DocRef; doc: ProgrammeDoc }> {
  const refs = documentsTouched(event);
  if (event.type === 'commitments.reference-recorded') {
    const { kind, code, name } = event.data;
    return [{ ref: refs[0], doc: { kind, code, name } }];
  }
  if (event.type === 'commitments.document-figure-recorded') {
    if (!refs[0]) return [];
    const d = event.data;
    const source = d.trace.source as { kind: string; line?: number };
    const doc: PourMemoireDoc = {
      figureId: d.figureId,
      funder: d.funder as string,
      text: d.text,
      ...(d.wording ? { wording: d.wording } : {}),
      period: d.period,
      line: source.kind === 'document' ? (source.line ?? 0) : 0,
    };
    return [{ ref: refs[0], doc }];
  }
  if (event.type === 'commitments.envelope-opened') {
    const d = event.data;
    if (docs.has(refKey(refs[0]))) return [];
    const doc: EnvelopeDoc = {
      id: d.envelopeId,
      kind: 'budget',
      funder: d.funder,
      label: d.label,
      amount: d.amount,
      ...(d.programme ? { programme: d.programme } : {}),
      provenance: [entry(event, `enveloppe ouverte : ${d.amount} €`)],
    };
    return [{ ref: refs[0], doc }];
  }
  if (event.type === 'iti-feder.envelope-set') {
    const d = event.data;
    return d.axes.map((axis, i) => {
      const before = docs.get(refKey(refs[i])) as EnvelopeDoc | undefined;
      const doc: EnvelopeDoc = {
        id: refs[i].id,
        kind: 'iti-axis',
        programmeId: d.programmeId,
        axis: axis.axis,
        label: axis.label,
        amount: axis.amount,
        ...(axis.callShare ? { callShare: axis.callShare } : {}),
        version: d.version,
        provenance: [
          ...(before?.provenance ?? []),
          entry(
            event,
            `axe ${axis.axis} : ${axis.amount} €${axis.callShare ? `, part CALL ${axis.callShare} €` : ''} (version ${d.version})`,
          ),
        ],
      };
      return { ref: refs[i], doc };
    });
  }
  const [ref] = refs;
  if (!ref) return [];
  const current = docs.get(refKey(ref)) as OperationDoc | undefined;
  const created = (doc: Omit<OperationDoc, 'provenance'>, words: string) =>
    current ? [] : [{ ref, doc: { ...doc, provenance: [entry(event, words)] } }];
  const update = (change: (doc: OperationDoc) => OperationDoc, words: string) =>
    current ? [{ ref, doc: { ...change(current), provenance: [...current.provenance, entry(event, words)] } }] : [];
  const answered = (
    plan: PlanLineDoc[],
    answer: { requestId: string; funder: string; outcome: 'booked' | 'refused'; reason?: string },
  ) =>
    plan.map((line) =>
      line.requestId === answer.requestId || (!line.requestId && line.funder === answer.funder)
        ? { ...line, booking: answer.outcome, ...(answer.reason ? { reason: answer.reason } : {}) }
        : line,
    );
  const lineAnswered = (answer: Parameters<typeof answered>[1]) =>
    update(
      (doc) => ({ ...doc, plan: answered(doc.plan, answer) }),
      answer.outcome === 'booked'
        ? `ligne ${answer.funder} engagée`
        : `ligne ${answer.funder} refusée : ${answer.reason ?? ''}`,
    );
  const { programmeId, operationId } = operationOf(event);
  const base = { key: ref.id, programmeId: programmeId ?? '', operationId: operationId ?? '' };
  switch (event.type) {
    case 'commitments.operation-declared': {
      const d = event.data;
      // Declared by a programme's request: that programme's card already stands for the works.
      if (d.references.some((r) => (PROGRAMME_SOURCES as readonly string[]).includes(r.system))) return [];
      return created(
        {
          key: ref.id,
          source: REGISTRY_SOURCE,
          programmeId: REGISTRY_SOURCE,
          operationId: d.operationId,
          label: d.label,
          owner: d.projectOwner,
          quartier: d.quartiers.join(', '),
          ...(d.nature ? { nature: d.nature } : {}),
          cost: d.eligibleBase,
          registryOperation: d.operationId,
          references: d.references,
          status: 'inscrite au registre',
          plan: [],
        },
        `opération inscrite au registre, assiette ${d.eligibleBase} € HT`,
      );
    }
    case 'commitments.operation-referenced':
      return update(
        (doc) => ({ ...doc, references: [...(doc.references ?? []), event.data.reference] }),
        `référencée dans ${event.data.reference.system} : ${event.data.reference.reference}`,
      );
    case 'commitments.operation-revised': {
      const d = event.data;
      return update(
        (doc) => ({ ...doc, ...(d.eligibleBase ? { cost: d.eligibleBase } : {}) }),
        `révisée par ${d.by.system}${d.eligibleBase ? ` : assiette ${d.eligibleBase} € HT` : ''}${d.start || d.end ? ` ; calendrier ${d.start ?? '…'} → ${d.end ?? '…'}` : ''}`,
      );
    }
    case 'renewal-urban.operation-added':
      return created(
        {
          ...base,
          source: 'renewal-urban',
          label: event.data.label,
          owner: event.data.projectOwner,
          quartier: event.data.quartier,
          nature: event.data.nature,
          cost: event.data.eligibleBase,
          ...(event.data.registryOperation ? { registryOperation: event.data.registryOperation } : {}),
          status: 'ajoutée au protocole',
          plan: [],
        },
        `opération ajoutée, assiette ${event.data.eligibleBase} € HT`,
      );
    case 'renewal-urban.operation-revised': {
      const d = event.data;
      const changes = [
        ...(d.start || d.end ? [`calendrier ${d.start ?? '…'} → ${d.end ?? '…'}`] : []),
        ...(d.eligibleBase ? [`assiette ${d.eligibleBase} € HT`] : []),
      ];
      return update(
        (doc) => ({
          ...doc,
          ...(d.eligibleBase ? { cost: d.eligibleBase } : {}),
          ...(d.planCleared ? { status: 'plan à refaire (assiette révisée)', plan: [] } : {}),
        }),
        `opération révisée${d.act ? ` par l’avenant ${d.act.reference}` : ''} : ${changes.join(', ')}`,
      );
    }
    case 'renewal-urban.operation-withdrawn': {
      const d = event.data;
      return update(
        (doc) => ({ ...doc, status: 'retirée du protocole' }),
        `opération retirée${d.act ? ` par l’avenant ${d.act.reference}` : ''}${d.released.length ? ` ; dégagement demandé au registre : ${d.released.map((l) => `${l.funder} ${l.amount} €`).join(', ')}` : ''}`,
      );
    }
    case 'renewal-urban.financing-plan-set':
      return update(
        (doc) => ({
          ...doc,
          status: 'plan de financement établi',
          plan: event.data.lines.map((l) => ({ funder: l.funder, amount: l.amount })),
        }),
        'plan de financement établi',
      );
    case 'renewal-urban.financing-plan-approved':
      return update(
        (doc) => ({
          ...doc,
          status: `plan approuvé (version ${event.data.planVersion})`,
          ...(event.data.act ? { act: event.data.act } : {}),
          ...(event.data.operation ? { registryOperation: event.data.operation.id } : {}),
          plan: event.data.lines.map((l) => ({ funder: l.funder, amount: l.amount, requestId: l.requestId })),
        }),
        `plan approuvé (version ${event.data.planVersion}), demandé au registre des engagements`,
      );
    case 'renewal-urban.funder-line-booking-recorded':
      // The answer to a withdrawal's release: in the history; the plan as it was booked stays as it was.
      if (event.data.step === 'retrait')
        return update(
          (doc) => doc,
          event.data.outcome === 'booked'
            ? `ligne ${event.data.funder} dégagée au registre`
            : `dégagement de la ligne ${event.data.funder} refusé : ${event.data.reason ?? ''}`,
        );
      return lineAnswered(event.data);
    case 'iti-feder.booking-answered':
      return lineAnswered(event.data);
    case 'iti-feder.application-received':
      return created(
        {
          ...base,
          source: 'iti-feder',
          label: event.data.label,
          owner: event.data.beneficiary,
          quartier: event.data.quartier,
          axis: event.data.axis,
          priority: event.data.priority,
          cost: event.data.eligibleCost,
          ...(event.data.registryOperation ? { registryOperation: event.data.registryOperation } : {}),
          status: 'demande déposée',
          plan: [
            { funder: 'feder', amount: event.data.feder },
            ...event.data.coFunders.map((l) => ({ funder: l.funder, amount: l.amount })),
          ],
        },
        `demande déposée : coût éligible ${event.data.eligibleCost} €, FEDER ${event.data.feder} €`,
      );
    case 'iti-feder.application-completed':
      return update((doc) => ({ ...doc, status: 'dossier complet' }), 'dossier complet');
    case 'iti-feder.application-appraised': {
      const { retained, excluded = [] } = event.data;
      const verdict = event.data.eligible ? 'éligible' : 'inéligible';
      const cut = retained
        ? ` — ${excluded.length} logement(s) exclu(s) sur ${retained.of} (${excluded.map((x) => x.dwelling).join(', ')}), coût retenu ${retained.eligibleCost} €`
        : '';
      return update(
        (doc) => ({
          ...doc,
          status: `instruite : ${verdict}`,
          // The works kept, and their aid: what the programming committee will decide on.
          ...(retained
            ? {
                cost: retained.eligibleCost,
                plan: [
                  { funder: 'feder', amount: retained.feder },
                  ...retained.coFunders.map((l) => ({ funder: l.funder, amount: l.amount })),
                ],
              }
            : {}),
        }),
        `instruction : ${verdict}${cut}`,
      );
    }
    case 'iti-feder.operation-programmed':
      return update(
        (doc) => ({
          ...doc,
          status: 'programmée',
          axis: event.data.axis,
          ...(event.data.operation ? { registryOperation: event.data.operation.id } : {}),
          plan: event.data.lines.map((l) => ({ funder: l.funder, amount: l.amount, requestId: l.requestId })),
          feder: { programmed: event.data.feder, paid: '0.00', released: '0.00' },
        }),
        `programmée en comité du ${event.data.committeeDate} : FEDER ${event.data.feder} €`,
      );
    case 'iti-feder.grant-agreed':
      return update(
        (doc) => ({ ...doc, status: 'conventionnée', act: event.data.act }),
        `convention ${event.data.act.reference} du ${event.data.act.date}`,
      );
    case 'iti-feder.co-funder-committed':
      return update(
        (doc) => doc,
        `${event.data.funder} s’engage par son acte ${event.data.act.reference} du ${event.data.act.date} : ${event.data.amount} €`,
      );
    case 'iti-feder.payment-made':
      return update(
        (doc) => ({
          ...doc,
          ...(event.data.kind === 'solde' ? { status: 'soldée' } : {}),
          feder: {
            ...(doc.feder ?? { programmed: '0.00', released: '0.00', paid: '0.00' }),
            paid: add(doc.feder?.paid ?? '0.00', event.data.amount),
          },
        }),
        `paiement FEDER (${event.data.kind}) de ${event.data.amount} €`,
      );
    case 'iti-feder.unused-released':
      return update(
        (doc) => ({
          ...doc,
          feder: {
            ...(doc.feder ?? { programmed: '0.00', paid: '0.00', released: '0.00' }),
            released: add(doc.feder?.released ?? '0.00', event.data.amount),
          },
        }),
        `dégagement du reliquat FEDER : ${event.data.amount} €`,
      );
    default:
      return [];
  }
}

/**
 * The matrix's « enjeu / axe » for the ITI's commitments: the ledger books them without a stake of the contract,
 * so the axis of the operation that asked for them (« axe-3 ») stands in its place. Read-side only.
 */
export function withItiAxes(
  commitments: readonly ProjectedCommitment[],
  operations: readonly OperationDoc[],
): ProjectedCommitment[] {
  const axes = new Map(
    operations
      .filter((o) => o.source === 'iti-feder' && o.axis !== undefined)
      .map((o) => [`${o.programmeId}:${o.operationId}`, o.axis as number]),
  );
  return commitments.map((c) => {
    const axis =
      c.request?.source === 'iti-feder' && !c.attribution.stake
        ? axes.get(`${c.request.protocolId}:${c.request.operationId}`)
        : undefined;
    return axis === undefined ? c : { ...c, attribution: { ...c.attribution, stake: `axe-${axis}` } };
  });
}
