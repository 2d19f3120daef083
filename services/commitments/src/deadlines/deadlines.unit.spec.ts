import type { TimelineEntry } from '../record-governance-step/timeline.query';
import { addMonths, deadlinesOf } from './deadlines';
import { deadlinesDigest } from './deadlines.digest';

/** Governance steps as the contract states them (governance.csv), and one half-yearly step made up for the rule. */
const step = (ref: string, from: string, to: string, status: TimelineEntry['status'], recurrence?: string) =>
  ({
    from,
    to,
    kind: 'revoyure',
    kindLabel: 'clause de revoyure',
    label: ref,
    status,
    statusLabel: status,
    ...(recurrence ? { recurrence } : {}),
    effect: '',
    funders: [],
    origin: 'gouvernance',
    ref,
    line: 1,
  }) as TimelineEntry;

const entries: TimelineEntry[] = [
  step('avenant-iti-2015', '2015-10-01', '2015-12-31', 'prevu'),
  step('region-revoyure-2016', '2016-01-01', '2016-12-31', 'prevu'),
  step('region-deliberation-cadre', '2015-02-16', '2015-02-16', 'realise'),
  step('tfpb-eligibilite', '2015-01-01', '2020-12-31', 'attendu'),
  step('comite-pilotage-annuel', '2015-01-01', '2020-12-31', 'prevu', 'annuelle'),
  step('revoyure-trois-ans', '2018-01-01', '2018-12-31', 'prevu'),
  step('suivi-semestriel', '2017-03-15', '2018-12-31', 'prevu', 'semestrielle'),
  { ...step('acte', '2016-05-01', '2016-05-01', 'prevu'), origin: 'grand-livre' },
];

describe('the end of a period', () => {
  const period = (ref: string, from: string, to: string) =>
    ({ ...step(ref, from, to, 'realise'), kind: 'periode', kindLabel: 'période', label: ref }) as TimelineEntry;
  it('falls due on its last day, whatever its status, only when it ends within the horizon — never late', () => {
    const periods = [
      period('caf-cog-2013-2017', '2013-01-01', '2017-12-31'),
      period('contrat-periode', '2015-01-01', '2020-12-31'),
      period('deja-close', '2013-01-01', '2016-12-31'),
    ];
    // 01/07/2017 → 31/12/2017: 183 days; the contract's period ends beyond 01/01/2019; the one closed in 2016 is past.
    expect(
      deadlinesOf(periods, '2017-07-01', '2019-01-01').map((d) => [
        d.ref,
        d.due,
        d.state,
        d.days,
        d.kindLabel,
        d.label,
      ]),
    ).toEqual([['caf-cog-2013-2017', '2017-12-31', 'a-venir', 183, 'fin de période', 'Fin : caf-cog-2013-2017']]);
    expect(deadlinesOf(periods, '2020-01-01', '2021-01-01').map((d) => d.ref)).toEqual(['contrat-periode']);
  });
});

