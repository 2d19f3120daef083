import { Button } from '@codegouvfr/react-dsfr/Button';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { useState } from 'react';
import { ApiError } from '../api';
import { ErrorAlert } from '../components/Async';
import { Table } from '../components/Table';
import { integer } from '../format';
import { currentSession } from '../session';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const JSON_TYPE = 'application/vnd.cvl.jeu-de-donnees+json';

interface Check {
  valid: boolean;
  document: string;
  errors: { file: string; row: number; column: string; reason: string }[];
  rows: Record<string, number>;
}

interface Imported {
  commands: number;
  eventsAppended: number;
  alreadyPresent: number;
}

const ROW_WORDS: Record<string, string> = {
  references: 'référentiel',
  conditions: 'conditions',
  envelopes: 'enveloppes',
  operations: 'opérations',
  figures: 'montants',
  governance: 'étapes de gouvernance',
};

/** Sends the file with its upload's progress (XMLHttpRequest: fetch reports none), as the signed-in person. */
function send<T>(file: File, dryRun: boolean, onProgress: (percent: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    const query = new URLSearchParams({
      nom: file.name.replace(/[^\p{L}\p{N} ._()-]/gu, '_').slice(0, 120),
      dryRun: String(dryRun),
    });
    request.open('POST', `/api/commitments/imports?${query}`);
    request.setRequestHeader('Content-Type', file.name.toLowerCase().endsWith('.json') ? JSON_TYPE : XLSX_TYPE);
    request.setRequestHeader('Accept', 'application/json');
    const token = currentSession()?.token;
    if (token) request.setRequestHeader('Authorization', `Bearer ${token}`);
    request.upload.onprogress = (event) =>
      event.lengthComputable && onProgress(Math.round((event.loaded * 100) / event.total));
    request.onload = () => {
      let body: { detail?: string; errors?: { field: string; message: string }[] } & Record<string, unknown> = {};
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // not JSON: the status says enough
      }
      if (request.status >= 200 && request.status < 300) resolve(body as T);
      else reject(new ApiError(request.status, body.detail ?? `refus (${request.status})`, body.errors ?? []));
    };
    request.onerror = () => reject(new Error('le serveur ne répond pas'));
    request.send(file);
  });
}

export function ImportsPage() {
  const [file, setFile] = useState<File>();
  const [phase, setPhase] = useState<'choix' | 'verification' | 'verifie' | 'import' | 'importe'>('choix');
  const [progress, setProgress] = useState(0);
  const [check, setCheck] = useState<Check>();
  const [imported, setImported] = useState<Imported>();
  const [error, setError] = useState<Error>();
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setError(undefined);
    setProgress(0);
    setPhase(dryRun ? 'verification' : 'import');
    try {
      if (dryRun) {
        setCheck(await send<Check>(file, true, setProgress));
        setPhase('verifie');
      } else {
        setImported(await send<Imported>(file, false, setProgress));
        setPhase('importe');
      }
    } catch (failure) {
      setError(failure as Error);
      setPhase('choix');
    }
  };
  return (
    <>
      <h1>Importer un jeu de données</h1>
      <p>
        Un classeur (XLSX, une feuille par table) ou un jeu de données JSON. Tout le fichier est d’abord vérifié :
        chaque erreur est listée avec son fichier, sa ligne et sa colonne, et rien n’est écrit tant qu’il en reste une.
        Importer deux fois le même fichier n’ajoute rien. Un dossier de fichiers CSV s’importe avec{' '}
        <code>npm run cvl -- import &lt;dossier&gt;</code>.
      </p>
      <Upload
        label="Fichier du jeu de données"
        hint="XLSX ou JSON, 10 Mo au plus"
        nativeInputProps={{
          accept: '.xlsx,.json',
          onChange: (event) => {
            setFile(event.target.files?.[0]);
            setCheck(undefined);
            setImported(undefined);
            setPhase('choix');
          },
        }}
      />
      <Button
        className="fr-mt-2w"
        onClick={() => void run(true)}
        disabled={!file || phase === 'verification' || phase === 'import'}
      >
        Vérifier le fichier
      </Button>
      {(phase === 'verification' || phase === 'import') && (
        <div className="fr-mt-2w" role="status" aria-live="polite">
          <label htmlFor="avancement">{phase === 'verification' ? 'Vérification' : 'Import'} en cours :</label>{' '}
          <progress id="avancement" max={100} value={progress}>
            {progress} %
          </progress>{' '}
          {progress < 100 ? `envoi ${progress} %` : 'traitement par le serveur…'}
        </div>
      )}
      {error && <ErrorAlert error={error} what="Import refusé" />}
      {check && phase !== 'importe' && (
        <section className="fr-mt-4w" aria-labelledby="rapport">
          <h2 id="rapport" className="fr-h4">
            Rapport de vérification — {file?.name}
          </h2>
          {check.valid ? (
            <>
              <div className="fr-alert fr-alert--success fr-mb-2w">
                <p>
                  Aucune erreur :{' '}
                  {Object.entries(check.rows)
                    .filter(([, count]) => count > 0)
                    .map(([table, count]) => `${integer(count)} ${ROW_WORDS[table] ?? table}`)
                    .join(', ')}
                  . Rien n’est encore écrit.
                </p>
              </div>
              <Button onClick={() => void run(false)} disabled={phase === 'import'} iconId="fr-icon-upload-line">
                Importer
              </Button>
            </>
          ) : (
            <>
              <div className="fr-alert fr-alert--error fr-mb-2w">
                <p>
                  {integer(check.errors.length)} erreur(s) : rien n’a été écrit. Corrigez le fichier, puis vérifiez-le
                  de nouveau.
                </p>
              </div>
              <Table
                caption="Erreurs du fichier"
                headers={['Fichier', 'Ligne', 'Colonne', 'Motif']}
                rows={check.errors.map((e) => [e.file, e.row, e.column, e.reason])}
              />
            </>
          )}
        </section>
      )}
      {imported && phase === 'importe' && (
        <div className="fr-alert fr-alert--success fr-mt-4w" role="status">
          <h2 className="fr-alert__title">Import terminé</h2>
          <p>
            {integer(imported.eventsAppended)} événement(s) ajouté(s)
            {imported.alreadyPresent ? `, ${integer(imported.alreadyPresent)} déjà présent(s)` : ''}.
          </p>
        </div>
      )}
    </>
  );
}
