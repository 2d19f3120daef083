import { formatEurosFr, fromDecimalString, toDecimalString } from '@cvl/money';
import type { CommitmentsContract } from '@cvl/contracts';
import { decodeActor, encodeActor, type EventActor } from '@cvl/messaging';

/** What a provenance entry says, in French: amounts as people read them (« 1 700 000,00 € »), statuses in words. */
const fr = (amount: unknown) => formatEurosFr(cents(amount));
const STATUS_WORDS: Record<string, string> = {
  indicative: 'indicatif',
  conditional: 'conditionnel',
  firm: 'ferme',
};

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
  request?: CommitmentsContract.Request;
  attribution: {
    label: string;
    year: number;
    scale: string;
    quartier?: string;
    stake?: string;
    programme?: string;
    epci?: string;
    /** The ledger registry's operation the commitment finances, whichever programme booked it. */
    operation?: string;
  };
  provenance: ProvenanceEntry[];
  /**
   * AE/CP movements, each in the year it takes effect: engaged (AE: became firm — recorded or firmed, a condition met,
   * amended or released while firm, split out of a firm pool) and paid (CP). Absent from documents projected before
   * it existed: `cvl replay` rebuilds them, and the integrity report says so until then.
   */
  aeCp?: Array<{ year: number; engaged: string; paid: string }>;
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

/**
 * An event as the projections read it: its envelope, and its type with its data — any type and data by default, or
 * one publisher's typed union (`@cvl/contracts`) once its consumer's edge has checked it against contracts/.
 */
export type ProjectedEvent<E extends { type: string; data: object } = { type: string; data: Record<string, unknown> }> =
  {
    id: string;
    /** The integration event's `actor` extension, as it travels (see decodeActor). */
    actor: string;
    time: string;
  } & E;

/** A commitments event as published: the edge admitted it, so its data is what its type's schema says. */
export type CommitmentsProjectedEvent = ProjectedEvent<CommitmentsContract.CommitmentsEvent>;

type Doc = ProjectedCommitment;
const cents = (text: unknown) => fromDecimalString(String(text ?? '0.00'));
const add = (a: string, b: bigint) => toDecimalString(fromDecimalString(a) + b);

