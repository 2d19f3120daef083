import { randomUUID } from 'node:crypto';
import { canonicalJson, type JsonObject, type JsonValue } from '@cvl/event-store';
import { fromDecimalString } from '@cvl/money';
import { actorOf, type Principal } from '@cvl/platform';
import type { BookingTrace } from '../domain/trace';
import { BatchRefusal, type CommitmentsLedger, type Decision } from '../infrastructure/commitments-ledger';
import { DeclareOperationCommand } from '../declare-operation/declare-operation.handler';
import { OpenEnvelopeCommand } from '../open-envelope/open-envelope.handler';
import { RecordCommitmentCommand } from '../record-commitment/record-commitment.handler';
import { RecordReferenceCommand } from '../record-reference/record-reference.handler';
import { RegisterConditionCommand } from '../register-condition/register-condition.handler';
import { RecordDocumentFigureCommand } from '../record-document-figure/record-document-figure.handler';
import { RecordGovernanceStepCommand } from '../record-governance-step/record-governance-step.handler';
import { reasonFor, type DataSet, type FigureRow, type Located } from './data-set';
import { validateDataSet, type ImportError } from './validate';

export class InvalidDataSetError extends Error {
  constructor(readonly errors: ImportError[]) {
    super(
      `Import refusé : ${errors.length} erreur(s), rien n’a été importé.\n${errors.map((e) => `  ${e.file}, ligne ${e.row}, colonne ${e.column} : ${e.reason}`).join('\n')}`,
    );
    this.name = 'InvalidDataSetError';
  }
}

/** Rows already imported whose content the file now changes: refused, with each difference; nothing imported. */
export class ImportDifferenceError extends InvalidDataSetError {
  constructor(errors: ImportError[]) {
    super(errors);
    this.name = 'ImportDifferenceError';
  }
}

/** The commands a data set's rows become: the very ones the API's routes dispatch. */
export type ImportedCommand =
  | RecordReferenceCommand
  | RegisterConditionCommand
  | OpenEnvelopeCommand
  | DeclareOperationCommand
  | RecordCommitmentCommand
  | RecordDocumentFigureCommand
  | RecordGovernanceStepCommand;

export interface ImportProgress {
  done: number;
  total: number;
  step: string;
}

export interface ImportSummary {
  commands: number;
  /** Events appended by this import (0 when everything was already there). */
  eventsAppended: number;
  alreadyPresent: number;
}

/**
 * Imports a data set through the very commands the API runs (their handlers' decisions: `decisionOf`), all or nothing. The whole set is validated; each row
 * is one command, decided on the state the rows before it left, whose events are named after the document and the
 * row; then every new event is appended at once, in one transaction — a refused row, a conflict or a crash writes
 * nothing. A row already imported is passed over if it is the same, and refused with its differences if the file
 * now says something else (a correction is a new event — an amendment — never a silent rewrite). Each row's content
 * is kept in its first event's metadata, so that the next import can tell.
 */
