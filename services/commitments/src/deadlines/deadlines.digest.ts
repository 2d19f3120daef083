import { frenchDate, parisDateTime } from '@cvl/exports';
import { formatIntegerFr } from '@cvl/money';
import type { Deadline } from './deadlines';
import type { DeadlinesView } from './deadlines.query';

/** What « soon » means in the digest: the next thirty days, read first; the rest of the horizon after. */
export const SOON_DAYS = 30;

const count = (n: number, one: string, many: string) => `${formatIntegerFr(n)} ${n > 1 ? many : one}`;
const delay = (days: number) =>
  days < 0
    ? `en retard de ${count(-days, 'jour', 'jours')}`
    : days === 0
      ? 'aujourd’hui'
      : `dans ${count(days, 'jour', 'jours')}`;

function item(d: Deadline): string[] {
  const funders = d.funders.length > 0 ? d.funders.map((f) => f.name).join(', ') : 'tout le contrat';
  const source = d.line !== undefined ? `l. ${d.line} du contrat` : (d.act ?? 'le grand livre');
  return [
    `- ${frenchDate(d.due)} — ${d.kindLabel} — ${d.label}${d.occurrence ? ` (${d.occurrence})` : ''} — ${delay(d.days)}`,
    ...(d.amountFormatted ? [`  Enjeu : ${d.amountFormatted}`] : []),
    `  ${d.effect}`,
    `  Financeurs : ${funders} · Source : ${source}`,
  ];
}

function section(title: string, deadlines: readonly Deadline[]): string[] {
  return deadlines.length === 0
    ? []
    : [`${title} (${formatIntegerFr(deadlines.length)})`, '', ...deadlines.flatMap((d) => [...item(d), '']), ''];
}

/**
 * The deadlines as a plain-text digest an operator can mail every morning (`cvl echeances`, a cron line): what is
 * late, what falls due within thirty days, then the rest of the horizon — each with its stake, effect, funders and
 * source. French words, French dates; nothing to install to read it.
 */
export function deadlinesDigest(view: DeadlinesView, generatedAt: string): string {
  const late = view.deadlines.filter((d) => d.state === 'en-retard');
  const soon = view.deadlines.filter((d) => d.state === 'a-venir' && d.days <= SOON_DAYS);
  const later = view.deadlines.filter((d) => d.state === 'a-venir' && d.days > SOON_DAYS);
  const whose = view.funder ? ` — ${view.funder.name}` : '';
  const lines = [
    `Échéances du contrat de ville de Lens-Liévin 2015-2020${whose}`,
    `Au ${frenchDate(view.asOf)}, jusqu’au ${frenchDate(view.until)} — état du ${parisDateTime(generatedAt)} (heure de Paris)`,
    `${count(late.length, 'échéance en retard', 'échéances en retard')}, ${count(soon.length, 'due', 'dues')} dans les ${SOON_DAYS} jours, ${count(later.length, 'autre', 'autres')} d’ici la fin de la période.`,
    '',
    ...section('EN RETARD', late),
    ...section(`DANS LES ${SOON_DAYS} JOURS`, soon),
    ...section(`PLUS TARD, JUSQU’AU ${frenchDate(view.until)}`, later),
    ...(view.deadlines.length === 0 ? ['Aucune échéance sur la période.', ''] : []),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
