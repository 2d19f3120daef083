import { fromDecimalString, toDecimalString } from '@cvl/money';
import { decodeActor, encodeActor, type EventActor } from '@cvl/messaging';

/**
 * The reporting read model of a commitment, rebuilt from commitments' integration events alone (reporting owns no
 * truth and shares no code with the ledger): status, amounts, attribution, and every event that made its figures.
 */
export interface ProjectedCommitment {
  id: string;
  funder: string;
  status: 'indicative' | 'conditional' | 'firm' | 'lapsed';
  amount: string;
  paid: string;
  released: string;
  isPool: boolean;
  poolId?: string;
  conditionId?: string;
  /** The envelope the commitment draws on (a funder's budget, an ITI axis). */
  envelopeId?: string;
  /** When another service asked for the booking: which programme's operation the commitment finances. */
  request?: { source: string; protocolId: string; operationId: string; requestId: string };
  attribution: {
    label: string;
    year: number;
    scale: string;
    quartier?: string;
    stake?: string;
    programme?: string;
    epci?: string;
  };
  provenance: ProvenanceEntry[];
}

/** One event that made a figure: who, when recorded, from when effective, why, on what source, and what it changed. */
export interface ProvenanceEntry {
  eventId: string;
  type: string;
  /** Who: subject, organisation and roles at the time (older events named « subject@organisation », read the same way). */
  actor: EventActor;
  recordedAt: string;
  effectiveDate: string;
  reasonCode: string;
  source: unknown;
  change: string;
}

export interface ProjectedEvent {
  id: string;
  type: string;
  /** The integration event's `actor` extension, as it travels (see decodeActor). */
  actor: string;
  time: string;
  data: Record<string, unknown>;
}

type Doc = ProjectedCommitment;
const cents = (text: unknown) => fromDecimalString(String(text ?? '0.00'));
const add = (a: string, b: bigint) => toDecimalString(fromDecimalString(a) + b);

export function entry(event: ProjectedEvent, change: string): ProvenanceEntry {
  const trace = (event.data.trace ?? {}) as {
    recordedAt?: string;
    effectiveDate?: string;
    reasonCode?: string;
    source?: unknown;
    actor?: unknown;
  };
  const actor = decodeActor(trace.actor === undefined ? event.actor : encodeActor(trace.actor));
  return {
    eventId: event.id,
    type: event.type,
    actor,
    recordedAt: trace.recordedAt ?? event.time,
    effectiveDate: trace.effectiveDate ?? event.time.slice(0, 10),
    reasonCode: trace.reasonCode ?? event.type.slice(event.type.indexOf('.') + 1),
    source: trace.source ?? null,
    change,
  };
}

/** The commitments an event touches, as the projection will need them loaded. */
export function touched(event: ProjectedEvent): string[] {
  const d = event.data as {
    commitmentId?: string;
    commitmentIds?: string[];
    poolId?: string;
    parts?: Array<{ commitmentId: string }>;
  };
  return [
    ...new Set([
      ...(d.commitmentIds ?? []),
      ...(d.commitmentId ? [d.commitmentId] : []),
      ...(d.poolId ? [d.poolId] : []),
      ...(d.parts ?? []).map((p) => p.commitmentId),
    ]),
  ];
}

