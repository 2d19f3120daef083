import { formatEurosFr, fromDecimalString } from '@cvl/money';
import type { AeCpDisagreement } from '../ae-cp/ae-cp';
import { FIGURE_KEYS as FIGURES, type Figures } from '../co-financing-matrix/co-financing-matrix';

const euros = (decimal: string) => formatEurosFr(fromDecimalString(decimal));

type FiguresJson = Record<keyof Figures, string>;

/** What the ledger says (commitments' balances): is it balanced, and each funder's figures. */
export interface LedgerBalances {
  funders: Array<{ funder: string; figures: FiguresJson }>;
  ledger: {
    debitsPosted: string;
    creditsPosted: string;
    debitsPending: string;
    creditsPending: string;
    balanced: boolean;
    viewsAgreeWithLedger: boolean;
  };
}

export interface BrokenLinkJson {
  streamId: string;
  revision: number;
  problem: string;
  detail: string;
}

export interface ChainCheck {
  service: string;
  hashChains: {
    ok: boolean;
    streamsChecked: number;
    eventsChecked: number;
    broken?: BrokenLinkJson[];
    problemCount?: number;
    signedLog?: {
      log: string;
      latestHead?: { sequence: number; treeSize: number; signedAt: string; keyId: string };
      unsignedEvents: number;
      witness: { location: string; heads: number };
    };
  };
  /** Events the service's relay set aside, never published: the read models lack them. */
  relay?: {
    deadLetters: {
      count: number;
      latest: Array<{ eventId: string; streamId: string; revision: number; reason: string }>;
    };
  };
  /** Messages the service's consumers set aside at their edge (not what the contract says): never handled. */
  consumers?: {
    deadLetters: {
      count: number;
      latest: Array<{ consumer: string; messageId: string; topic: string; type: string; reason: string }>;
    };
  };
}

/** One broken link in words: where (a stream and version, or the signed log as a whole) and what it means. */
export function describeBrokenLink(link: BrokenLinkJson): string {
  return link.streamId
    ? `flux ${link.streamId}, version ${link.revision} : ${link.detail}`
    : `journal signé : ${link.detail}`;
}

function chainDetail(chain: ChainCheck['hashChains']): string {
  const signed = chain.signedLog?.latestHead;
  const head = signed
    ? ` ; journal signé : tête n° ${signed.sequence} sur ${signed.treeSize} événements (clé ${signed.keyId}), témoin ${chain.signedLog?.witness.heads ?? 0} tête(s)`
    : '';
  if (chain.ok) return `${chain.streamsChecked} flux, ${chain.eventsChecked} événements vérifiés${head}`;
  const broken = chain.broken ?? [];
  const count = chain.problemCount ?? broken.length;
  return `${count} maillon(s) rompu(s)${head} — ${broken.map(describeBrokenLink).join(' ; ')}${count > broken.length ? ` ; et ${count - broken.length} autre(s)` : ''}`;
}

/** The data set's reconciliation, as commitments gives it: how many checks, how many of each verdict. */
export interface ReconciliationSummary {
  document: string;
  checks: number;
  counts: Record<string, number>;
}

/** The ledger registry's operations over one of their co-financing caps (GET /api/commitments/operations?overCap=true). */
export interface OperationsOverCap {
  operations: Array<{
    id: string;
    label: string;
    caps: Array<{
      rule: string;
      label: string;
      source: string;
      cap: string;
      counted: string;
      excess: string;
      ok: boolean;
    }>;
  }>;
}

export interface Disagreement {
  funder: string;
  figure: (typeof FIGURES)[number];
  readModel: string;
  ledger: string;
}

/** Every funder × figure where reporting's read model and the ledger differ (a funder missing on one side counts as zero). */
export function totalsDisagreements(
  readModel: ReadonlyMap<string, FiguresJson>,
  ledger: LedgerBalances['funders'],
): Disagreement[] {
  const ledgerBy = new Map(ledger.map((l) => [l.funder, l.figures]));
  const funders = [...new Set([...readModel.keys(), ...ledgerBy.keys()])].sort();
  return funders.flatMap((funder) =>
    FIGURES.flatMap((figure) => {
      const ours = readModel.get(funder)?.[figure] ?? '0.00';
      const theirs = ledgerBy.get(funder)?.[figure] ?? '0.00';
      return ours === theirs ? [] : [{ funder, figure, readModel: ours, ledger: theirs }];
    }),
  );
}

/**
 * The integrity report: hash chains of every service, the ledger's balance (Σ debits = Σ credits, posted and
 * pending), its views against its accounts, reporting's totals against the ledger's, and the data set's
 * reconciliation. `ok` only when every check holds.
 */
