import type { OpenAPIObject } from '@nestjs/swagger';
import type { RefusalCatalogue, RefusalKind } from '@cvl/refusal';
import { PROBLEM_CONTENT_TYPE, problemType } from '../problem/problem';

type Operation = {
  parameters?: Array<{ name: string; in: string; [key: string]: unknown }>;
  responses?: Record<string, unknown>;
  [key: string]: unknown;
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const WRITES = new Set(['put', 'post', 'delete', 'patch']);
const REFUSAL_STATUS: Record<RefusalKind, '404' | '409' | '422'> = { unknown: '404', conflict: '409', rule: '422' };
const REFUSAL_SCHEMA: Record<RefusalKind, string> = {
  unknown: 'RefusIntrouvable',
  conflict: 'RefusConflit',
  rule: 'RefusRegle',
};

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'Problème (RFC 9457) : ce qui est refusé, pourquoi, le champ à corriger, de combien un montant dépasse.',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', example: problemType('envelope-exceeded') },
    title: { type: 'string', example: 'Enveloppe dépassée' },
    status: { type: 'integer', example: 422 },
    detail: { type: 'string', example: 'Enveloppe « Axe 3 » dépassée de 1 500 000,00 € : rien n’est inscrit' },
    instance: { type: 'string' },
    correlationId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string', example: 'amount' }, message: { type: 'string' } },
      },
    },
    excess: { type: 'string', description: 'le dépassement, en euros (décimal)', example: '1500000.00' },
  },
};

const problem = (description: string, schema = 'Probleme') => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: `#/components/schemas/${schema}` } } },
});

/**
 * Completes a service's OpenAPI document with what every route answers besides its success: the problem+json
 * errors (400 with the fields to correct, 401, 403; 404, 409 and 422 with the service's refusal codes of each kind,
 * from its catalogue; 503 when writers kept colliding), and the Idempotency-Key header every write accepts.
 */
export function documentProblems(document: OpenAPIObject, refusals?: RefusalCatalogue<string>): OpenAPIObject {
  const schemas = (document.components ??= {}).schemas ?? {};
  document.components.schemas = schemas;
  schemas.Probleme = PROBLEM_SCHEMA;
  const codesOf = (kind: RefusalKind) =>
    Object.entries(refusals?.entries ?? {}).filter(([, entry]) => entry.kind === kind);
  for (const kind of Object.keys(REFUSAL_SCHEMA) as RefusalKind[]) {
    const codes = codesOf(kind);
    schemas[REFUSAL_SCHEMA[kind]] = {
      allOf: [
        { $ref: '#/components/schemas/Probleme' },
        {
          type: 'object',
          properties: {
            type:
              codes.length > 0
                ? { type: 'string', enum: codes.map(([code]) => problemType(code)) }
                : { type: 'string' },
          },
        },
      ],
      description:
        codes.length > 0
          ? codes.map(([code, entry]) => `${problemType(code)} : ${entry.title}`).join(' ; ')
          : 'Refus de cette sorte',
    };
  }
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      const responses = (operation.responses ??= {});
      const add = (status: string, description: string, schema?: string) => {
        responses[status] ??= problem(description, schema);
      };
      add('400', 'Requête invalide : chaque champ à corriger est nommé (errors[].field)');
      add('401', 'Authentification requise');
      add(
        '403',
        'Accès refusé : la politique de la route ne l’ouvre pas à ce principal, ou pas pour cette organisation',
      );
      if (path.includes('{'))
        add(REFUSAL_STATUS.unknown, 'Introuvable (ou hors de ce que le principal peut voir)', REFUSAL_SCHEMA.unknown);
      if (!WRITES.has(method)) continue;
      add(
        REFUSAL_STATUS.conflict,
        'Conflit : l’état ne permet pas cette commande maintenant, ou If-Match ne correspond plus',
        REFUSAL_SCHEMA.conflict,
      );
      add(REFUSAL_STATUS.rule, 'Demande refusée par une règle du contrat', REFUSAL_SCHEMA.rule);
      add('503', 'Trop d’écritures simultanées : réessayez (Retry-After)');
      const parameters = (operation.parameters ??= []);
      if (!parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'))
        parameters.push({
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'clé choisie par le client : la même commande rejouée avec la même clé n’écrit rien de plus',
          schema: { type: 'string', maxLength: 200, example: '7f0c9a52-3f55-4d6e-9a47-2a3c1d8e4b10' },
        });
    }
  }
  return document;
}
