import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { ActorRef, SourceReference } from '@cvl/ledger';
import { formatEurosFr, fromDecimalString } from '@cvl/money';
import { CommitmentsLedger, referenceKey, type DataSet } from '@cvl/service-commitments';
import { ProgrammeRepository, SetEnvelopeCommand } from '@cvl/service-iti-feder';
import {
  DraftProtocolCommand,
  FormPurchasingGroupCommand,
  ListNpnruQuartierCommand,
  NPNRU_LIST_ID,
  ProtocolRepository,
} from '@cvl/service-renewal-urban';

/** What the contract says of its programmes (data/<contract>/programmes.json): the NPNRU protocol, the ITI. */
interface ProgrammesFile {
  npnru?: {
    protocolId: string;
    label: string;
    stake?: string;
    line: number;
    section: string;
    parties: Array<{ code: string; role: string }>;
    purchasingGroup?: { members: string[]; line: number; memo: string };
  };
  iti?: {
    programmeId: string;
    line: number;
    section: string;
    axes: Array<{ axis: number; envelope: string }>;
  };
}

/** « sont respectivement concernés à ce jour la cité du 12-14 de Lens au titre du NPNRU d'intérêt national… » */
const NPNRU_LIST_LINE = 3519;

const LOADER: ActorRef = { subject: 'chargement-initial', organisation: 'call', roles: ['exploitation'] };

/**
 * The main job's second step: the programmes the contract describes, in their own services — the NPNRU préfiguration
 * protocol (its quartiers as the reference data says, with their NPNRU interest; its parties; the purchasing group)
 * and the ITI programme (its envelope by axis, from the ledger's envelopes). Each is loaded once: a service that has
 * it already is left as it is. Nothing the document does not say is added: no study amount, no cost-sharing key, no
 * CALL share of the ITI (the avenant expected at the end of 2015 sets it, l. 4869), no strategy the CALL has not
 * adopted yet.
 */
export async function loadProgrammesOnFirstStart(
  app: INestApplication,
  path: string,
  dataSet: DataSet,
  log: (line: string) => void,
): Promise<string[]> {
  const file = join(path, 'programmes.json');
  if (!existsSync(file)) return [];
  const programmes = JSON.parse(readFileSync(file, 'utf8')) as ProgrammesFile;
  const { state } = await app.get(CommitmentsLedger).current();
  const bus = app.get(CommandBus);
  const trace = (line: number, section: string, memo?: string) => ({
    actor: LOADER,
    effectiveDate: dataSet.effectiveDate,
    recordedAt: new Date().toISOString(),
    source: { kind: 'document', document: dataSet.document, line, section } as SourceReference,
    ...(memo ? { memo } : {}),
  });
  const loaded: string[] = [];
  const npnru = programmes.npnru;
  if (npnru && !(await app.get(ProtocolRepository).load(npnru.protocolId)).state) {
    // The quartiers are those the reference data marks as NPNRU, with the interest it gives each.
    const quartiers = [...state.references.values()]
      .filter((r) => r.kind === 'quartier' && (r.attributes.npnru === 'national' || r.attributes.npnru === 'regional'))
      .map((r) => ({ code: r.code, name: r.name, interest: r.attributes.npnru as 'national' | 'regional' }));
    // ANRU's list as the document states it (l. 3519): the protocol is drafted against it.
    for (const quartier of quartiers)
      await bus.execute(
        new ListNpnruQuartierCommand(NPNRU_LIST_ID, { ...quartier, trace: trace(NPNRU_LIST_LINE, npnru.section) }),
      );
    const name = (code: string) => state.references.get(referenceKey('funder', code))?.name ?? code;
    await bus.execute(
      new DraftProtocolCommand(npnru.protocolId, {
        protocolId: npnru.protocolId,
        label: npnru.label,
        quartiers,
        parties: npnru.parties.map((p) => ({ ...p, name: name(p.code) })),
        ...(npnru.stake ? { stake: npnru.stake } : {}),
        trace: trace(npnru.line, npnru.section),
      }),
    );
    if (npnru.purchasingGroup)
      await bus.execute(
        new FormPurchasingGroupCommand(npnru.protocolId, {
          members: npnru.purchasingGroup.members.map((code) => ({ code })),
          trace: trace(npnru.purchasingGroup.line, npnru.section, npnru.purchasingGroup.memo),
        }),
      );
    loaded.push(`protocole ${npnru.protocolId} (${quartiers.length} quartiers, ${npnru.parties.length} parties)`);
  }
  const iti = programmes.iti;
  if (iti && !(await app.get(ProgrammeRepository).load(iti.programmeId)).state) {
    const axes = iti.axes.map(({ axis, envelope }) => {
      const opened = state.envelopes.get(envelope);
      if (!opened)
        throw new Error(`programmes.json : l’enveloppe ${envelope} de l’axe ${axis} n’est pas au grand livre`);
      return { axis, label: opened.label, amountCents: opened.amountCents };
    });
    await bus.execute(
      new SetEnvelopeCommand(iti.programmeId, {
        programmeId: iti.programmeId,
        axes,
        trace: trace(iti.line, iti.section),
      }),
    );
    loaded.push(`programme ITI ${iti.programmeId} (${axes.length} axes)`);
  }
  if (loaded.length) log(`Programmes chargés : ${loaded.join(', ')}.`);
  return describeProgrammes(app, programmes);
}

/** The programmes as they stand, for the start banner: read from their services, whatever loaded them. */
async function describeProgrammes(app: INestApplication, programmes: ProgrammesFile): Promise<string[]> {
  const lines: string[] = [];
  if (programmes.npnru) {
    const protocol = (await app.get(ProtocolRepository).load(programmes.npnru.protocolId)).state;
    if (protocol) {
      const interest = { national: 'intérêt national', regional: 'intérêt régional' } as const;
      // The reference data's names often say the interest already (« Cité 12-14 (NPNRU, intérêt national) »).
      const quartiers = protocol.quartiers
        .map((q) => (q.name?.includes(interest[q.interest]) ? q.name : `${q.name ?? q.code} (${interest[q.interest]})`))
        .join(', ');
      const group = protocol.purchasingGroup;
      const key = group.some((m) => m.weight === undefined)
        ? 'clé de répartition à définir'
        : 'clé de répartition fixée';
      lines.push(
        `  Protocole de préfiguration NPNRU : ${quartiers} ; ${protocol.parties.length} parties${group.length ? `, groupement de commandes de ${group.length} membres (${key})` : ''}`,
      );
    }
  }
  if (programmes.iti) {
    const programme = (await app.get(ProgrammeRepository).load(programmes.iti.programmeId)).state;
    if (programme) {
      const total = programme.axes.reduce((sum, axis) => sum + fromDecimalString(axis.amount), 0n);
      lines.push(
        `  Programme ITI-FEDER : ${programme.axes.length} axes, ${formatEurosFr(total)} à l’échelle régionale ; part de la CALL ${programme.axes.some((a) => a.callShare) ? 'fixée' : 'à fixer par l’avenant ITI attendu fin 2015'}`,
      );
    }
  }
  return lines;
}
