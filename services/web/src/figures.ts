import { toDecimalString } from '@cvl/money';
import { cents } from './format';

/** The five figures of money the ledger keeps for every commitment, in its words. */
export interface Figures {
  indicative: string;
  conditional: string;
  firm: string;
  paid: string;
  outstanding: string;
  released?: string;
}

export const FIGURE_LABELS: { key: keyof Figures; label: string; status?: string }[] = [
  { key: 'indicative', label: 'Indicatif', status: 'indicative' },
  { key: 'conditional', label: 'Conditionnel', status: 'conditional' },
  { key: 'firm', label: 'Ferme', status: 'firm' },
  { key: 'paid', label: 'Payé' },
  { key: 'outstanding', label: 'Reste à payer' },
];

/** The segments of a bar: firm money split into paid and still to pay, so that the bar sums to what is committed. */
export function statusSegments(figures: Figures): Record<string, string> {
  return {
    indicative: figures.indicative,
    conditional: figures.conditional,
    firmUnpaid: toDecimalString(cents(figures.firm) - cents(figures.paid)),
    paid: figures.paid,
  };
}
