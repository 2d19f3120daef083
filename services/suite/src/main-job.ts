import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { formatEurosFr, fromDecimalString } from '@cvl/money';
import {
  CommitmentsLedger,
  ImportDataSetCommand,
  readDataSet,
  reconcile,
  recordedFigures,
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

/**
 * A few figures read back from the ledger, to show a newcomer the contract traced to the euro. Each is a precise
 * query — whose money, for whom, under which programme — so that what the suite later records does not blur it.
 */
export async function headlines(app: INestApplication): Promise<string[]> {
  const { state } = await app.get(CommitmentsLedger).current();
  const commitments = [...state.commitments.values()];
  const sum = (pick: (c: (typeof commitments)[number]) => boolean) =>
    commitments.filter(pick).reduce((total, c) => total + c.amountCents, 0n);
  const ownerOf = (c: (typeof commitments)[number]) =>
    c.attribution.operation ? state.operations.get(c.attribution.operation)?.projectOwner : undefined;
  const live = (c: (typeof commitments)[number]) => c.status !== 'lapsed';
  const mc = sum((c) => c.funder === 'maisons-et-cites' && live(c));
  const mcConditional = sum((c) => c.funder === 'maisons-et-cites' && c.status === 'conditional');
  const mcUnallocated = sum((c) => c.funder === 'maisons-et-cites' && c.isPool && live(c));
  const partners = sum((c) => c.funder === 'partenaires-publics' && live(c));
  const partnersUnallocated = sum((c) => c.funder === 'partenaires-publics' && c.isPool && live(c));
  const partnersConditional = sum((c) => c.funder === 'partenaires-publics' && c.status === 'conditional');
  const fromPdch = (c: (typeof commitments)[number]) => c.funder === 'call' && ownerOf(c) === 'pas-de-calais-habitat';
  const pdch = sum((c) => fromPdch(c) && live(c));
  const pdchRequests = commitments.filter((c) => fromPdch(c) && live(c)).length;
  const iti = [...state.envelopes.values()].filter((e) => e.programme === 'iti-feder');
  const itiTotal = iti.reduce((total, e) => total + e.amountCents, 0n);
  const funders = new Set(commitments.map((c) => c.funder)).size;
  const lines = reconcile(recordedFigures(state));
  const total = (id: string) => {
    const figure = state.documentFigures.get(id);
    const line = lines.find((l) => l.id === id && l.check === 'somme');
    if (!figure || !line) return `${formatEurosFr(0n)} (non rapproché)`;
    const source = figure.trace.source;
    return `énoncé « ${figure.text} » (l. ${source.kind === 'document' ? source.line : '?'}), exact ${formatEurosFr(fromDecimalString(line.computed))} (écart ${formatEurosFr(fromDecimalString(line.gap))} : ${line.verdict})`;
  };
  const gaps = lines.filter((l) => l.verdict === 'écart').length;
  const figures = [...state.documentFigures.values()];
  const memo = figures.filter((f) => f.role === 'pour-memoire');
  const name = (code: string | undefined) =>
    code ? (state.references.get(referenceKey('funder', code))?.name ?? code) : '';
  return [
    `Contrat de ville chargé : ${commitments.length} engagements de ${funders} financeurs, ${state.envelopes.size} enveloppes, ${figures.length} montants du document avec leur ligne.`,
    `  Maisons et Cités — investissement : ${total('mc-total-arrondi')}`,
    `    dont conditionnel (éligibilité TFPB) : ${formatEurosFr(mcConditional)} ; non encore ventilé par EPCI (échelle Bassin Minier) : ${formatEurosFr(mcUnallocated)} sur ${formatEurosFr(mc)}`,
    `  Subventions sollicitées auprès des partenaires publics : ${total('pp-total-arrondi')}`,
    `    non ventilé entre partenaires : ${formatEurosFr(partnersUnallocated)} sur ${formatEurosFr(partners)}, dont sous la même condition (éligibilité TFPB) : ${formatEurosFr(partnersConditional)}`,
    `  Demandes de Pas-de-Calais Habitat à la CALL : ${pdchRequests} demandes, ${formatEurosFr(pdch)} (indicatif)`,
    `  Enveloppe ITI-FEDER (${iti.length} axes, échelle régionale) : ${formatEurosFr(itiTotal)}`,
    ...memo.map(
      (f) =>
        `  Pour mémoire (sans montant) : ${name(f.funder)}, ${f.period.fromYear}-${f.period.toYear} — ${f.wording ?? f.text}`,
    ),
    `  Rapprochement : ${lines.length} contrôles, ${gaps} écart(s) réel(s) — npm run cvl -- reconcile`,
  ];
}