export async function importDataSet(
  ledger: CommitmentsLedger,
  decisionOf: (command: ImportedCommand) => Decision,
  dataSet: DataSet,
  importer: Principal,
  onProgress: (progress: ImportProgress) => void = () => undefined,
): Promise<ImportSummary> {
  const errors = validateDataSet(dataSet);
  if (errors.length > 0) throw new InvalidDataSetError(errors);

  const actor = actorOf(importer);
  const trace = (
    line: number,
    section: string | undefined,
    reasonCode: string,
    effectiveDate = dataSet.effectiveDate,
  ): BookingTrace => ({
    actor,
    reasonCode,
    effectiveDate,
    recordedAt: new Date().toISOString(),
    source: { kind: 'document', document: dataSet.document, line, ...(section ? { section } : {}) },
  });
  const commands: Array<{ key: string; step: string; row: Located; command: ImportedCommand }> = [
    ...dataSet.references.map((r) => ({
      key: `reference:${r.kind}:${r.code}`,
      row: r,
      step: `référentiel ${r.kind} ${r.code}`,
      command: new RecordReferenceCommand({
        kind: r.kind,
        code: r.code,
        name: r.name,
        ...(r.attributes ? { attributes: r.attributes } : {}),
        ...(r.parent ? { parent: r.parent } : {}),
        trace: trace(r.line ?? 1, undefined, 'referentiel'),
      }),
    })),
    ...dataSet.conditions.map((c) => ({
      key: `condition:${c.id}`,
      row: c,
      step: `condition ${c.id}`,
      command: new RegisterConditionCommand({
        conditionId: c.id,
        label: c.label,
        description: c.description,
        trace: trace(c.line, undefined, 'intention'),
      }),
    })),
    ...dataSet.envelopes.map((e) => ({
      key: `envelope:${e.id}`,
      row: e,
      step: `enveloppe ${e.id}`,
      command: new OpenEnvelopeCommand({
        envelopeId: e.id,
        funder: e.funder,
        label: e.label,
        amountCents: fromDecimalString(e.amount),
        ...(e.programme ? { programme: e.programme } : {}),
        ...(e.year ? { year: e.year } : {}),
        trace: trace(e.line, e.section, 'ouverture-enveloppe'),
      }),
    })),
    ...(dataSet.operations ?? []).map((o) => ({
      key: `operation:${o.id}`,
      row: o,
      step: `opération ${o.id}`,
      command: new DeclareOperationCommand({
        operationId: o.id,
        label: o.label,
        projectOwner: o.projectOwner,
        quartiers: o.quartiers ?? [],
        ...(o.stake ? { stake: o.stake } : {}),
        ...(o.axis ? { axis: o.axis } : {}),
        ...(o.objective ? { objective: o.objective } : {}),
        ...(o.nature ? { nature: o.nature } : {}),
        eligibleBaseCents: fromDecimalString(o.eligibleBase),
        ...(o.eligibleBaseTtc ? { eligibleBaseTtcCents: fromDecimalString(o.eligibleBaseTtc) } : {}),
        ...(o.start ? { start: o.start } : {}),
        ...(o.end ? { end: o.end } : {}),
        references: o.references ?? [],
        trace: trace(o.line, o.section, 'referentiel'),
      }),
    })),
    ...dataSet.figures
      .filter((f) => f.role === 'booking' && f.booking)
      .map((f) => {
        const b = f.booking as NonNullable<typeof f.booking>;
        return {
          key: `figure:${f.id}`,
          row: f,
          step: `écriture ${f.id}`,
          command: new RecordCommitmentCommand({
            commitmentId: b.commitmentId,
            funder: b.funder,
            status: b.status,
            ...(b.condition ? { conditionId: b.condition } : {}),
            ...(b.act ? { act: b.act } : {}),
            ...(b.period ? { schedule: { ...b.period, planned: [] } } : {}),
            amountCents: fromDecimalString(f.amount as string),
            isPool: b.isPool ?? false,
            attribution: {
              label: b.label,
              year: b.year,
              scale: f.scale ?? 'CALL',
              ...(b.quartier ? { quartier: b.quartier } : {}),
              ...(b.epci ? { epci: b.epci } : {}),
              ...(b.programme ? { programme: b.programme } : {}),
              ...(b.stake ? { stake: b.stake } : {}),
              ...(b.projectOwner ? { projectOwner: b.projectOwner } : {}),
              ...(b.operation ? { operation: b.operation } : {}),
            },
            stated: {
              text: f.text,
              ...(f.formula ? { formula: { kind: 'product' as const, ...f.formula } } : {}),
              ...(f.range ? { range: f.range } : {}),
            },
            trace: {
              ...trace(f.line, f.section, reasonFor(f.status, b.status), b.effectiveDate),
              ...(f.status ? { memo: f.status } : {}),
            },
          }),
        };
      }),
    ...partsFirst(dataSet.figures).map((f) => ({
      key: `document-figure:${f.id}`,
      row: f,
      step: `montant ${f.id} (l. ${f.line})`,
      command: new RecordDocumentFigureCommand(documentFigureOf(dataSet, f, trace(f.line, f.section, 'referentiel'))),
    })),
    ...(dataSet.governance ?? []).map((g) => ({
      key: `governance:${g.id}`,
      row: g,
      step: `étape ${g.id}`,
      command: new RecordGovernanceStepCommand({
        stepId: g.id,
        kind: g.kind,
        label: g.label,
        window: { from: g.from, to: g.to },
        ...(g.recurrence ? { recurrence: g.recurrence } : {}),
        status: g.status,
        effect: g.effect,
        funders: g.funders ?? [],
        ...(g.condition ? { conditionId: g.condition } : {}),
        ...(g.figures?.length ? { figureIds: g.figures } : {}),
        ...(g.programme ? { programme: g.programme } : {}),
        trace: trace(g.line, g.section, 'referentiel'),
      }),
    })),
  ];

  let outcome;
  try {
    outcome = await ledger.executeBatch(
      commands.map((command) => ({
        context: {
          correlationId: randomUUID(),
          principal: importer,
          commandKey: `import:${dataSet.document}:${command.key}`,
        },
        decide: decisionOf(command.command),
        metadata: { importRow: { document: dataSet.document, key: command.key, content: rowContent(command.row) } },
      })),
      (index) => onProgress({ done: index + 1, total: commands.length, step: commands[index].step }),
      (results) => {
        // A booking row is two commands (its commitment and its line): each of its differences is named once.
        const named = new Set<string>();
        const differences = results
          .flatMap((result, index) => {
            const stored = (result.already?.metadata.importRow as { content?: JsonValue } | undefined)?.content;
            return stored === undefined ? [] : differencesOf(commands[index].row, stored);
          })
          .filter((d) => !named.has(`${d.file}:${d.row}:${d.column}`) && named.add(`${d.file}:${d.row}:${d.column}`));
        if (differences.length > 0) throw new ImportDifferenceError(differences);
      },
    );
  } catch (error) {
    if (!(error instanceof BatchRefusal)) throw error;
    const row = commands[error.index].row;
    throw new InvalidDataSetError([
      {
        file: row.origin?.file ?? dataSet.document,
        row: row.origin?.row ?? 0,
        column: commands[error.index].key,
        reason: `refusé par le registre : ${error.message}`,
      },
    ]);
  }
  const eventsAppended = outcome.recorded.length;
  const alreadyPresent = outcome.results.filter((result) => result.already || result.appended === 0).length;
  return { commands: commands.length, eventsAppended, alreadyPresent };
}

