import { accepted, refusalOf } from '@cvl/testing';
import type { CoFinancingRule } from '../domain/co-financing-rules';
import { baseline } from '../test-support/fixtures';
import { Scenario, trace } from '../test-support/scenario';
import { decideRecordCoFinancingRule } from './record-co-financing-rule.decider';

const rule = (overrides: Partial<CoFinancingRule> = {}): CoFinancingRule => ({
  id: 'region-plafond-40',
  from: '2017-01-01',
  label: 'Région : au plus 40 % de la dépense éligible',
  source: 'délibération du conseil régional n° 2016-1234',
  bounds: 'funder',
  funder: 'region',
  maxRateBasisPoints: 4_000,
  ...overrides,
});
const record = (r: CoFinancingRule) => decideRecordCoFinancingRule.bind(null, { rule: r, trace: trace() });

describe('recording a co-financing rule', () => {
  it('keeps the rule, its source and its date: the guard applies it from then on', () => {
    const s = baseline(new Scenario());
    accepted(s.when(record(rule())));
    expect(s.state.coFinancingRules).toEqual([rule()]);
  });

  it('refuses a rule without its source, one that ends before it starts, a funder cap naming no known funder', () => {
    const s = baseline(new Scenario());
    expect(refusalOf(s.when(record(rule({ source: ' ' }))), 'traceability-incomplete').field).toBe('rule.source');
    expect(refusalOf(s.when(record(rule({ to: '2016-01-01' }))), 'operation-calendar').field).toBe('rule.to');
    expect(refusalOf(s.when(record(rule({ funder: 'inconnu' }))), 'unknown-funder').field).toBe('rule.funder');
    expect(refusalOf(s.when(record(rule({ funder: undefined }))), 'unknown-funder').field).toBe('rule.funder');
    expect(s.state.coFinancingRules).toEqual([]);
  });
});
