import { useApi } from '../api';
import { Async } from '../components/Async';
import { Table } from '../components/Table';
import { FIGURE_LABELS, type Figures } from '../figures';
import { date, euros, instant } from '../format';
import { nameOf, useNames } from '../names';
import { Link } from '../router';

type Source =
  | { kind: 'act'; reference: string; date?: string }
  | { kind: 'document'; document: string; line: number; section?: string };

interface HistoryEvent {
  eventId: string;
  what: string;
  actor: { subject: string; organisation: string; roles: string[] };
  reason: string;
  source: Source;
  amounts: Record<string, string>;
  effectiveDate: string;
  recordedAt: string;
  hash: string;
}

interface Commitment {
  id: string;
  funder: string;
  funderName: string;
  statusLabel: string;
  amount: string;
  figures: Figures;
  attribution?: { label?: string; scale?: string; operation?: string; quartier?: string; year?: number };
  stated?: { text: string; amount?: string };
}

interface DocumentExcerpt {
  document: string;
  line: number;
  lines: { line: number; text: string }[];
}

interface FigurePage {
  items: {
    figureId: string;
    text: string;
    roleLabel: string;
    wording: string;
    statusLabel: string;
    amount?: string;
    scale?: string;
  }[];
}

/** A source in words: the act that made it firm, or the document's line (a link to its text). */
export function SourceText({ source }: { source: Source }) {
  if (source.kind === 'act')
    return (
      <>
        acte {source.reference}
        {source.date ? ` du ${date(source.date)}` : ''}
      </>
    );
  return (
    <Link href={`/document/${source.line}`}>
      document, ligne {source.line}
      {source.section ? ` (${source.section})` : ''}
    </Link>
  );
}

/** The document's own text at a line, the line itself marked, and the figures the ledger recorded from it. */
export function DocumentLine({ line }: { line: number }) {
  const text = useApi<DocumentExcerpt>(`/api/commitments/document-text?line=${line}&around=3`);
  const figures = useApi<FigurePage>(`/api/commitments/figures?line=${line}`);
  return (
    <section className="fr-mb-4w" aria-labelledby={`ligne-${line}`}>
      <h2 id={`ligne-${line}`} className="fr-h4">
        Ligne {line} du document
      </h2>
      <Async loaded={text} what="le texte du document">
        {(excerpt) => (
          <blockquote className="fr-p-2w" style={{ background: '#f6f6f6', borderLeft: '4px solid #000091' }}>
            {excerpt.lines.map((l) => (
              <p key={l.line} className="fr-mb-1v fr-text--sm">
                <span className="fr-text--xs" style={{ color: '#595959' }}>
                  {l.line}{' '}
                </span>
                {l.line === line ? <mark data-testid="ligne-citee">{stripTags(l.text)}</mark> : stripTags(l.text)}
              </p>
            ))}
          </blockquote>
        )}
      </Async>
      <Async loaded={figures} what="les montants de cette ligne">
        {(page) => (
          <Table
            caption={`Montants enregistrés depuis la ligne ${line}`}
            headers={['Énoncé', 'Rôle', 'Libellé', 'Statut', 'Montant', 'Échelle']}
            amounts={[4]}
            rows={page.items.map((f) => [
              `« ${f.text} »`,
              f.roleLabel,
              f.wording,
              f.statusLabel,
              euros(f.amount),
              f.scale ?? '—',
            ])}
          />
        )}
      </Async>
    </section>
  );
}

/** The document's markup (bold, tables' cells) as plain reading text. */
const stripTags = (text: string) => text.replace(/<[^>]+>/g, '').replace(/\t/g, ' · ');

export function DocumentPage({ line }: { line: string | undefined }) {
  const at = Number(line);
  if (!Number.isInteger(at) || at < 1) return <p>Ligne du document : un numéro de ligne entier est attendu.</p>;
  return (
    <>
      <h1>Le document signé, ligne {at}</h1>
      <DocumentLine line={at} />
    </>
  );
}

export function CommitmentPage({ id, query }: { id: string | undefined; query: URLSearchParams }) {
  const names = useNames();
  const asOf = query.get('arrete') ?? '';
  const commitment = useApi<Commitment>(id ? `/api/commitments/commitments/${encodeURIComponent(id)}` : undefined);
  const history = useApi<{ events: HistoryEvent[] }>(
    id ? `/api/commitments/commitments/${encodeURIComponent(id)}/history` : undefined,
  );
  return (
    <Async loaded={commitment} what="l’engagement">
      {(c) => (
        <>
          <nav className="fr-breadcrumb" aria-label="vous êtes ici :">
            <ol className="fr-breadcrumb__list">
              <li>
                <Link className="fr-breadcrumb__link" href={`/releve/${encodeURIComponent(c.funder)}`}>
                  Relevé de {c.funderName}
                </Link>
              </li>
              <li>
                <a className="fr-breadcrumb__link" aria-current="page">
                  {c.attribution?.label ?? c.id}
                </a>
              </li>
            </ol>
          </nav>
          <h1>{c.attribution?.label ?? c.id}</h1>
          <p>
            {c.funderName} · {c.statusLabel} · {euros(c.amount)}
            {c.attribution?.scale ? ` · échelle : ${c.attribution.scale}` : ''}
            {c.attribution?.quartier ? ` · quartier : ${nameOf(names, 'quartiers', c.attribution.quartier)}` : ''}
            {c.stated ? ` · énoncé du document : « ${c.stated.text} »` : ''}
          </p>
          <Table
            caption="Montants de l’engagement à ce jour"
            headers={FIGURE_LABELS.map((f) => f.label)}
            amounts={[0, 1, 2, 3, 4]}
            rows={[FIGURE_LABELS.map((f) => euros(c.figures[f.key]))]}
          />
          <Async loaded={history} what="l’historique">
            {({ events }) => {
              const lines = [...new Set(events.flatMap((e) => (e.source.kind === 'document' ? [e.source.line] : [])))];
              return (
                <>
                  <Table
                    caption="Historique des écritures : qui, quand, pourquoi, sur quelle source"
                    headers={['Date d’effet', 'Écriture', 'Montants', 'Acteur', 'Motif', 'Source', 'Enregistrée le']}
                    rows={events.map((e) => [
                      <>
                        {date(e.effectiveDate)}
                        {asOf && e.effectiveDate > asOf ? (
                          <p className="fr-badge fr-badge--sm fr-badge--info fr-mt-1v">après l’arrêté</p>
                        ) : null}
                      </>,
                      e.what,
                      Object.entries(e.amounts)
                        .map(([, amount]) => euros(amount))
                        .join(' · '),
                      `${e.actor.subject} (${nameOf(names, 'organisations', e.actor.organisation) === e.actor.organisation ? nameOf(names, 'funders', e.actor.organisation) : nameOf(names, 'organisations', e.actor.organisation)})`,
                      e.reason,
                      <SourceText key={e.eventId} source={e.source} />,
                      instant(e.recordedAt),
                    ])}
                  />
                  {lines.map((line) => (
                    <DocumentLine key={line} line={line} />
                  ))}
                </>
              );
            }}
          </Async>
        </>
      )}
    </Async>
  );
}
