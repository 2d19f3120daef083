import { createElement, useEffect, useState } from 'react';
import { apiGet } from './api';

// Names rather than codes: the contract's reference (funders, quartiers, stakes, programmes, organisations), read once
// per session and kept for every view.

const COLLECTIONS = ['funders', 'quartiers', 'stakes', 'programmes', 'organisations', 'epcis', 'axes'] as const;
type Collection = (typeof COLLECTIONS)[number];
export type Names = Record<Collection, Map<string, string>>;

let loading: Promise<Names> | undefined;

function load(): Promise<Names> {
  return (loading ??= Promise.all(
    COLLECTIONS.map((collection) =>
      apiGet<{ items: { code: string; name: string }[] }>(`/api/commitments/reference/${collection}`).then(
        (page) => new Map(page.items.map((item) => [item.code, item.name])),
        () => new Map<string, string>(),
      ),
    ),
  ).then((maps) => Object.fromEntries(COLLECTIONS.map((c, i) => [c, maps[i]])) as Names));
}

const EMPTY: Names = Object.fromEntries(COLLECTIONS.map((c) => [c, new Map()])) as Names;

export function useNames(): Names {
  const [names, setNames] = useState<Names>(EMPTY);
  useEffect(() => {
    let live = true;
    void load().then((loaded) => live && setNames(loaded));
    return () => {
      live = false;
    };
  }, []);
  return names;
}

/** The name of a code in a collection, or the code itself (and « non rattaché » for the ledger's placeholder). */
export function nameOf(names: Names, collection: Collection, code: string | undefined): string {
  if (!code) return '—';
  if (code === '(non rattaché)') return 'non rattaché';
  return names[collection].get(code) ?? code;
}

export function forgetNames(): void {
  loading = undefined;
}

/** The funders of the reference as the options of a select, by name (the code is the value). */
export function funderOptions(names: Names, label: (name: string) => string = (name) => name) {
  return [...names.funders].map(([code, name]) => createElement('option', { key: code, value: code }, label(name)));
}
