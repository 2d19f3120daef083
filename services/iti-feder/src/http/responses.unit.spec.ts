import { conforms } from '@cvl/testing';
import type { programmeFor } from './access';
import type { degagementForecast } from '../degagement-forecast/degagement-forecast';
import type { ExpenseStatement } from '../expense-statement/expense-statement';
import type { ExpenseStatementResponse, ProgrammeResponse, TrancheForecast } from './responses';

// The check is the type-check of this file (npm test type-checks first).
describe('the documented responses of the ITI service', () => {
  it('are the views the routes return', () => {
    expect([
      conforms<ReturnType<typeof programmeFor>['value'], ProgrammeResponse>('programme'),
      conforms<ReturnType<typeof degagementForecast>[number], TrancheForecast>('prévision de dégagement'),
      conforms<ExpenseStatement, ExpenseStatementResponse>('état récapitulatif des dépenses'),
    ]).toHaveLength(3);
  });
});