export function entry(event: ProjectedEvent<{ type: string; data: object }>, change: string): ProvenanceEntry {
  const trace = ((event.data as { trace?: unknown }).trace ?? {}) as {
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
export function touched(event: CommitmentsProjectedEvent): string[] {
  // Read by name across every type: most name one commitment, a condition several, a split its pool and parts.
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

/** The year an event takes effect (its trace's effective date). */
const yearOf = (event: CommitmentsProjectedEvent) => Number(entry(event, '').effectiveDate.slice(0, 4));

/** A document with one more AE/CP movement in the event's year (nothing when both are zero). */
function moved(doc: Doc, event: CommitmentsProjectedEvent, engaged: bigint, paid = 0n): Doc {
  if (engaged === 0n && paid === 0n) return doc;
  const movement = { year: yearOf(event), engaged: toDecimalString(engaged), paid: toDecimalString(paid) };
  return { ...doc, aeCp: [...(doc.aeCp ?? []), movement] };
}

/** Applies one commitments event to the documents it touches; returns the documents to store. Pure. */
export function project(docs: ReadonlyMap<string, Doc>, event: CommitmentsProjectedEvent): Doc[] {
  const get = (id: string) => docs.get(id);
  const changed: Doc[] = [];
  const update = (id: string, change: (doc: Doc) => Doc, words: string) => {
    const doc = get(id);
    if (doc) changed.push({ ...change(doc), provenance: [...doc.provenance, entry(event, words)] });
  };
  switch (event.type) {
    case 'commitments.commitment-recorded':
      if (get(event.data.commitmentId)) return [];
      return [
        moved(
          {
            id: event.data.commitmentId,
            funder: event.data.funder,
            status: event.data.status,
            amount: toDecimalString(cents(event.data.amount)),
            paid: '0.00',
            released: '0.00',
            isPool: Boolean(event.data.isPool),
            ...(event.data.poolId ? { poolId: event.data.poolId } : {}),
            ...(event.data.conditionId ? { conditionId: event.data.conditionId } : {}),
            ...(event.data.envelopeId ? { envelopeId: event.data.envelopeId } : {}),
            ...(event.data.request ? { request: event.data.request } : {}),
            attribution: event.data.attribution,
            provenance: [
              entry(
                event,
                `inscrit ${STATUS_WORDS[event.data.status] ?? event.data.status} pour ${fr(event.data.amount)}`,
              ),
            ],
          },
          event,
          event.data.status === 'firm' ? cents(event.data.amount) : 0n,
        ),
      ];
    case 'commitments.commitment-made-conditional':
      update(
        event.data.commitmentId,
        (doc) => ({ ...doc, status: 'conditional', conditionId: event.data.conditionId }),
        `rendu conditionnel (${event.data.conditionId})`,
      );
      return changed;
    case 'commitments.commitment-firmed':
      update(
        event.data.commitmentId,
        (doc) =>
          moved(
            { ...doc, status: 'firm', amount: toDecimalString(cents(event.data.amount)) },
            event,
            cents(event.data.amount),
          ),
        `affermi pour ${fr(event.data.amount)}`,
      );
      return changed;
    case 'commitments.condition-resolved':
      for (const id of event.data.commitmentIds) {
        // Met: firm by the commitment's own act, else indicative (older events: every one firm).
        const becomes = event.data.statuses?.[id] ?? 'firm';
        update(
          id,
          (doc) =>
            event.data.outcome !== 'met'
              ? { ...doc, status: 'lapsed', amount: '0.00' }
              : becomes === 'firm'
                ? moved(
                    { ...doc, status: 'firm', amount: toDecimalString(cents(event.data.amounts[id])) },
                    event,
                    cents(event.data.amounts[id]),
                  )
                : { ...doc, status: 'indicative', amount: toDecimalString(cents(event.data.amounts[id])) },
          event.data.outcome !== 'met'
            ? 'condition défaillie : caduc'
            : becomes === 'firm'
              ? 'condition remplie : ferme par son acte'
              : 'condition remplie : indicatif, en attente de son acte',
        );
      }
      return changed;
    case 'commitments.commitment-amended':
      update(
        event.data.commitmentId,
        (doc) =>
          moved(
            { ...doc, amount: toDecimalString(cents(event.data.after)) },
            event,
            doc.status === 'firm' ? cents(event.data.after) - cents(event.data.before) : 0n,
          ),
        `${String(event.data.kind).replace(/-/g, ' ')} : ${fr(event.data.before)} → ${fr(event.data.after)}`,
      );
      return changed;
    case 'commitments.payment-recorded':
      update(
        event.data.commitmentId,
        (doc) => moved({ ...doc, paid: add(doc.paid, cents(event.data.amount)) }, event, 0n, cents(event.data.amount)),
        `paiement (${event.data.kind}) de ${fr(event.data.amount)}`,
      );
      return changed;
    case 'commitments.commitment-released':
      update(
        event.data.commitmentId,
        (doc) =>
          doc.status === 'firm'
            ? moved(
                {
                  ...doc,
                  amount: add(doc.amount, -cents(event.data.amount)),
                  released: add(doc.released, cents(event.data.amount)),
                },
                event,
                -cents(event.data.amount),
              )
            : { ...doc, status: 'lapsed', amount: '0.00', released: add(doc.released, cents(event.data.amount)) },
        `dégagement de ${fr(event.data.amount)}`,
      );
      return changed;
    case 'commitments.pool-split': {
      const pool = get(event.data.poolId);
      if (!pool) return [];
      const firm = pool.status === 'firm';
      const splitOut = event.data.parts.reduce((sum, part) => sum + cents(part.amount), 0n);
      changed.push({
        ...moved(pool, event, firm ? -splitOut : 0n),
        amount: toDecimalString(cents(event.data.remaining)),
        provenance: [...pool.provenance, entry(event, `ventilé, reste ${fr(event.data.remaining)}`)],
      });
      for (const part of event.data.parts) {
        if (get(part.commitmentId)) continue;
        const doc: Doc = {
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
          provenance: [entry(event, `part de ${pool.id} : ${fr(part.amount)}`)],
        };
        changed.push(moved(doc, event, firm ? cents(part.amount) : 0n));
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