/** Applies one commitments event to the documents it touches; returns the documents to store. Pure. */
export function project(docs: ReadonlyMap<string, Doc>, event: ProjectedEvent): Doc[] {
  const d = event.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const get = (id: string) => docs.get(id);
  const changed: Doc[] = [];
  const update = (id: string, change: (doc: Doc) => Doc, words: string) => {
    const doc = get(id);
    if (doc) changed.push({ ...change(doc), provenance: [...doc.provenance, entry(event, words)] });
  };
  switch (event.type) {
    case 'commitments.commitment-recorded':
      if (get(d.commitmentId)) return [];
      return [
        {
          id: d.commitmentId,
          funder: d.funder,
          status: d.status,
          amount: toDecimalString(cents(d.amount)),
          paid: '0.00',
          released: '0.00',
          isPool: Boolean(d.isPool),
          ...(d.poolId ? { poolId: d.poolId } : {}),
          ...(d.conditionId ? { conditionId: d.conditionId } : {}),
          ...(d.envelopeId ? { envelopeId: d.envelopeId } : {}),
          ...(d.request ? { request: d.request } : {}),
          attribution: d.attribution,
          provenance: [entry(event, `inscrit ${d.status} pour ${toDecimalString(cents(d.amount))} €`)],
        },
      ];
    case 'commitments.commitment-made-conditional':
      update(
        d.commitmentId,
        (doc) => ({ ...doc, status: 'conditional', conditionId: d.conditionId }),
        `rendu conditionnel (${d.conditionId})`,
      );
      return changed;
    case 'commitments.commitment-firmed':
      update(
        d.commitmentId,
        (doc) => ({ ...doc, status: 'firm', amount: toDecimalString(cents(d.amount)) }),
        `affermi pour ${d.amount} €`,
      );
      return changed;
    case 'commitments.condition-resolved':
      for (const id of d.commitmentIds as string[]) {
        update(
          id,
          (doc) =>
            d.outcome === 'met'
              ? { ...doc, status: 'firm', amount: toDecimalString(cents(d.amounts[id])) }
              : { ...doc, status: 'lapsed', amount: '0.00' },
          d.outcome === 'met' ? 'condition remplie : ferme' : 'condition défaillie : caduc',
        );
      }
      return changed;
    case 'commitments.commitment-amended':
      update(
        d.commitmentId,
        (doc) => ({ ...doc, amount: toDecimalString(cents(d.after)) }),
        `${d.kind} : ${d.before} → ${d.after} €`,
      );
      return changed;
    case 'commitments.payment-recorded':
      update(
        d.commitmentId,
        (doc) => ({ ...doc, paid: add(doc.paid, cents(d.amount)) }),
        `paiement ${d.kind} de ${d.amount} €`,
      );
      return changed;
    case 'commitments.commitment-released':
      update(
        d.commitmentId,
        (doc) =>
          doc.status === 'firm'
            ? { ...doc, amount: add(doc.amount, -cents(d.amount)), released: add(doc.released, cents(d.amount)) }
            : { ...doc, status: 'lapsed', amount: '0.00', released: add(doc.released, cents(d.amount)) },
        `dégagement de ${d.amount} €`,
      );
      return changed;
    case 'commitments.pool-split': {
      const pool = get(d.poolId);
      if (!pool) return [];
      changed.push({
        ...pool,
        amount: toDecimalString(cents(d.remaining)),
        provenance: [...pool.provenance, entry(event, `ventilé, reste ${d.remaining} €`)],
      });
      for (const part of d.parts as Array<{
        commitmentId: string;
        funder: string;
        amount: string;
        epci?: string;
        label?: string;
      }>) {
        if (get(part.commitmentId)) continue;
        changed.push({
          id: part.commitmentId,
          funder: part.funder,
          status: pool.status,
          amount: toDecimalString(cents(part.amount)),
          paid: '0.00',
          released: '0.00',
          isPool: false,
          poolId: pool.id,
          ...(pool.conditionId ? { conditionId: pool.conditionId } : {}),
          attribution: {
            ...pool.attribution,
            ...(part.epci ? { epci: part.epci } : {}),
            ...(part.label ? { label: part.label } : {}),
          },
          provenance: [entry(event, `part de ${pool.id} : ${part.amount} €`)],
        });
      }
      return changed;
    }
    default:
      return [];
  }
}

/** The five figures of a projected commitment, in cents. */
export function figuresOf(doc: ProjectedCommitment) {
  const amount = fromDecimalString(doc.amount);
  const paid = fromDecimalString(doc.paid);
  return {
    indicative: doc.status === 'indicative' ? amount : 0n,
    conditional: doc.status === 'conditional' ? amount : 0n,
    firm: doc.status === 'firm' ? amount : 0n,
    paid,
    outstanding: doc.status === 'firm' ? amount - paid : 0n,
  };
}