/** The contract's window when a line states none (a data set without one: the year of its effective date). */
function periodOf(dataSet: DataSet, row: FigureRow): { fromYear: number; toYear: number } {
  const year = Number(dataSet.effectiveDate.slice(0, 4));
  return row.period ?? row.booking?.period ?? dataSet.period ?? { fromYear: year, toYear: year };
}

/** A figure row as the line the ledger records: every row, booked or not, with its role, scale, period and links. */
function documentFigureOf(dataSet: DataSet, f: FigureRow, trace: BookingTrace) {
  const operationId = f.booking?.operation ?? f.operation;
  const beneficiary = (dataSet.operations ?? []).find((o) => o.id === operationId)?.projectOwner;
  const funder = f.booking?.funder ?? f.funder;
  const quartier = f.booking?.quartier ?? f.quartier;
  const envelope = f.role === 'envelope' && dataSet.envelopes.some((e) => e.id === f.id);
  return {
    figureId: f.id,
    role: f.role,
    text: f.text,
    ...(f.status ? { wording: f.status } : {}),
    ...(f.amount !== undefined && f.role !== 'pour-memoire' ? { amount: f.amount } : {}),
    ...(f.range ? { range: f.range } : {}),
    ...(f.formula ? { formula: f.formula } : {}),
    ...(f.count !== undefined ? { count: f.count } : {}),
    ...(f.parts?.length ? { parts: f.parts } : {}),
    ...(f.rounding ? { rounding: f.rounding } : {}),
    scale: f.scale ?? 'CALL',
    period: periodOf(dataSet, f),
    ...(funder ? { funder } : {}),
    ...(beneficiary ? { beneficiary } : {}),
    ...(quartier ? { quartier } : {}),
    ...(operationId ? { operation: operationId } : {}),
    ...(f.booking ? { commitmentId: f.booking.commitmentId } : {}),
    ...(envelope ? { envelopeId: f.id } : {}),
    trace,
  };
}

/** Rows in an order where every rollup comes after its parts (the decider checks its parts are recorded). */
function partsFirst(rows: readonly FigureRow[]): FigureRow[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered: FigureRow[] = [];
  const placed = new Set<string>();
  const place = (row: FigureRow, depth: number) => {
    if (placed.has(row.id) || depth > rows.length) return;
    placed.add(row.id);
    for (const part of row.parts ?? []) {
      const inner = byId.get(part);
      if (inner) place(inner, depth + 1);
    }
    ordered.push(row);
  };
  for (const row of rows) place(row, 0);
  return ordered;
}

/** What a row says, without where it was read (file, row): the same row from CSV, XLSX or JSON is the same content. */
function rowContent(row: Located): JsonObject {
  const { origin: _origin, ...content } = row as Located & Record<string, unknown>;
  return JSON.parse(JSON.stringify(content)) as JsonObject;
}

/** Each field a row changes against what was imported before, as the import's refusal names them. */
function differencesOf(row: Located, stored: JsonValue): ImportError[] {
  const now = flatten(rowContent(row));
  const before = flatten(stored);
  const fields = [...new Set([...now.keys(), ...before.keys()])]
    .filter((field) => now.get(field) !== before.get(field))
    .sort();
  return fields.map((field) => ({
    file: row.origin?.file ?? '',
    row: row.origin?.row ?? 0,
    column: field,
    reason: `déjà importé avec « ${display(before.get(field))} », le fichier dit « ${display(now.get(field))} » : une écriture enregistrée ne se réécrit pas ; corrigez-la par un amendement (POST /api/commitments/commitments/{id}/amendments)`,
  }));
}

const display = (text: string | undefined) => (text === undefined ? '(vide)' : (JSON.parse(text) as string));

/** Leaves by path (« booking.amount »), each as canonical JSON; bounded by the rows' own depth. */
function flatten(
  value: JsonValue | undefined,
  prefix = '',
  into = new Map<string, string>(),
  depth = 0,
): Map<string, string> {
  if (depth < 8 && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value))
      flatten(inner, prefix ? `${prefix}.${key}` : key, into, depth + 1);
  } else if (value !== undefined) {
    into.set(prefix, canonicalJson(value));
  }
  return into;
}
