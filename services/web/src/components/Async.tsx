import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { ReactNode } from 'react';
import type { Loaded } from '../api';
import { ApiError } from '../api';

/** What a person sees while a view loads, when it fails (the API's own words), and then the view. */
export function Async<T>({
  loaded,
  children,
  what,
}: {
  loaded: Loaded<T>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (loaded.state === 'loading')
    return (
      <p className="fr-text--sm" role="status" aria-live="polite" aria-busy="true">
        <span className="fr-icon-refresh-line fr-icon--sm" aria-hidden="true" /> Chargement : {what}…
      </p>
    );
  if (loaded.state === 'error') return <ErrorAlert error={loaded.error} what={what} />;
  return <>{children(loaded.data)}</>;
}

export function ErrorAlert({ error, what }: { error: Error; what: string }) {
  const fields = error instanceof ApiError ? error.fields : [];
  return (
    <Alert
      severity={error instanceof ApiError && error.status === 403 ? 'warning' : 'error'}
      title={`${what} : ${error.message}`}
      description={
        fields.length ? (
          <ul>
            {fields.map((f, i) => (
              <li key={i}>
                <strong>{f.field}</strong> : {f.message}
              </li>
            ))}
          </ul>
        ) : (
          'Rien n’a été modifié.'
        )
      }
      className="fr-mb-3w"
    />
  );
}
