import { useEffect, useState } from 'react';
import { currentSession, signIn } from './session';

/** A refusal of the API, in its own words: the message and, for bad input, each field and why. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: { field: string; message: string }[] = [],
  ) {
    super(message);
  }
}

async function refusal(response: Response): Promise<ApiError> {
  let body: { detail?: string; title?: string; message?: string; errors?: { field: string; message: string }[] } = {};
  try {
    body = await response.json();
  } catch {
    // not JSON: the status says enough
  }
  const words =
    response.status === 401
      ? 'session expirée : reconnectez-vous'
      : response.status === 403
        ? (body.detail ?? 'Accès refusé : ce contenu ne relève pas de votre rôle ou de votre organisation')
        : response.status >= 500
          ? `le serveur n’a pas pu répondre (${response.status}) : réessayez dans un instant`
          : (body.detail ?? body.message ?? body.title ?? `refus (${response.status})`);
  return new ApiError(response.status, words, body.errors ?? []);
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const session = currentSession();
  return { Accept: 'application/json', ...(session ? { Authorization: `Bearer ${session.token}` } : {}), ...extra };
}

export async function apiGet<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: headers() });
  if (response.status === 401) void signIn();
  if (!response.ok) throw await refusal(response);
  return (await response.json()) as T;
}

export async function apiSend<T>(method: 'POST' | 'PUT', path: string, body: BodyInit, type: string): Promise<T> {
  const response = await fetch(path, { method, headers: headers({ 'Content-Type': type }), body });
  if (!response.ok) throw await refusal(response);
  return (await response.json()) as T;
}

async function fetchFile(path: string, fallbackName: string, accept: string): Promise<{ name: string; blob: Blob }> {
  const response = await fetch(path, { headers: headers({ Accept: accept }) });
  if (!response.ok) throw await refusal(response);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? fallbackName;
  return { name: decodeURIComponent(name), blob: await response.blob() };
}

function save(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file of the API (CSV, XLSX, PDF, JSON) saved under the name the server gives it, with the bearer token. */
export async function download(path: string, fallbackName: string, accept = '*/*'): Promise<string> {
  const { name, blob } = await fetchFile(path, fallbackName, accept);
  save(name, blob);
  return name;
}

/** A JSON file saved as sent, and read too (what the page says of it). */
export async function downloadJson<T>(path: string, fallbackName: string): Promise<{ file: string; body: T }> {
  const { name, blob } = await fetchFile(path, fallbackName, 'application/json');
  const body = JSON.parse(await blob.text()) as T;
  save(name, blob);
  return { file: name, body };
}

export type Loaded<T> =
  { state: 'loading' } | { state: 'error'; error: ApiError | Error } | { state: 'ready'; data: T };

/** Reads a path of the API when it changes (undefined: nothing to read yet). */
export function useApi<T>(path: string | undefined): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    if (!path) return;
    let live = true;
    setLoaded({ state: 'loading' });
    apiGet<T>(path).then(
      (data) => live && setLoaded({ state: 'ready', data }),
      (error: Error) => live && setLoaded({ state: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [path]);
  return loaded;
}
