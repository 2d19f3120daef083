import { MoneyParseError, parseFigure, toDecimalString } from '@cvl/money';
import type { CommitmentAttribution, ReferenceKind, StatedFigure } from './events';
import { type Refusal } from '@cvl/refusal';
import { refuse } from './refusals';
import { referenceKey, type CommitmentsState } from './state';

const ATTRIBUTION_REFERENCES: Array<[keyof CommitmentAttribution, ReferenceKind]> = [
  ['programme', 'programme'],
  ['quartier', 'quartier'],
  ['epci', 'epci'],
  ['stake', 'stake'],
  ['axis', 'axis'],
  ['objective', 'objective'],
];

/** Every euro attaches to a quartier, an enjeu/axe/objectif, a programme and a year: what is named must exist. */
export function checkAttribution(
  state: CommitmentsState,
  attribution: CommitmentAttribution,
  prefix = 'attribution',
): Refusal | undefined {
  if (!attribution.label?.trim())
    return refuse('label-required', 'Libellé de l’engagement obligatoire', { field: `${prefix}.label` });
  if (!Number.isInteger(attribution.year) || attribution.year < 2000 || attribution.year > 2100) {
    return refuse('invalid-year', `Année invalide : ${attribution.year}`, { field: `${prefix}.year` });
  }
  if (!attribution.scale?.trim())
    return refuse('scale-required', 'Échelle obligatoire (CALL, Bassin Minier, Région…)', { field: `${prefix}.scale` });
  for (const [field, kind] of ATTRIBUTION_REFERENCES) {
    const code = attribution[field];
    if (typeof code === 'string' && !state.references.has(referenceKey(kind, code))) {
      return refuse('unknown-reference', `Référence inconnue : ${kind} « ${code} »`, { field: `${prefix}.${field}` });
    }
  }
  if (attribution.operation !== undefined && !state.operations.has(attribution.operation))
    return refuse(
      'unknown-operation',
      `Opération inconnue du registre : « ${attribution.operation} » (déclarez-la d’abord : POST /api/commitments/operations)`,
      { field: `${prefix}.operation` },
    );
  return undefined;
}

/** Reads the figure as its source states it; the ledger books exact euros and keeps this for reconciliation. */
export function readStated(
  stated: StatedFigure | undefined,
  field = 'stated.text',
): StatedFigure | Refusal | undefined {
  if (!stated) return undefined;
  if (!stated.text?.trim()) return refuse('stated-text-required', 'Texte du montant tel qu’énoncé manquant', { field });
  let figure;
  try {
    figure = parseFigure(stated.text);
  } catch (error) {
    if (error instanceof MoneyParseError) return refuse('stated-unreadable', error.message, { field });
    throw error;
  }
  if (figure.kind === 'amount') {
    // One amount has no range: whatever bounds came with it are not the text's.
    const { range: _none, ...single } = stated;
    return { ...single, amount: toDecimalString(figure.cents) };
  }
  return {
    ...stated,
    range: {
      min: toDecimalString(figure.minCents),
      max: toDecimalString(figure.maxCents),
      ...(stated.range?.central
        ? { central: stated.range.central }
        : figure.centralCents !== undefined
          ? { central: toDecimalString(figure.centralCents) }
          : {}),
    },
  };
}
