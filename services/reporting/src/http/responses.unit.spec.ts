import { conforms } from '@cvl/testing';
import type { CoFinancingMatrix } from '../co-financing-matrix/co-financing-matrix';
import type { PendingCondition, PoolPosition } from '../conditions-and-pools/conditions-and-pools';
import type { EnvelopePosition } from '../envelopes/envelopes';
import type { ReportingStatement } from '../funder-statement/funder-statement.query';
import type { IntegrityReport } from '../integrity/integrity';
import type { OperationCard, OperationFilter } from '../operation-cards/operation-cards';
import type { ReplayProgress } from '../projection/read-model-projector';
import type { Provenance } from '../provenance/provenance';
import type {
  CoFinancingMatrixResponse,
  EnvelopesResponse,
  FunderStatementResponse,
  IntegrityCheckResponse,
  OperationCardResponse,
  OperationCardsResponse,
  PendingConditionsResponse,
  PoolPositionsResponse,
  ProvenanceResponse,
  ReplayProgressResponse,
} from './responses';

// The check is the type-check of this file (npm test type-checks first): a view that gains, renames or retypes a
// field its documented response declares no longer compiles here.
describe('the documented responses of reporting', () => {
  it('are the views the routes return', () => {
    expect([
      conforms<CoFinancingMatrix, CoFinancingMatrixResponse>('matrice de cofinancement'),
      conforms<Provenance, ProvenanceResponse>('provenance d’un chiffre'),
      conforms<{ conditions: PendingCondition[] }, PendingConditionsResponse>('conditions en attente'),
      conforms<{ pools: PoolPosition[] }, PoolPositionsResponse>('enveloppes communes'),
      conforms<ReportingStatement, FunderStatementResponse>('relevé d’un financeur'),
      conforms<OperationCard, OperationCardResponse>('fiche opération'),
      conforms<{ filter: OperationFilter; operations: OperationCard[] }, OperationCardsResponse>('fiches opérations'),
      conforms<{ envelopes: EnvelopePosition[] }, EnvelopesResponse>('enveloppes'),
      conforms<IntegrityReport, IntegrityCheckResponse>('contrôle d’intégrité'),
      conforms<ReplayProgress, ReplayProgressResponse>('reconstruction'),
    ]).toHaveLength(10);
  });
});
