import type { Deadline } from './deadlines';
import { toICalendar } from './icalendar';

const deadline = (over: Partial<Deadline>): Deadline => ({
  due: '2018-12-31',
  from: '2018-01-01',
  state: 'a-venir',
  stateLabel: 'à venir',
  days: 548,
  kind: 'revoyure',
  kindLabel: 'clause de revoyure',
  label: 'Clause de revoyure du contrat au terme des trois premières années',
  effect: 'revoit les engagements des partenaires pour la fin de la période (avenants au contrat)',
  funders: [],
  ref: 'revoyure-trois-ans',
  line: 3987,
  ...over,
});

describe('deadlines as iCalendar (RFC 5545)', () => {
  const ics = toICalendar(
    [
      deadline({}),
      deadline({
        ref: 'comite-pilotage-annuel',
        occurrence: '2017',
        due: '2017-12-31',
        label: 'Comité de pilotage; stratégique, annuel',
        funders: [{ code: 'region', name: 'Région Nord – Pas-de-Calais' }],
      }),
    ],
    '2017-07-01T08:30:00.000Z',
    'Échéances du contrat de ville',
  );
  const unfolded = ics.replace(/\r\n /g, '');

  it('is a calendar of all-day events on each due day, with CRLF lines of at most 75 octets', () => {
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(unfolded.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(unfolded).toContain('DTSTART;VALUE=DATE:20181231\r\nDTEND;VALUE=DATE:20190101');
    expect(unfolded).toContain('DTSTAMP:20170701T083000Z');
  });

  it('names each event by its step and occurrence (a stable UID), escapes text, and cites the document line', () => {
    expect(unfolded).toContain('UID:revoyure-trois-ans@contrat-de-ville-lens-lievin');
    expect(unfolded).toContain('UID:comite-pilotage-annuel-2017@contrat-de-ville-lens-lievin');
    expect(unfolded).toContain(
      'SUMMARY:clause de revoyure — Comité de pilotage\\; stratégique\\, annuel (2017) — à venir',
    );
    expect(unfolded).toContain('Financeurs : Région Nord – Pas-de-Calais\\nSource : l. 3987 du contrat');
    expect(unfolded).toContain('Financeurs : tout le contrat');
  });
});
