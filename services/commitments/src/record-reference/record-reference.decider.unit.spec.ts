import { referenceKey } from '../domain/state';
import { accepted, refusalOf } from '@cvl/testing';
import { Scenario, trace } from '../test-support/scenario';
import { decideRecordReference, type RecordReference } from './record-reference.decider';

const record = (overrides: Partial<RecordReference>) => (state: Scenario['state']) =>
  decideRecordReference(
    {
      kind: 'funder',
      code: 'region',
      name: 'Région Nord-Pas-de-Calais',
      attributes: { category: 'region' },
      trace: trace({ reasonCode: 'referentiel' }),
      ...overrides,
    },
    state,
  );

describe('record reference data', () => {
  it('records a funder and opens its ledger accounts', () => {
    const s = new Scenario();
    const events = accepted(s.when(record({})));
    expect(events[0].type).toBe('commitments.reference-recorded');
    expect(s.state.references.get(referenceKey('funder', 'region'))?.version).toBe(1);
    expect(s.state.ledger.accounts.has('funder:region')).toBe(true);
  });

  it('records nothing when the same item is recorded again, a new version when it changes', () => {
    const s = new Scenario().given(record({}));
    expect(accepted(s.when(record({})))).toEqual([]);
    accepted(s.when(record({ name: 'Région Hauts-de-France' })));
    expect(s.state.references.get(referenceKey('funder', 'region'))).toMatchObject({
      name: 'Région Hauts-de-France',
      version: 2,
    });
  });

  it('builds the strategy tree: an axis needs a known stake, an objective a known axis', () => {
    const s = new Scenario();
    refusalOf(s.when(record({ kind: 'axis', code: 'A1', name: 'Axe 1' })), 'parent-required');
    refusalOf(s.when(record({ kind: 'axis', code: 'A1', name: 'Axe 1', parent: 'E1' })), 'unknown-parent');
    s.given(record({ kind: 'stake', code: 'E1', name: 'Cohésion sociale', attributes: {} }));
    s.given(record({ kind: 'axis', code: 'A1', name: 'Axe 1', parent: 'E1', attributes: {} }));
    accepted(s.when(record({ kind: 'objective', code: 'O1', name: 'Objectif 1', parent: 'A1', attributes: {} })));
  });

  it('refuses a quartier code that is not a QPV code, an empty name, and an untraceable record', () => {
    const s = new Scenario();
    expect(
      refusalOf(s.when(record({ kind: 'quartier', code: '62024', name: 'Cité 12/14' })), 'invalid-qpv-code').field,
    ).toBe('code');
    expect(refusalOf(s.when(record({ name: ' ' })), 'name-required').field).toBe('name');
    expect(refusalOf(s.when(record({ code: ' ' })), 'code-required').field).toBe('code');
    refusalOf(
      s.when(record({ trace: trace({ actor: { subject: ' ', organisation: 'call', roles: [] } }) })),
      'traceability-incomplete',
    );
    refusalOf(s.when(record({ trace: trace({ reasonCode: 'parce-que' }) })), 'unknown-reason');
  });
});
