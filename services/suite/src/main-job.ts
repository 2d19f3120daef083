import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { formatEurosFr, fromDecimalString, parseAmount, type Cents } from '@cvl/money';
import {
  CommitmentsLedger,
  ImportDataSetCommand,
  readDataSet,
  reconcile,
  referenceKey,
  registerOrganisation,
  validateDataSet,
  type DataSet,
} from '@cvl/service-commitments';
import { DEMO_ACCOUNTS } from './sign-in/demo-accounts';

export interface LoadOutcome {
  imported: boolean;
  eventsAppended: number;
  dataSet: DataSet;
}

/**
 * The main job's first step: the contract is loaded on the first start; later starts find every booking of the data
 * set already in the ledger and import nothing.
 */
export async function loadContractOnFirstStart(
  app: INestApplication,
  path: string,
  log: (line: string) => void,
): Promise<LoadOutcome> {
  const read = await readDataSet(path);
  const errors = [...read.errors, ...validateDataSet(read.dataSet)];
  if (errors.length > 0)
    throw new Error(
      `le jeu de données ${path} est invalide : ${errors
        .slice(0, 5)
        .map((e) => `${e.file} l. ${e.row} ${e.column} : ${e.reason}`)
        .join(' ; ')}`,
    );
  const ledger = app.get(CommitmentsLedger);
  const { state } = await ledger.current();
  const bookings = read.dataSet.figures.filter((f) => f.role === 'booking' && f.booking);
  if (bookings.every((f) => state.commitments.has(f.booking?.commitmentId as string))) {
    return { imported: false, eventsAppended: 0, dataSet: read.dataSet };
  }
  log(
    `Chargement du contrat de ville (${read.dataSet.figures.length} montants, ${read.dataSet.operations?.length ?? 0} opérations, ${bookings.length} écritures)…`,
  );
  let shown = 0;
  const summary = await app.get(CommandBus).execute(
    new ImportDataSetCommand({
      dataSet: read.dataSet,
      importer: { subject: 'chargement-initial', organisation: 'call', roles: ['exploitation'] },
      onProgress: ({ done, total }) => {
        const percent = Math.floor((done * 100) / total);
        if (percent >= shown + 25 || done === total) {
          shown = percent;
          log(`  ${percent} % (${done}/${total})`);
        }
      },
    }),
  );
  return { imported: true, eventsAppended: summary.eventsAppended, dataSet: read.dataSet };
}

/**
 * The demo accounts' organisations that fund nothing in the contract (the auditors) are not in its data set: the
 * embedded mode registers them, once, saying so in their source — a token's organisation must be in the reference data.
 */
export async function registerDemoOrganisations(app: INestApplication): Promise<void> {
  const ledger = app.get(CommitmentsLedger);
  const { state } = await ledger.current();
  const registrar = { subject: 'chargement-initial', organisation: 'cvl', roles: ['exploitation' as const] };
  for (const account of DEMO_ACCOUNTS) {
    if (account.organisation === 'cvl' || state.references.has(referenceKey('funder', account.organisation))) continue;
    await registerOrganisation(
      app.get(CommandBus),
      { code: account.organisation, name: account.organisationName },
      registrar,
      {
        kind: 'act',
        reference: 'Mode intégré : organisations des comptes de démonstration (hors contrat)',
      },
    );
  }
}

function statedTotal(dataSet: DataSet, id: string): string {
  const row = dataSet.figures.find((f) => f.id === id);
  return row ? `« ${row.text} » (l. ${row.line})` : '—';
}

function verdictOf(dataSet: DataSet, id: string): string {
  return reconcile(dataSet).find((line) => line.id === id && line.check === 'somme')?.verdict ?? 'non rapproché';
}

/** A few figures read back from the ledger, to show a newcomer the contract traced to the euro. */
export async function headlines(app: INestApplication, dataSet: DataSet): Promise<string[]> {
  const { state } = await app.get(CommitmentsLedger).current();
  const sum = (
    pick: (c: { funder: string; status: string; isPool: boolean }) => boolean,
    amount: (c: { amountCents: Cents; paidCents: Cents; status: string }) => Cents = (c) => c.amountCents,
  ) => [...state.commitments.values()].filter(pick).reduce((total, c) => total + amount(c), 0n);
  const mc = sum((c) => c.funder === 'maisons-et-cites');
  const mcConditional = sum((c) => c.funder === 'maisons-et-cites' && c.status === 'conditional');
  const mcUnallocated = sum((c) => c.funder === 'maisons-et-cites' && c.isPool && c.status !== 'lapsed');
  const partners = sum((c) => c.funder === 'partenaires-publics');
  const partnersConditional = sum((c) => c.funder === 'partenaires-publics' && c.status === 'conditional');
  const call = sum((c) => c.funder === 'call');
  const callRequests = [...state.commitments.values()].filter((c) => c.funder === 'call').length;
  const envelopes = [...state.envelopes.values()].reduce((total, e) => total + e.amountCents, 0n);
  const funders = new Set([...state.commitments.values()].map((c) => c.funder)).size;
  const stated = (id: string) => {
    const row = dataSet.figures.find((f) => f.id === id);
    return row?.amount ? fromDecimalString(row.amount) : parseAmount(row?.text ?? '0');
  };
  return [
    `Contrat de ville chargé : ${state.commitments.size} engagements de ${funders} financeurs, ${state.envelopes.size} enveloppes.`,
    `  Maisons et Cités — investissement : énoncé ${statedTotal(dataSet, 'mc-total-arrondi')}, exact ${formatEurosFr(mc)} (écart ${formatEurosFr(stated('mc-total-arrondi') - mc)} : ${verdictOf(dataSet, 'mc-total-arrondi')})`,
    `    dont conditionnel (éligibilité TFPB) : ${formatEurosFr(mcConditional)} ; non encore ventilé par EPCI (échelle Bassin Minier) : ${formatEurosFr(mcUnallocated)}`,
    `  Subventions sollicitées auprès des partenaires publics : énoncé ${statedTotal(dataSet, 'pp-total-arrondi')}, exact ${formatEurosFr(partners)}, non ventilé entre partenaires : ${formatEurosFr(partners)}, dont sous la même condition (éligibilité TFPB) : ${formatEurosFr(partnersConditional)}`,
    `  Demandes reçues par la CALL (Pas-de-Calais Habitat) : ${callRequests} demandes, ${formatEurosFr(call)} (indicatif)`,
    `  Enveloppe ITI-FEDER (quatre axes, échelle régionale) : ${formatEurosFr(envelopes)}`,
    `  Rapprochement des montants énoncés : npm run cvl -- reconcile`,
  ];
}
