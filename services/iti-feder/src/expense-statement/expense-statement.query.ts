import { NotFoundException } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { Access } from '@cvl/platform';
import { ProgrammeQuery, ProgrammeQueryHandler } from '../application/programme-use-case';
import type { Programme } from '../domain/state';
import { programmeFor } from '../http/access';
import { expenseStatement, type ExpenseStatement } from './expense-statement';

export class ExpenseStatementQuery extends ProgrammeQuery<
  'expense-statement',
  { access: Access; operationId: string },
  ExpenseStatement
> {
  readonly type = 'expense-statement';
}

/** An operation's statement of expenditure: for whoever may read that operation (its beneficiary, its co-funders). */
@QueryHandler(ExpenseStatementQuery)
export class ExpenseStatementQueryHandler extends ProgrammeQueryHandler<ExpenseStatementQuery, ExpenseStatement> {
  protected read({ access, operationId }: ExpenseStatementQuery['params'], programme: Programme): ExpenseStatement {
    const visible = programmeFor(access, programme).value.operations.some((o) => o.id === operationId);
    const operation = programme.operations.get(operationId);
    if (!visible || !operation) throw new NotFoundException(`Opération inconnue : ${operationId}`);
    return expenseStatement(operation);
  }
}
