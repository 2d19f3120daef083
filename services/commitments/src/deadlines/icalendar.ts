import type { Deadline } from './deadlines';

/**
 * iCalendar (RFC 5545) of deadlines: one all-day event per deadline on its due day, its summary the step and its
 * state, its description the effect and the document line. Lines end in CRLF and are folded at 75 octets; text
 * values escape « \ ; , » and new lines. The UID is stable (step, occurrence), so a calendar that imports the file
 * again updates its events instead of doubling them.
 */
export function toICalendar(deadlines: readonly Deadline[], generatedAt: string, name: string): string {
  const stamp = generatedAt.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Contrat de ville de Lens-Liévin//Grand livre des financements//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${text(name)}`,
    'X-WR-TIMEZONE:Europe/Paris',
  ];
  for (const d of deadlines) {
    const day = d.due.replace(/-/g, '');
    const next = nextDay(d.due).replace(/-/g, '');
    const source = d.line !== undefined ? `l. ${d.line} du contrat` : (d.act ?? '');
    const funders = d.funders.length > 0 ? d.funders.map((f) => f.name).join(', ') : 'tout le contrat';
    lines.push(
      'BEGIN:VEVENT',
      `UID:${d.ref}${d.occurrence ? `-${d.occurrence.replace(/[^0-9a-z]+/gi, '-')}` : ''}@contrat-de-ville-lens-lievin`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${day}`,
      `DTEND;VALUE=DATE:${next}`,
      `SUMMARY:${text(`${d.kindLabel} — ${d.label}${d.occurrence ? ` (${d.occurrence})` : ''} — ${d.stateLabel}`)}`,
      `DESCRIPTION:${text(`${d.effect}\nFinanceurs : ${funders}\nSource : ${source}`)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

function text(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

function nextDay(date: string): string {
  const next = new Date(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10) + 1));
  return next.toISOString().slice(0, 10);
}

/** Folds a content line at 75 octets (UTF-8), never inside a character; continuation lines start with a space. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const bytes = Buffer.byteLength(char, 'utf8');
    const limit = parts.length === 0 ? 75 : 74;
    if (size + bytes > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
