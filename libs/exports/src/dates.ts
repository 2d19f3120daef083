const PARIS_PARTS = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function parisParts(iso: string): Record<string, string> {
  return Object.fromEntries(PARIS_PARTS.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
}

/** « 25/11/2026 à 23:10 » — an instant as read in Paris (summer and winter time alike). */
export function parisDateTime(iso: string): string {
  const parts = parisParts(iso);
  return `${parts.day}/${parts.month}/${parts.year} à ${parts.hour}:${parts.minute}`;
}

/** « 2026-11-25 » — the calendar day an instant falls on in Paris. */
export function parisDay(iso: string): string {
  const parts = parisParts(iso);
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** « 31/12/2020 » — a calendar date (AAAA-MM-JJ) as French readers write it. */
export function frenchDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : isoDate;
}
