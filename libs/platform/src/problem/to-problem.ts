import { HttpException, HttpStatus } from '@nestjs/common';
import {
  DatabaseUnavailableError,
  EventIdConflictError,
  InvalidAppendError,
  TamperedLogError,
  WrongExpectedRevisionError,
} from '@cvl/event-store';
import { MoneyParseError } from '@cvl/money';
import { DomainRefusal, problemType, type ProblemDetails } from './problem';
import { ContentionError } from '../cqrs/decision-loop';
import { InvalidInputException } from './validation';

const TITLES: Record<number, string> = {
  400: 'Requête invalide',
  401: 'Authentification requise',
  403: 'Accès refusé',
  404: 'Ressource introuvable',
  405: 'Méthode non permise',
  409: 'Conflit',
  412: 'Précondition non remplie',
  413: 'Requête trop volumineuse',
  415: 'Type de contenu non pris en charge',
  422: 'Demande refusée',
  428: 'Précondition requise',
  429: 'Trop de requêtes',
  500: 'Erreur interne',
  503: 'Service indisponible',
};

const CODES: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  412: 'precondition-failed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable',
  428: 'precondition-required',
  429: 'too-many-requests',
  503: 'unavailable',
};

function httpMessage(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join(' ; ');
  return typeof message === 'string' ? message : exception.message;
}

/** A failed health check (Terminus): which indicator is down and why, in words, with every indicator's state. */
function healthFailure(error: unknown): { detail: string; checks: Record<string, unknown> } | undefined {
  if (!(error instanceof HttpException) || error.getStatus() !== 503) return undefined;
  const response = error.getResponse() as {
    status?: unknown;
    error?: Record<string, { message?: string }>;
    details?: Record<string, unknown>;
  };
  if (response?.status !== 'error' || typeof response.error !== 'object' || response.error === null) return undefined;
  const down = Object.entries(response.error).map(([name, state]) => `${name} : ${state?.message ?? 'en panne'}`);
  return { detail: `Indisponible — ${down.join(' ; ')}`, checks: response.details ?? {} };
}

/** Any error, as the problem details the API answers. Unknown errors become a 500 that reveals nothing inside. */
export function toProblem(error: unknown, instance?: string, correlationId?: string): ProblemDetails {
  const base = { instance, correlationId };
  if (error instanceof InvalidInputException) {
    return {
      ...base,
      type: problemType('invalid-input'),
      title: 'Saisie invalide',
      status: 400,
      detail: error.message,
      errors: error.fieldErrors,
    };
  }
  if (error instanceof DomainRefusal) {
    return {
      ...error.extensions,
      ...base,
      type: problemType(error.code),
      title: error.title,
      status: error.status,
      detail: error.message,
      ...(error.errors.length ? { errors: error.errors } : {}),
    };
  }
  if (error instanceof WrongExpectedRevisionError) {
    return {
      ...base,
      type: problemType('revision-conflict'),
      title: 'Version périmée',
      status: 409,
      detail: `La ressource a changé depuis votre lecture (version attendue ${String(error.expected)}, version actuelle ${error.actual}). Relisez-la puis recommencez.`,
      errors: [{ field: 'If-Match', message: `version actuelle : "${error.actual}"` }],
      currentRevision: error.actual,
    };
  }
  if (error instanceof EventIdConflictError) {
    return { ...base, type: problemType('event-id-conflict'), title: 'Conflit', status: 409, detail: error.message };
  }
  if (error instanceof InvalidAppendError) {
    return {
      ...base,
      type: problemType('invalid-input'),
      title: 'Saisie invalide',
      status: 400,
      detail: error.message,
      errors: [{ field: error.field, message: error.message }],
    };
  }
  if (error instanceof ContentionError) {
    return {
      ...base,
      type: problemType('contention'),
      title: 'Service momentanément saturé',
      status: 503,
      detail:
        'D’autres écritures sur les mêmes données sont passées avant la vôtre, plusieurs fois de suite ; rien n’a été enregistré. Renvoyez la demande (avec la même Idempotency-Key) dans un instant.',
    };
  }
  if (error instanceof DatabaseUnavailableError) {
    // Nothing was acknowledged: the request may be sent again (with its Idempotency-Key, it will not apply twice).
    return {
      ...base,
      type: problemType('database-unavailable'),
      title: 'Service momentanément indisponible',
      status: 503,
      detail: 'La base de données ne répond pas pour l’instant ; réessayez dans quelques secondes.',
    };
  }
  if (error instanceof TamperedLogError) {
    return {
      ...base,
      type: problemType('tampered-log'),
      title: 'Écriture suspendue : journal signé incohérent',
      status: 503,
      detail: error.message,
    };
  }
  if (error instanceof MoneyParseError) {
    return {
      ...base,
      type: problemType('invalid-amount'),
      title: 'Montant illisible',
      status: 400,
      detail: error.message,
    };
  }
  // Express and its body parser answer in English; the people who read these do not.
  const message = String((error as Error | undefined)?.message ?? '');
  if (/^Failed to decode param/.test(message)) {
    return {
      ...base,
      type: problemType('malformed-path'),
      title: 'Adresse illisible',
      status: 400,
      detail: 'Un élément du chemin est mal encodé (séquence %XX invalide) : corrigez l’adresse.',
    };
  }
  if (
    (error as { type?: string })?.type === 'entity.parse.failed' ||
    (error instanceof HttpException &&
      error.getStatus() === 400 &&
      /is not valid JSON|Unexpected (token|end of JSON)|JSON at position/.test(message))
  ) {
    return {
      ...base,
      type: problemType('malformed-json'),
      title: 'JSON illisible',
      status: 400,
      detail: 'Le corps de la requête n’est pas du JSON valide (un objet JSON est attendu).',
    };
  }
  const health = healthFailure(error);
  if (health) {
    return {
      ...base,
      type: problemType('unavailable'),
      title: 'Service indisponible',
      status: 503,
      detail: health.detail,
      checks: health.checks,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return {
      ...base,
      type: problemType(CODES[status] ?? `http-${status}`),
      title: TITLES[status] ?? 'Erreur',
      status,
      detail: httpMessage(error),
    };
  }
  const bodyParser = error as { type?: string; status?: number };
  if (bodyParser?.type === 'entity.parse.failed') {
    return {
      ...base,
      type: problemType('malformed-json'),
      title: 'JSON illisible',
      status: 400,
      detail: 'Le corps de la requête n’est pas du JSON valide.',
    };
  }
  if (bodyParser?.type === 'entity.too.large') {
    return {
      ...base,
      type: problemType('payload-too-large'),
      title: TITLES[413],
      status: 413,
      detail: 'Le corps de la requête dépasse la taille permise.',
    };
  }
  return {
    ...base,
    type: problemType('internal-error'),
    title: TITLES[HttpStatus.INTERNAL_SERVER_ERROR],
    status: 500,
    detail: `Une erreur interne est survenue. Référence à transmettre au support : ${correlationId ?? 'inconnue'}.`,
  };
}
