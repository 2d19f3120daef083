import { MoneyParseError, parseFigure } from '@cvl/money';
import { isIsoDate } from '@cvl/ledger';
import { OPERATION_NATURES } from '../domain/co-financing-rules';
import { GOVERNANCE_KINDS } from '../domain/events';
import { FIGURE_ROLES, type DataSet, type Located } from './data-set';

/** One thing wrong with the input: where (file, row, column) and why, in the users' words. */
export interface ImportError {
  file: string;
  row: number;
  column: string;
  reason: string;
}

const AMOUNT = /^\d+\.\d{2}$/;
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const KINDS = ['funder', 'epci', 'quartier', 'programme', 'stake', 'axis', 'objective', 'organisation'];

/**
 * Checks the whole data set before anything is imported, and lists every error, not just the first: a team fixes
 * its file in one pass. Nothing is imported while this list is not empty.
 */
export function validateDataSet(dataSet: DataSet): ImportError[] {
  const errors: ImportError[] = [];
  const at = (row: Located, fallbackFile: string, index: number) =>
    row.origin ?? { file: fallbackFile, row: index + 1 };
  const fail = (row: Located, file: string, index: number, column: string, reason: string) =>
    errors.push({ ...at(row, file, index), column, reason });

  if (!isIsoDate(dataSet.effectiveDate))
    errors.push({ file: 'data-set', row: 0, column: 'effectiveDate', reason: 'date attendue au format AAAA-MM-JJ' });
  const known = new Map<string, Set<string>>(KINDS.map((k) => [k, new Set<string>()]));
  dataSet.references.forEach((r, i) => {
    if (!KINDS.includes(r.kind))
      fail(r, 'references', i, 'kind', `nature inconnue « ${r.kind} » (attendu : ${KINDS.join(', ')})`);
    if (!CODE.test(r.code ?? '')) fail(r, 'references', i, 'code', `code invalide « ${r.code ?? ''} »`);
    else if (known.get(r.kind)?.has(r.code))
      fail(r, 'references', i, 'code', `code en double : ${r.kind} « ${r.code} »`);
    if (!r.name?.trim()) fail(r, 'references', i, 'name', 'libellé manquant');
    if (r.kind === 'quartier' && !/^QP\d{6}$/.test(r.code ?? ''))
      fail(r, 'references', i, 'code', `code de quartier invalide « ${r.code} » (QP suivi de six chiffres)`);
    known.get(r.kind)?.add(r.code);
  });
  dataSet.references.forEach((r, i) => {
    const parentKind = r.kind === 'axis' ? 'stake' : r.kind === 'objective' ? 'axis' : undefined;
    if (parentKind && (!r.parent || !known.get(parentKind)?.has(r.parent)))
      fail(r, 'references', i, 'parent', `parent ${parentKind} inconnu « ${r.parent ?? ''} »`);
  });
  const refCheck = (
    row: Located,
    file: string,
    index: number,
    column: string,
    kind: string,
    code: string | undefined,
  ) => {
    if (code !== undefined && !known.get(kind)?.has(code))
      fail(row, file, index, column, `${kind} inconnu « ${code} » (absent du référentiel)`);
  };

  const conditions = new Set<string>();
  dataSet.conditions.forEach((c, i) => {
    if (!CODE.test(c.id ?? '')) fail(c, 'conditions', i, 'id', `identifiant invalide « ${c.id ?? ''} »`);
    else if (conditions.has(c.id)) fail(c, 'conditions', i, 'id', `identifiant en double « ${c.id} »`);
    conditions.add(c.id);
    if (!c.label?.trim()) fail(c, 'conditions', i, 'label', 'libellé manquant');
    if (!Number.isInteger(c.line) || c.line < 1)
      fail(c, 'conditions', i, 'line', 'numéro de ligne du document attendu');
  });

  const envelopes = new Set<string>();
  dataSet.envelopes.forEach((e, i) => {
    if (!CODE.test(e.id ?? '')) fail(e, 'envelopes', i, 'id', `identifiant invalide « ${e.id ?? ''} »`);
    else if (envelopes.has(e.id)) fail(e, 'envelopes', i, 'id', `identifiant en double « ${e.id} »`);
    envelopes.add(e.id);
    refCheck(e, 'envelopes', i, 'funder', 'funder', e.funder);
    refCheck(e, 'envelopes', i, 'programme', 'programme', e.programme);
    if (!AMOUNT.test(e.amount ?? '') || e.amount === '0.00')
      fail(e, 'envelopes', i, 'amount', `montant invalide « ${e.amount ?? ''} »`);
    if (!Number.isInteger(e.line) || e.line < 1) fail(e, 'envelopes', i, 'line', 'numéro de ligne du document attendu');
  });

  const operations = new Set<string>();
  (dataSet.operations ?? []).forEach((o, i) => {
    if (!CODE.test(o.id ?? '')) fail(o, 'operations', i, 'id', `identifiant invalide « ${o.id ?? ''} »`);
    else if (operations.has(o.id)) fail(o, 'operations', i, 'id', `identifiant en double « ${o.id} »`);
    operations.add(o.id);
    if (!o.label?.trim()) fail(o, 'operations', i, 'label', 'libellé manquant');
    refCheck(o, 'operations', i, 'project_owner', 'funder', o.projectOwner ?? '');
    (o.quartiers ?? []).forEach((q) => refCheck(o, 'operations', i, 'quartiers', 'quartier', q));
    refCheck(o, 'operations', i, 'stake', 'stake', o.stake);
    refCheck(o, 'operations', i, 'axis', 'axis', o.axis);
    refCheck(o, 'operations', i, 'objective', 'objective', o.objective);
    if (o.nature !== undefined && !(OPERATION_NATURES as readonly string[]).includes(o.nature))
      fail(o, 'operations', i, 'nature', `nature inconnue « ${o.nature} » (attendu : ${OPERATION_NATURES.join(', ')})`);
    if (!AMOUNT.test(o.eligibleBase ?? '') || o.eligibleBase === '0.00')
      fail(o, 'operations', i, 'eligible_base', `assiette éligible invalide « ${o.eligibleBase ?? ''} »`);
    if (o.eligibleBaseTtc !== undefined && !AMOUNT.test(o.eligibleBaseTtc))
      fail(o, 'operations', i, 'eligible_base_ttc', `montant invalide « ${o.eligibleBaseTtc} »`);
    for (const [column, date] of [
      ['start', o.start],
      ['end', o.end],
    ] as const)
      if (date !== undefined && !isIsoDate(date))
        fail(o, 'operations', i, column, 'date attendue au format AAAA-MM-JJ');
    for (const [k, reference] of (o.references ?? []).entries())
      if (!/^[a-z][a-z0-9-]{0,39}$/.test(reference.system) || !reference.reference?.trim())
        fail(o, 'operations', i, `references[${k}]`, 'référence attendue sous la forme « système=numéro »');
    if (!Number.isInteger(o.line) || o.line < 1)
      fail(o, 'operations', i, 'line', 'numéro de ligne du document attendu');
  });

  const figureIds = new Set(dataSet.figures.map((f) => f.id));
  const seen = new Set<string>();
  const commitments = new Set<string>();
  dataSet.figures.forEach((f, i) => {
    if (!CODE.test(f.id ?? '')) fail(f, 'figures', i, 'id', `identifiant invalide « ${f.id ?? ''} »`);
    else if (seen.has(f.id)) fail(f, 'figures', i, 'id', `identifiant en double « ${f.id} »`);
    seen.add(f.id);
    if (!Number.isInteger(f.line) || f.line < 1) fail(f, 'figures', i, 'line', 'numéro de ligne du document attendu');
    if (!f.section?.trim()) fail(f, 'figures', i, 'section', 'titre de section manquant');
    if (!FIGURE_ROLES.includes(f.role))
      fail(f, 'figures', i, 'role', `rôle inconnu « ${f.role} » (attendu : ${FIGURE_ROLES.join(', ')})`);
    const pourMemoire =
      f.role === 'pour-memoire' ||
      /^p\.?\s?m\.?$/i.test((f.status ?? '').trim()) ||
      /^p\.?\s?m\.?$/i.test((f.text ?? '').trim());
    if (f.role === 'pour-memoire') {
      if (f.amount !== undefined || f.range !== undefined)
        fail(
          f,
          'figures',
          i,
          'amount',
          'une participation pour mémoire n’a pas de montant : elle n’entre dans aucun total',
        );
      if (!f.funder)
        fail(f, 'figures', i, 'funder', 'une participation pour mémoire nomme le partenaire qui participe');
    } else if (f.amount === undefined && f.range === undefined) {
      fail(
        f,
        'figures',
        i,
        'amount',
        'un montant du document a un montant exact (amount) ou une fourchette (range_min, range_max)',
      );
    }
    if (!f.scale?.trim())
      fail(f, 'figures', i, 'scale', 'échelle manquante (CALL, Bassin Minier, Région, un quartier…)');
    if (f.funder !== undefined && !f.booking) refCheck(f, 'figures', i, 'funder', 'funder', f.funder);
    if (f.quartier !== undefined && !f.booking) refCheck(f, 'figures', i, 'quartier', 'quartier', f.quartier);
    if (f.operation !== undefined && !f.booking && !operations.has(f.operation))
      fail(f, 'figures', i, 'operation', `opération inconnue « ${f.operation} » (absente de la table operations)`);
    const window = f.period ?? dataSet.period;
    if (window && (!Number.isInteger(window.fromYear) || window.fromYear < 1990 || window.toYear < window.fromYear))
      fail(f, 'figures', i, 'period', `période invalide « ${window.fromYear}-${window.toYear} »`);
    if (!f.text?.trim()) fail(f, 'figures', i, 'text', 'le montant tel qu’écrit dans le document manque');
    else if (!pourMemoire) {
      try {
        parseFigure(f.text);
      } catch (error) {
        if (error instanceof MoneyParseError) fail(f, 'figures', i, 'text', error.message);
        else throw error;
      }
    }
    for (const [column, value] of [
      ['amount', f.amount],
      ['formula.unitAmount', f.formula?.unitAmount],
      ['range.min', f.range?.min],
      ['range.max', f.range?.max],
      ['range.central', f.range?.central],
    ] as const) {
      if (value !== undefined && !AMOUNT.test(value)) fail(f, 'figures', i, column, `montant invalide « ${value} »`);
    }
    if (f.formula && (!Number.isInteger(f.formula.quantity) || f.formula.quantity < 1))
      fail(f, 'figures', i, 'formula.quantity', 'quantité entière positive attendue');
    if ((f.role === 'subtotal' || f.role === 'total') && !f.parts?.length)
      fail(f, 'figures', i, 'parts', 'un sous-total nomme les lignes qu’il additionne');
    for (const part of f.parts ?? [])
      if (!figureIds.has(part)) fail(f, 'figures', i, 'parts', `ligne inconnue « ${part} »`);
    if (f.role === 'booking') {
      const b = f.booking;
      if (!b) {
        fail(f, 'figures', i, 'booking', 'une écriture nomme son financeur, son statut, son année et son libellé');
        return;
      }
      if (!f.amount || f.amount === '0.00') fail(f, 'figures', i, 'amount', 'une écriture a un montant exact positif');
      if (!CODE.test(b.commitmentId ?? ''))
        fail(f, 'figures', i, 'booking.commitmentId', `identifiant invalide « ${b.commitmentId ?? ''} »`);
      else if (commitments.has(b.commitmentId))
        fail(f, 'figures', i, 'booking.commitmentId', `engagement en double « ${b.commitmentId} »`);
      commitments.add(b.commitmentId);
      refCheck(f, 'figures', i, 'booking.funder', 'funder', b.funder);
      refCheck(f, 'figures', i, 'booking.quartier', 'quartier', b.quartier);
      refCheck(f, 'figures', i, 'booking.epci', 'epci', b.epci);
      refCheck(f, 'figures', i, 'booking.programme', 'programme', b.programme);
      refCheck(f, 'figures', i, 'booking.stake', 'stake', b.stake);
      if (b.operation !== undefined && !operations.has(b.operation))
        fail(
          f,
          'figures',
          i,
          'booking.operation',
          `opération inconnue « ${b.operation} » (absente de la table operations)`,
        );
      if (!['indicative', 'conditional', 'firm'].includes(b.status))
        fail(f, 'figures', i, 'booking.status', `statut inconnu « ${b.status} »`);
      if (b.status === 'conditional' && (!b.condition || !conditions.has(b.condition)))
        fail(f, 'figures', i, 'booking.condition', `condition inconnue « ${b.condition ?? ''} »`);
      if (b.status === 'firm' && !b.act) fail(f, 'figures', i, 'booking.act', 'une écriture ferme cite son acte');
      if (!Number.isInteger(b.year) || b.year < 2000 || b.year > 2100)
        fail(f, 'figures', i, 'booking.year', `année invalide « ${b.year} »`);
      if (!b.label?.trim()) fail(f, 'figures', i, 'booking.label', 'libellé manquant');
      if (
        b.period &&
        (!Number.isInteger(b.period.fromYear) ||
          !Number.isInteger(b.period.toYear) ||
          b.period.fromYear < 2000 ||
          b.period.toYear < b.period.fromYear ||
          b.year < b.period.fromYear ||
          b.year > b.period.toYear)
      )
        fail(
          f,
          'figures',
          i,
          'booking.period',
          `période invalide « ${b.period.fromYear}-${b.period.toYear} » (années croissantes, l’année ${b.year} comprise)`,
        );
      if (b.effectiveDate !== undefined && !isIsoDate(b.effectiveDate))
        fail(f, 'figures', i, 'booking.effectiveDate', 'date attendue au format AAAA-MM-JJ');
    } else if (f.booking) {
      fail(
        f,
        'figures',
        i,
        'role',
        'seules les lignes de rôle « booking » portent une écriture : les autres ne se comptent pas',
      );
    }
  });
  const stepIds = new Set<string>();
  (dataSet.governance ?? []).forEach((g, i) => {
    if (!CODE.test(g.id ?? '')) fail(g, 'governance', i, 'id', `identifiant invalide « ${g.id ?? ''} »`);
    else if (stepIds.has(g.id)) fail(g, 'governance', i, 'id', `identifiant en double « ${g.id} »`);
    stepIds.add(g.id);
    if (!GOVERNANCE_KINDS.includes(g.kind))
      fail(g, 'governance', i, 'kind', `nature inconnue « ${g.kind} » (attendu : ${GOVERNANCE_KINDS.join(', ')})`);
    if (!g.label?.trim()) fail(g, 'governance', i, 'label', 'libellé manquant');
    if (!g.effect?.trim()) fail(g, 'governance', i, 'effect', 'effet sur les montants ou les statuts manquant');
    if (!isIsoDate(g.from)) fail(g, 'governance', i, 'from', 'date attendue au format AAAA-MM-JJ');
    if (!isIsoDate(g.to) || g.to < g.from)
      fail(g, 'governance', i, 'to', 'date attendue au format AAAA-MM-JJ, au plus tôt celle de « from »');
    if (!['realise', 'prevu', 'attendu'].includes(g.status))
      fail(g, 'governance', i, 'status', `statut inconnu « ${g.status} » (attendu : realise, prevu, attendu)`);
    if (g.recurrence !== undefined && !['annuelle', 'semestrielle'].includes(g.recurrence))
      fail(g, 'governance', i, 'recurrence', `récurrence inconnue « ${g.recurrence} » (annuelle ou semestrielle)`);
    for (const funder of g.funders ?? []) refCheck(g, 'governance', i, 'funders', 'funder', funder);
    if (g.condition !== undefined && !conditions.has(g.condition))
      fail(g, 'governance', i, 'condition', `condition inconnue « ${g.condition} »`);
    for (const figure of g.figures ?? [])
      if (!figureIds.has(figure)) fail(g, 'governance', i, 'figures', `ligne inconnue « ${figure} »`);
    if (!Number.isInteger(g.line) || g.line < 1)
      fail(g, 'governance', i, 'line', 'numéro de ligne du document attendu');
  });
  return errors;
}
