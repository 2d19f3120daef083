import { accepted, refusalOf } from '@cvl/testing';
import type { DocumentFigureRecorded } from '../domain/events';
import { baseline, commitment } from '../test-support/fixtures';
import { Scenario, trace } from '../test-support/scenario';
import { decideRecordDocumentFigure } from './record-document-figure.decider';

const line = (
  figureId: string,
  overrides: Partial<DocumentFigureRecorded> = {},
): ((state: Scenario['state']) => ReturnType<typeof decideRecordDocumentFigure>) => {
  return (state) =>
    decideRecordDocumentFigure(
      {
        figureId,
        role: 'context',
        text: '20 M€',
        amount: '20000000.00',
        scale: 'Bassin Minier',
        period: { fromYear: 2015, toYear: 2020 },
        trace: trace({ reasonCode: 'referentiel' }),
        ...overrides,
      },
      state,
    );
};

describe('record a money line of the document', () => {
  it('records a line once; the same line again is nothing new; another content under its id is a conflict', () => {
    const s = baseline(new Scenario());
    expect(accepted(s.when(line('sous-total')))).toHaveLength(1);
    expect(s.state.documentFigures.get('sous-total')?.period).toEqual({ fromYear: 2015, toYear: 2020 });
    expect(accepted(s.when(line('sous-total')))).toEqual([]);
    expect(refusalOf(s.when(line('sous-total', { amount: '21000000.00' })), 'figure-exists').field).toBe('figureId');
  });

  it('keeps a range with its bounds and centre, and refuses one whose centre lies outside', () => {
    const s = baseline(new Scenario());
    const range = { min: '500000.00', max: '1000000.00', central: '750000.00' };
    expect(accepted(s.when(line('unitaire', { role: 'unit-cost', amount: undefined, range })))).toHaveLength(1);
    expect(s.state.documentFigures.get('unitaire')?.range).toEqual(range);
    const outside = line('faux', { role: 'unit-cost', amount: undefined, range: { ...range, central: '1200000.00' } });
    expect(refusalOf(s.when(outside), 'figure-amount').field).toBe('range');
  });

  it('says where it is: a document line, a scale and a window of years', () => {
    const s = baseline(new Scenario());
    const act = trace({ reasonCode: 'referentiel', source: { kind: 'act', reference: 'Délibération 2016-12' } });
    expect(refusalOf(s.when(line('sans-ligne', { trace: act })), 'figure-source-required').field).toBe('trace.source');
    expect(refusalOf(s.when(line('sans-echelle', { scale: ' ' })), 'scale-required').field).toBe('scale');
    const backwards = { fromYear: 2020, toYear: 2015 };
    expect(refusalOf(s.when(line('a-rebours', { period: backwards })), 'invalid-year').field).toBe('period');
  });

  it('records a participation pour mémoire without an amount, naming its partner — and never with one', () => {
    const s = baseline(new Scenario());
    const memo = { role: 'pour-memoire' as const, text: 'à définir', amount: undefined, funder: 'region' };
    expect(accepted(s.when(line('region-2016-2020', memo)))).toHaveLength(1);
    expect(refusalOf(s.when(line('chiffre', { ...memo, amount: '1.00' })), 'figure-amount').field).toBe('amount');
    expect(refusalOf(s.when(line('anonyme', { ...memo, funder: undefined })), 'unknown-funder').field).toBe('funder');
    expect(refusalOf(s.when(line('vide', { amount: undefined })), 'figure-amount').field).toBe('amount');
  });

  it('links a booked line to its commitment, and never books a rollup whose parts are booked', () => {
    const s = baseline(new Scenario()).given(commitment({ commitmentId: 'mc-thermique', amountCents: 65_000_000_00n }));
    const booked = { role: 'booking' as const, commitmentId: 'mc-thermique', funder: 'mc' };
    expect(refusalOf(s.when(line('inconnu', { ...booked, commitmentId: 'absent' })), 'unknown-commitment').field).toBe(
      'commitmentId',
    );
    expect(refusalOf(s.when(line('autre', { ...booked, funder: 'region' })), 'unknown-funder').field).toBe('funder');
    expect(accepted(s.when(line('thermique', booked)))).toHaveLength(1);
    expect(refusalOf(s.when(line('total', { role: 'total', parts: ['absente'] })), 'unknown-figure').field).toBe(
      'parts[0]',
    );
    // The total of booked parts is kept and reconciled — booking it as well would count the same euros twice.
    expect(accepted(s.when(line('total', { role: 'total', parts: ['thermique'] })))).toHaveLength(1);
    const twice = line('total-inscrit', { ...booked, parts: ['total'] });
    expect(refusalOf(s.when(twice), 'rollup-double-booked').field).toBe('role');
  });
});
