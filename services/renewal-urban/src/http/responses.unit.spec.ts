import { conforms } from '@cvl/testing';
import type { protocolFor } from './access';
import type { FinancialTable, FinancialTableDiff } from '../financial-table/financial-table.queries';
import type { FinancialTableDiffResponse, FinancialTableResponse, ProtocolResponse } from './responses';

// The check is the type-check of this file (npm test type-checks first).
describe('the documented responses of the renewal service', () => {
  it('are the views the routes return', () => {
    expect([
      conforms<ReturnType<typeof protocolFor>['value'], ProtocolResponse>('protocole'),
      conforms<FinancialTable, FinancialTableResponse>('maquette financière'),
      conforms<FinancialTableDiff, FinancialTableDiffResponse>('ce qu’un avenant a changé'),
    ]).toHaveLength(3);
  });
});
