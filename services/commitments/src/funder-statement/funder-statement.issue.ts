import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  canonicalJson,
  encodeSeal,
  fingerprintOf,
  sealDocument,
  type EventStore,
  type JsonValue,
} from '@cvl/event-store';
import { parisDateTime, type ReportDocument } from '@cvl/exports';
import { formatIntegerFr } from '@cvl/money';
import { EVENT_STORE } from '@cvl/platform';
import {
  STATEMENT_PURPOSE,
  statementDocument,
  statementPrinted,
  statementReference,
} from './funder-statement.document';
import type { FunderStatementView } from './funder-statement.queries';

/**
 * Issues a statement as a file: the document, sealed with the log's key over its content and the log's current
 * signed head, so that `cvl audit verify releve.pdf` can check it with no server. A store that does not sign (the
 * KurrentDB adapter) issues it unsealed, and says so on the document.
 */
@Injectable()
export class StatementIssuer {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async issue(view: FunderStatementView, now = new Date()): Promise<ReportDocument> {
    const issuedAt = now.toISOString();
    const seals = this.store.seals;
    const head = await this.store.signedHead?.();
    if (!seals || !head) {
      const unsealed = statementDocument(view, issuedAt);
      return {
        ...unsealed,
        notices: [
          ...(unsealed.notices ?? []),
          'Document non scellé : ce registre ne signe pas son journal, rien ne permet de vérifier ce relevé hors ligne.',
        ],
      };
    }
    // The view as JSON is what the seal covers: amounts as decimal strings, every line, every date.
    const content = JSON.parse(JSON.stringify(view)) as JsonValue;
    // One reference per issue: the same statement issued twice is two documents, each with its own date.
    const reference = statementReference(
      issuedAt,
      createHash('sha256')
        .update(`${issuedAt}\n${canonicalJson(content)}`)
        .digest('hex'),
    );
    const sealed = sealDocument(seals, {
      purpose: STATEMENT_PURPOSE,
      reference,
      issuedAt,
      content,
      printed: statementPrinted(view),
      head,
    });
    return statementDocument(view, issuedAt, {
      reference,
      fingerprint: fingerprintOf(sealed),
      printed: [
        `Journal signé « ${head.log} » : tête n° ${formatIntegerFr(head.sequence)} du ${parisDateTime(head.signedAt)} (heure de Paris), ${formatIntegerFr(head.treeSize)} événements, clé ${head.keyId}.`,
        `Vérification hors ligne : npm run cvl -- audit verify <ce fichier> --cle=${head.keyId} (l’empreinte de la clé, publiée par la CALL : cvl audit cle).`,
      ],
      payload: encodeSeal(sealed),
    });
  }
}
