import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { downloadJson, useApi } from '../api';
import { readsWholeContract } from '../access';
import { Async, ErrorAlert } from '../components/Async';
import { Table } from '../components/Table';
import { date, euros, instant } from '../format';
import { funderOptions, useNames } from '../names';
import { Link } from '../router';
import type { Principal } from '../session';

interface Reconciliation {
  checks: number;
  counts: Record<string, number>;
  lines: {
    id: string;
    line: number;
    check: string;
    text: string;
    stated: string;
    computed: string;
    gap: string;
    verdict: string;
    explanation: string;
  }[];
}

interface Integrity {
  ok: boolean;
  checkedAt: string;
  checks: { check: string; ok: boolean; detail: string }[];
}

interface Timeline {
  entries: {
    from: string;
    to: string;
    kindLabel: string;
    label: string;
    statusLabel: string;
    effect?: string;
    line?: number;
    ref: string;
  }[];
}

const VERDICT_SEVERITY: Record<string, 'success' | 'info' | 'warning' | 'error'> = {
  concorde: 'success',
  'arrondi déclaré': 'info',
  'arrondi à la précision affichée': 'info',
  ambigu: 'warning',
  écart: 'error',
};

function ReconciliationSection() {
  const loaded = useApi<Reconciliation>('/api/commitments/reconciliation');
  return (
    <section className="fr-mb-6w">
      <h2>Rapprochement des montants du document</h2>
      <Async loaded={loaded} what="le rapprochement">
        {(r) => (
          <>
            <p>
              {r.checks} contrôles :{' '}
              {Object.entries(r.counts)
                .map(([verdict, count]) => `${count} ${verdict}`)
                .join(', ')}
              .
            </p>
            <Table
              caption="Chaque total, produit et part recalculé, avec la ligne du document"
              headers={['Ligne', 'Contrôle', 'Énoncé', 'Énoncé (exact)', 'Recalculé', 'Écart', 'Verdict']}
              amounts={[3, 4, 5]}
              rows={r.lines.map((l) => [
                <Link key={l.id} href={`/document/${l.line}`}>
                  {l.line}
                </Link>,
                l.check,
                `« ${l.text} »`,
                euros(l.stated),
                euros(l.computed),
                euros(l.gap),
                <span key="v" title={l.explanation}>
                  <Badge severity={VERDICT_SEVERITY[l.verdict] ?? 'info'} small>
                    {l.verdict}
                  </Badge>
                </span>,
              ])}
            />
          </>
        )}
      </Async>
    </section>
  );
}

function IntegritySection() {
  const loaded = useApi<Integrity>('/api/reporting/integrity');
  return (
    <section className="fr-mb-6w">
      <h2>Intégrité</h2>
      <Async loaded={loaded} what="le contrôle d’intégrité">
        {(report) => (
          <>
            <p>
              <Badge severity={report.ok ? 'success' : 'error'}>
                {report.ok ? 'intègre' : 'ALTÉRATION OU ÉCART DÉTECTÉ'}
              </Badge>{' '}
              — contrôlé le {instant(report.checkedAt)} (heure de Paris)
            </p>
            <Table
              caption="Chaînes d’empreintes, journal signé, relais, consommateurs, totaux"
              headers={['Contrôle', 'Résultat', 'Détail']}
              rows={report.checks.map((c) => [c.check, c.ok ? 'conforme' : 'NON CONFORME', c.detail])}
            />
          </>
        )}
      </Async>
    </section>
  );
}

function AuditPackSection({ principal }: { principal: Principal }) {
  const names = useNames();
  const whole = readsWholeContract(principal);
  const [funder, setFunder] = useState(whole ? '' : principal.organisation);
  const [asOf, setAsOf] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ file: string; keyId: string; events: number; description: string }>();
  const [error, setError] = useState<Error>();
  const exportPack = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const query = new URLSearchParams({ ...(funder ? { funder } : {}), ...(asOf ? { asOf } : {}) });
      const { file, body } = await downloadJson<{
        publicKey: { keyId: string };
        events: unknown[];
        scope: { description: string };
      }>(`/api/commitments/audit-pack${query.size ? `?${query}` : ''}`, 'paquet-audit.json');
      setResult({ file, keyId: body.publicKey.keyId, events: body.events.length, description: body.scope.description });
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="fr-mb-6w">
      <h2>Paquet d’audit</h2>
      <p>
        Les événements, leurs empreintes et les têtes signées du journal, dans un fichier à vérifier hors ligne, sans
        serveur ni base. Un financeur reçoit ses propres événements, chacun prouvé par son chemin d’audit.
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        {whole && (
          <div className="fr-col-12 fr-col-md-6">
            <Select label="Périmètre" nativeSelectProps={{ value: funder, onChange: (e) => setFunder(e.target.value) }}>
              <option value="">Tout le journal</option>
              {funderOptions(names, (name) => `Événements de ${name}`)}
            </Select>
          </div>
        )}
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label="Arrêté au (optionnel)"
            hintText="La dernière tête signée à cette date"
            nativeInputProps={{ type: 'date', value: asOf, onChange: (e) => setAsOf(e.target.value) }}
          />
        </div>
      </div>
      <Button iconId="fr-icon-download-line" onClick={() => void exportPack()} disabled={busy}>
        {busy ? 'Préparation du paquet…' : 'Télécharger le paquet d’audit'}
      </Button>
      {error && <ErrorAlert error={error} what="Paquet d’audit" />}
      {result && (
        <div className="fr-alert fr-alert--success fr-mt-3w" role="status">
          <h3 className="fr-alert__title">Paquet téléchargé : {result.file}</h3>
          <p>
            {result.description} — {result.events} événements, clé du journal <strong>{result.keyId}</strong>.
            Vérifiez-le hors ligne, puis comparez l’empreinte de la clé à celle publiée par la CALL :
          </p>
          <pre className="fr-mt-1w" style={{ whiteSpace: 'pre-wrap' }}>
            npm run cvl -- audit verify {result.file} --cle={result.keyId}
          </pre>
        </div>
      )}
    </section>
  );
}

function TimelineSection() {
  const loaded = useApi<Timeline>('/api/commitments/timeline');
  return (
    <section className="fr-mb-6w">
      <h2>Chronologie de la gouvernance</h2>
      <Async loaded={loaded} what="la chronologie">
        {({ entries }) => (
          <Table
            caption="Étapes de gouvernance et faits datés du grand livre"
            headers={['Du', 'Au', 'Étape', 'Libellé', 'État', 'Effet', 'Ligne']}
            rows={entries.map((e) => [
              date(e.from),
              date(e.to),
              e.kindLabel,
              e.label,
              e.statusLabel,
              e.effect ?? '—',
              e.line ? (
                <Link key={e.ref} href={`/document/${e.line}`}>
                  {e.line}
                </Link>
              ) : (
                '—'
              ),
            ])}
          />
        )}
      </Async>
    </section>
  );
}

export function ControlsPage({ principal }: { principal: Principal }) {
  const whole = readsWholeContract(principal);
  return (
    <>
      <h1>Contrôles</h1>
      <ReconciliationSection />
      {whole && <IntegritySection />}
      {(whole || principal.roles.includes('financeur')) && <AuditPackSection principal={principal} />}
      {whole && <TimelineSection />}
    </>
  );
}
