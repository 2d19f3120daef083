import { writeFileSync } from 'node:fs';
import { toPdf } from '../libs/exports/src/pdf';
(async () => {
  const rows = Array.from({ length: 80 }, (_, i) => [`Opération de renouvellement urbain n° ${i} — Σ « quartier » Cité 12/14 et résidence`, BigInt(i) * 12345678n, 1250 + i, 2016 + (i % 5)] as [string, bigint, number, number]);
  const body = await toPdf({
    title: 'Relevé des engagements de Maisons et Cités Soginorpa — arrêté au 31/12/2020',
    subtitle: ['Contrat de ville de Lens-Liévin 2015-2020'],
    issuer: 'CALL',
    notices: ['Attention : modèle de lecture en reconstruction'],
    generatedAt: new Date().toISOString(),
    fileName: 'x',
    tables: [{ name: 'a', title: 'Engagements', columns: [{ header: 'Opération', kind: 'text' }, { header: 'Montant engagé', kind: 'euros' }, { header: 'Taux', kind: 'rate' }, { header: 'Année', kind: 'year' }], rows, totals: ['Total', rows.reduce((s, r) => s + r[1], 0n), null, null] },
    { name: 'b', title: 'Large', columns: Array.from({ length: 12 }, (_, i) => ({ header: `Colonne numéro ${i}`, kind: i ? 'euros' as const : 'text' as const })), rows: [['Ligne', ...Array.from({ length: 11 }, () => 123456789012n)]] }],
    seal: { reference: 'REL-2026-ABC', fingerprint: 'abcd efgh', printed: ['Tête signée n° 3'], payload: 'eyJhIjoxfQ==' },
    signature: ['Pour la Communauté d’Agglomération de Lens-Liévin', 'Le chef de projet du contrat de ville', 'Fait à Liévin, le'],
  });
  writeFileSync('/tmp/pdft/out.pdf', body);
})();