export function integrityReport(input: {
  chains: ChainCheck[];
  balances: LedgerBalances;
  disagreements: Disagreement[];
  reconciliation?: ReconciliationSummary;
  overCap?: OperationsOverCap;
  /** Reporting's AE/CP against the ledger's, year by year (the whole contract). */
  aeCp?: { years: number; disagreements: AeCpDisagreement[] };
  checkedAt: string;
}) {
  const { ledger } = input.balances;
  const checks = [
    ...input.chains.map((c) => ({
      check: `chaîne d’empreintes — ${c.service}`,
      ok: c.hashChains.ok,
      detail: chainDetail(c.hashChains),
      ...(c.hashChains.broken?.length ? { broken: c.hashChains.broken } : {}),
    })),
    ...input.chains
      .filter((c) => c.relay)
      .map((c) => {
        const dead = c.relay?.deadLetters ?? { count: 0, latest: [] };
        return {
          check: `relais — ${c.service} : tout événement publié`,
          ok: dead.count === 0,
          detail:
            dead.count === 0
              ? 'aucun événement mis de côté'
              : `${dead.count} événement(s) mis de côté, jamais publiés — les modèles de lecture ne les ont pas : ${dead.latest.map((d) => `${d.streamId} v${d.revision} (${d.reason})`).join(' ; ')}`,
        };
      }),
    ...input.chains
      .filter((c) => c.consumers)
      .map((c) => {
        const dead = c.consumers?.deadLetters ?? { count: 0, latest: [] };
        return {
          check: `consommateurs — ${c.service} : tout message reçu conforme au contrat`,
          ok: dead.count === 0,
          detail:
            dead.count === 0
              ? 'aucun message mis de côté'
              : `${dead.count} message(s) hors contrat mis de côté, jamais traités : ${dead.latest.map((d) => `${d.type} ${d.messageId} sur ${d.topic} (${d.reason})`).join(' ; ')}`,
        };
      }),
    {
      check: 'grand livre équilibré (Σ débits = Σ crédits)',
      ok:
        ledger.balanced &&
        ledger.debitsPosted === ledger.creditsPosted &&
        ledger.debitsPending === ledger.creditsPending,
      detail: `débits ${euros(ledger.debitsPosted)} / crédits ${euros(ledger.creditsPosted)} (en attente ${euros(ledger.debitsPending)} / ${euros(ledger.creditsPending)})`,
    },
    {
      check: 'vues du registre = comptes du grand livre',
      ok: ledger.viewsAgreeWithLedger,
      detail: ledger.viewsAgreeWithLedger ? 'concordance' : 'écart entre les engagements et leurs comptes',
    },
    {
      check: 'totaux de reporting = totaux du grand livre',
      ok: input.disagreements.length === 0,
      detail:
        input.disagreements.length === 0
          ? `${input.balances.funders.length} financeurs concordants`
          : `${input.disagreements.length} écart(s) — un modèle de lecture en cours de rattrapage peut en montrer un instant`,
    },
    ...(input.overCap
      ? [
          {
            check: 'plafonds de cofinancement : toute opération dans les siens (tous programmes et financeurs)',
            ok: input.overCap.operations.length === 0,
            detail:
              input.overCap.operations.length === 0
                ? 'aucune opération au-delà d’un plafond'
                : input.overCap.operations
                    .map(
                      (o) =>
                        `« ${o.label} » (${o.id}) : ${o.caps
                          .filter((c) => !c.ok)
                          .map(
                            (c) =>
                              `${c.label} — ${euros(c.counted)} pour un plafond de ${euros(c.cap)}, ${euros(c.excess)} de trop (${c.source})`,
                          )
                          .join(' ; ')}`,
                    )
                    .join(' ; '),
          },
        ]
      : []),
    ...(input.aeCp
      ? [
          {
            check: 'AE/CP de reporting = AE/CP du grand livre, année par année',
            ok: input.aeCp.disagreements.length === 0,
            detail:
              input.aeCp.disagreements.length === 0
                ? `${input.aeCp.years} année(s) concordante(s) : engagé et payé`
                : `${input.aeCp.disagreements
                    .map(
                      (d) =>
                        `${d.year}, ${d.figure === 'engaged' ? 'engagé' : 'payé'} : ${euros(d.readModel)} (reporting) / ${euros(d.ledger)} (grand livre)`,
                    )
                    .join(' ; ')} — un modèle de lecture projeté avant les AE/CP se reconstruit par « cvl replay »`,
          },
        ]
      : []),
    ...(input.reconciliation
      ? [
          {
            check: 'rapprochement des montants du document',
            ok: true,
            detail:
              input.reconciliation.checks === 0
                ? 'aucun montant du document enregistré au grand livre : rien à recalculer'
                : `${input.reconciliation.document} : ${input.reconciliation.checks} contrôles — ${input.reconciliation.counts['concorde'] ?? 0} concordants, ${input.reconciliation.counts['arrondi déclaré'] ?? 0} arrondis déclarés, ${input.reconciliation.counts['arrondi à la précision affichée'] ?? 0} arrondis à la précision affichée, ${input.reconciliation.counts['écart'] ?? 0} écarts réels (relevés dans le document, recalculés sur les montants du grand livre)`,
          },
        ]
      : []),
  ];
  return {
    ok: checks.every((c) => c.ok),
    checkedAt: input.checkedAt,
    checks,
    ledger,
    disagreements: input.disagreements,
    ...(input.reconciliation
      ? {
          reconciliation: {
            document: input.reconciliation.document,
            checks: input.reconciliation.checks,
            counts: input.reconciliation.counts,
          },
        }
      : {}),
  };
}

export type IntegrityReport = ReturnType<typeof integrityReport>;
