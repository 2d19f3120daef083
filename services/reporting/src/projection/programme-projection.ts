import { fromDecimalString, toDecimalString } from '@cvl/money';
import { entry, type ProjectedCommitment, type ProjectedEvent, type ProvenanceEntry } from './commitment-projection';

/**
 * Reporting's read models of the programmes' own facts, rebuilt from renewal-urban's, iti-feder's and commitments'
 * integration events alone: an operation as its programme knows it (whoever books its euros), and each envelope.
 */
export interface OperationDoc {
  key: string;
  source: (typeof PROGRAMME_SOURCES)[number];
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

export type DocKind = 'operation' | 'envelope';
export interface DocRef {
  kind: DocKind;
  id: string;
}
export type Documents = ReadonlyMap<string, OperationDoc | EnvelopeDoc>;
/** « operation:iti-feder:iti-call:op1 » — a kind has no colon, so the key reads back unambiguously. */
export const refKey = (ref: DocRef) => `${ref.kind}:${ref.id}`;

/** The programmes whose operations reporting follows. */
export const PROGRAMME_SOURCES = ['renewal-urban', 'iti-feder'] as const;
const sourceOf = (type: string) => PROGRAMME_SOURCES.find((s) => type.startsWith(`${s}.`));
const operationKey = (source: string, programmeId: string, operationId: string) =>
  `${source}:${programmeId}:${operationId}`;
const add = (a: string, b: string) => toDecimalString(fromDecimalString(a) + fromDecimalString(b));

/** The documents an event touches, for the projector to load before applying it. */
export function documentsTouched(event: ProjectedEvent): DocRef[] {
  const d = event.data as {
    protocolId?: string;
    programmeId?: string;
    operationId?: string;
    envelopeId?: string;
    axes?: Array<{ axis: number }>;
  };
  if (event.type === 'commitments.envelope-opened' && d.envelopeId) return [{ kind: 'envelope', id: d.envelopeId }];
  if (event.type === 'iti-feder.envelope-set' && d.programmeId)
    return (d.axes ?? []).map((a) => ({ kind: 'envelope' as const, id: `${d.programmeId}:axe-${a.axis}` }));
  const source = sourceOf(event.type);
  const programmeId = d.protocolId ?? d.programmeId;
  return source && programmeId && d.operationId
    ? [{ kind: 'operation', id: operationKey(source, programmeId, d.operationId) }]
    : [];
}

/** Applies one event to the operation and envelope documents it touches; returns those to store. Pure. */
export function projectProgrammes(
  docs: Documents,
  event: ProjectedEvent,
): Array<{ ref: DocRef; doc: OperationDoc | EnvelopeDoc }> {
  const d = event.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const refs = documentsTouched(event);
  if (event.type === 'commitments.envelope-opened') {
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
    return (d.axes as Array<{ axis: number; label: string; amount: string; callShare?: string }>).map((axis, i) => {
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
  const answered = (plan: PlanLineDoc[]) =>
    plan.map((line) =>
      line.requestId === d.requestId || (!line.requestId && line.funder === d.funder)
        ? { ...line, booking: d.outcome, ...(d.reason ? { reason: d.reason } : {}) }
        : line,
    );
  const base = { key: ref.id, programmeId: d.protocolId ?? d.programmeId, operationId: d.operationId };
  switch (event.type) {
    case 'renewal-urban.operation-added':
      return created(
        {
          ...base,
          source: 'renewal-urban',
          label: d.label,
          owner: d.projectOwner,
          quartier: d.quartier,
          nature: d.nature,
          cost: d.eligibleBase,
          status: 'ajoutée au protocole',
          plan: [],
        },
        `opération ajoutée, assiette ${d.eligibleBase} € HT`,
      );
    case 'renewal-urban.financing-plan-set':
      return update(
        (doc) => ({
          ...doc,
          status: 'plan de financement établi',
          plan: (d.lines as PlanLineDoc[]).map((l) => ({ funder: l.funder, amount: l.amount })),
        }),
        'plan de financement établi',
      );
    case 'renewal-urban.financing-plan-approved':
      return update(
        (doc) => ({
          ...doc,
          status: `plan approuvé (version ${d.planVersion})`,
          ...(d.act ? { act: d.act } : {}),
          plan: (d.lines as PlanLineDoc[]).map((l) => ({ funder: l.funder, amount: l.amount, requestId: l.requestId })),
        }),
        `plan approuvé (version ${d.planVersion}), demandé au registre des engagements`,
      );
    case 'renewal-urban.funder-line-booking-recorded':
    case 'iti-feder.booking-answered':
      return update(
        (doc) => ({ ...doc, plan: answered(doc.plan) }),
        d.outcome === 'booked' ? `ligne ${d.funder} engagée` : `ligne ${d.funder} refusée : ${d.reason ?? ''}`,
      );
    case 'iti-feder.application-received':
      return created(
        {
          ...base,
          source: 'iti-feder',
          label: d.label,
          owner: d.beneficiary,
          quartier: d.quartier,
          axis: d.axis,
          priority: d.priority,
          cost: d.eligibleCost,
          status: 'demande déposée',
          plan: [
            { funder: 'feder', amount: d.feder },
            ...(d.coFunders as PlanLineDoc[]).map((l) => ({ funder: l.funder, amount: l.amount })),
          ],
        },
        `demande déposée : coût éligible ${d.eligibleCost} €, FEDER ${d.feder} €`,
      );
    case 'iti-feder.application-completed':
      return update((doc) => ({ ...doc, status: 'dossier complet' }), 'dossier complet');
    case 'iti-feder.application-appraised':
      return update(
        (doc) => ({ ...doc, status: d.eligible ? 'instruite : éligible' : 'instruite : inéligible' }),
        d.eligible ? 'instruction : éligible' : 'instruction : inéligible',
      );
    case 'iti-feder.operation-programmed':
      return update(
        (doc) => ({
          ...doc,
          status: 'programmée',
          axis: d.axis,
          plan: (d.lines as PlanLineDoc[]).map((l) => ({ funder: l.funder, amount: l.amount, requestId: l.requestId })),
          feder: { programmed: d.feder, paid: '0.00', released: '0.00' },
        }),
        `programmée en comité du ${d.committeeDate} : FEDER ${d.feder} €`,
      );
    case 'iti-feder.grant-agreed':
      return update(
        (doc) => ({ ...doc, status: 'conventionnée', act: d.act }),
        `convention ${d.act.reference} du ${d.act.date}`,
      );
    case 'iti-feder.payment-made':
      return update(
        (doc) => ({
          ...doc,
          ...(d.kind === 'solde' ? { status: 'soldée' } : {}),
          feder: {
            ...(doc.feder ?? { programmed: '0.00', released: '0.00', paid: '0.00' }),
            paid: add(doc.feder?.paid ?? '0.00', d.amount),
          },
        }),
        `paiement FEDER (${d.kind}) de ${d.amount} €`,
      );
    case 'iti-feder.unused-released':
      return update(
        (doc) => ({
          ...doc,
          feder: {
            ...(doc.feder ?? { programmed: '0.00', paid: '0.00', released: '0.00' }),
            released: add(doc.feder?.released ?? '0.00', d.amount),
          },
        }),
        `dégagement du reliquat FEDER : ${d.amount} €`,
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