describe('deadlines of the contract’s governance', () => {
  it('adds months on the calendar, the month’s last day when it has no such day', () => {
    expect(addMonths('2017-07-01', 18)).toBe('2019-01-01');
    expect(addMonths('2016-01-31', 1)).toBe('2016-02-29');
    expect(addMonths('2017-01-31', 1)).toBe('2017-02-28');
    expect(addMonths('2017-11-30', 3)).toBe('2018-02-28');
    expect(addMonths('2015-12-15', 0)).toBe('2015-12-15');
  });

  it('on 1 July 2017 for 18 months: what is late, then what falls due, each by the last day of its window', () => {
    // Days counted by hand: 31/12/2015 → 01/07/2017 is 366 + 182 = 548 days (2016 is a leap year); 31/12/2016 → 182;
    // 01/07/2017 → 31/12/2017 is 183; → 30/06/2018, 364; → 31/12/2018, 548. The horizon ends on 01/01/2019.
    const got = deadlinesOf(entries, '2017-07-01', addMonths('2017-07-01', 18)).map((d) => [
      d.ref,
      d.occurrence ?? '',
      d.due,
      d.state,
      d.days,
    ]);
    expect(got).toEqual([
      ['avenant-iti-2015', '', '2015-12-31', 'en-retard', -548],
      ['region-revoyure-2016', '', '2016-12-31', 'en-retard', -182],
      ['comite-pilotage-annuel', '2017', '2017-12-31', 'a-venir', 183],
      ['suivi-semestriel', '2017, 2e semestre', '2017-12-31', 'a-venir', 183],
      ['suivi-semestriel', '2018, 1er semestre', '2018-06-30', 'a-venir', 364],
      ['comite-pilotage-annuel', '2018', '2018-12-31', 'a-venir', 548],
      ['revoyure-trois-ans', '', '2018-12-31', 'a-venir', 548],
      ['suivi-semestriel', '2018, 2e semestre', '2018-12-31', 'a-venir', 548],
    ]);
  });

  it('leaves out what is done, a ledger fact, what falls due beyond the horizon, and a recurring step’s past occurrences', () => {
    const refs = deadlinesOf(entries, '2019-02-01', addMonths('2019-02-01', 6)).map((d) =>
      `${d.ref} ${d.occurrence ?? ''}`.trim(),
    );
    // The TFPB condition is awaited until 31/12/2020: beyond 01/08/2019. The 2019 committee falls due on 31/12/2019.
    expect(refs).toEqual(['avenant-iti-2015', 'region-revoyure-2016', 'revoyure-trois-ans']);
    expect(deadlinesOf(entries, '2019-02-01', addMonths('2019-02-01', 11)).map((d) => d.ref)).toContain(
      'comite-pilotage-annuel',
    );
  });
});

describe('the daily digest of the deadlines', () => {
  it('reads late first, then the next thirty days, then the rest — each with its stake, effect, funders and source', () => {
    const deadlines = deadlinesOf(entries, '2017-12-15', '2018-12-31');
    const digest = deadlinesDigest(
      {
        asOf: '2017-12-15',
        until: '2018-12-31',
        deadlines: [
          ...deadlines,
          {
            ...deadlines[0],
            due: '2018-01-10',
            state: 'a-venir',
            stateLabel: 'à venir',
            days: 26,
            kind: 'degagement-n3',
            kindLabel: 'dégagement d’office (n+3)',
            label: 'Tranche 2014 du FEDER',
            ref: 'n3',
            amountFormatted: '40 000,00 €',
          },
        ],
      },
      '2017-12-15T06:00:00.000Z',
    );
    const lines = digest.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'Échéances du contrat de ville de Lens-Liévin 2015-2020',
      'Au 15/12/2017, jusqu’au 31/12/2018 — état du 15/12/2017 à 07:00 (heure de Paris)',
      '2 échéances en retard, 3 dues dans les 30 jours, 4 autres d’ici la fin de la période.',
    ]);
    // Late: the ITI avenant and the Région's revoyure. Within 30 days: the 2017 committee and half-year (31/12/2017)
    // and the tranche (10/01/2018). Later: the 2018 committee, the revoyure after three years and two half-years.
    // 31/12/2015 → 15/12/2017: 715 days; 15/12/2017 → 31/12/2017: 16 days.
    expect(lines).toContain('- 31/12/2015 — clause de revoyure — avenant-iti-2015 — en retard de 715 jours');
    expect(lines).toContain('- 31/12/2017 — clause de revoyure — comite-pilotage-annuel (2017) — dans 16 jours');
    expect(lines).toContain('  Enjeu : 40 000,00 €');
    expect(lines.filter((line) => line === line.toUpperCase() && /\(\d+\)$/.test(line))).toEqual([
      'EN RETARD (2)',
      'DANS LES 30 JOURS (3)',
      'PLUS TARD, JUSQU’AU 31/12/2018 (4)',
    ]);
    expect(digest.endsWith('\n')).toBe(true);
  });
});
