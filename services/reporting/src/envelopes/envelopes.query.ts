import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UseCaseQuery, type Access } from '@cvl/platform';
import { ownCommitments, ownEnvelopes } from '../access/read-scope';
import { ReadModels } from '../infrastructure/read-models';
import { envelopePositions, type EnvelopePosition } from './envelopes';

export class EnvelopePositionsQuery extends UseCaseQuery<'envelope-positions', { access: Access }, EnvelopePosition[]> {
  readonly type = 'envelope-positions';
}

/** The envelopes the principal may see (a financeur: its own budgets), each against the commitments it may see. */
@QueryHandler(EnvelopePositionsQuery)
export class EnvelopePositionsQueryHandler implements IQueryHandler<EnvelopePositionsQuery, EnvelopePosition[]> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ params: { access } }: EnvelopePositionsQuery): Promise<EnvelopePosition[]> {
    const [envelopes, commitments, operations] = await Promise.all([
      this.readModels.envelopes(),
      this.readModels.all(),
      this.readModels.operations(),
    ]);
    return envelopePositions(ownEnvelopes(access, envelopes), ownCommitments(access, commitments), operations);
  }
}
