import { randomUUID } from 'node:crypto';
import { fromDecimalString } from '@cvl/money';
import { actorOf, runInContext, type Principal } from '@cvl/platform';
import type { BookingTrace } from '../domain/trace';
import type { CommitmentsLedger, Decision } from '../infrastructure/commitments-ledger';
import { decideOpenEnvelope } from '../open-envelope/open-envelope.decider';
import { decideRecordCommitment } from '../record-commitment/record-commitment.decider';
import { decideRecordReference } from '../record-reference/record-reference.decider';
import { decideRegisterCondition } from '../register-condition/register-condition.decider';
import { reasonFor, type DataSet } from './data-set';
import { validateDataSet, type ImportError } from './validate';

export class InvalidDataSetError extends Error {
  constructor(readonly errors: ImportError[]) {
    super(`Import refusé : ${errors.length} erreur(s), rien n’a été importé.\n${errors.map((e) => `  ${e.file}, ligne ${e.row}, colonne ${e.column} : ${e.reason}`).join('\n')}`);
    this.name = 'InvalidDataSetError';
  }
}

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
 * Imports a data set through the very commands the API runs. The whole set is validated first; then each row is
 * one command whose events are named after the document and the row, so importing again appends nothing.
 */
export async function importDataSet(
  ledger: CommitmentsLedger,
  dataSet: DataSet,
  importer: Principal,
  onProgress: (progress: ImportProgress) => void = () => undefined,
): Promise<ImportSummary> {
  const errors = validateDataSet(dataSet);
  if (errors.length > 0) throw new InvalidDataSetError(errors);

  const actor = actorOf(importer);
  const trace = (line: number, section: string | undefined, reasonCode: string, effectiveDate = dataSet.effectiveDate): BookingTrace => ({
    actor,
    reasonCode,
    effectiveDate,
    recordedAt: new Date().toISOString(),
    source: { kind: 'document', document: dataSet.document, line, ...(section ? { section } : {}) },
  });
  const commands: Array<{ key: string; step: string; decide: Decision }> = [
    ...dataSet.references.map((r) => ({
      key: `reference:${r.kind}:${r.code}`,
      step: `référentiel ${r.kind} ${r.code}`,
      decide: ((state) => decideRecordReference({ kind: r.kind, code: r.code, name: r.name, ...(r.attributes ? { attributes: r.attributes } : {}), ...(r.parent ? { parent: r.parent } : {}), trace: trace(r.line ?? 1, undefined, 'referentiel') }, state)) as Decision,
    })),
    ...dataSet.conditions.map((c) => ({
      key: `condition:${c.id}`,
      step: `condition ${c.id}`,
      decide: ((state) => decideRegisterCondition({ conditionId: c.id, label: c.label, description: c.description, trace: trace(c.line, undefined, 'intention') }, state)) as Decision,
    })),
    ...dataSet.envelopes.map((e) => ({
      key: `envelope:${e.id}`,
      step: `enveloppe ${e.id}`,
      decide: ((state, context) =>
        decideOpenEnvelope({ envelopeId: e.id, funder: e.funder, label: e.label, amountCents: fromDecimalString(e.amount), ...(e.programme ? { programme: e.programme } : {}), ...(e.year ? { year: e.year } : {}), trace: trace(e.line, e.section, 'ouverture-enveloppe') }, state, context)) as Decision,
    })),
    ...dataSet.figures
      .filter((f) => f.role === 'booking' && f.booking)
      .map((f) => {
        const b = f.booking as NonNullable<typeof f.booking>;
        return {
          key: `figure:${f.id}`,
          step: `écriture ${f.id}`,
          decide: ((state, context) =>
            decideRecordCommitment(
              {
                commitmentId: b.commitmentId,
                funder: b.funder,
                status: b.status,
                ...(b.condition ? { conditionId: b.condition } : {}),
                ...(b.act ? { act: b.act } : {}),
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
                },
                stated: { text: f.text, ...(f.formula ? { formula: { kind: 'product' as const, ...f.formula } } : {}), ...(f.range?.central ? { range: { min: '', max: '', central: f.range.central } } : {}) },
                trace: { ...trace(f.line, f.section, reasonFor(f.status, b.status), b.effectiveDate), ...(f.status ? { memo: f.status } : {}) },
              },
              state,
              context,
            )) as Decision,
        };
      }),
  ];

  let eventsAppended = 0;
  let alreadyPresent = 0;
  for (const [index, command] of commands.entries()) {
    const executed = await runInContext({ correlationId: randomUUID(), principal: importer, commandKey: `import:${dataSet.document}:${command.key}` }, () => ledger.execute(command.decide));
    if (executed.replayed || executed.recorded.length === 0) alreadyPresent++;
    else eventsAppended += executed.recorded.length;
    onProgress({ done: index + 1, total: commands.length, step: command.step });
  }
  return { commands: commands.length, eventsAppended, alreadyPresent };
}
