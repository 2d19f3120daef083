import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UseCaseQuery, type Access } from '@cvl/platform';
import { ownCommitments } from '../access/read-scope';
import { ReadModels } from '../infrastructure/read-models';
import { provenanceOf, type Provenance, type ProvenanceFilter } from './provenance';

export class ProvenanceQuery extends UseCaseQuery<
  'provenance',
  { access: Access; filter: ProvenanceFilter },
  Provenance
> {
  readonly type = 'provenance';
}

/** A figure's provenance among the commitments the principal may see: its own euros as a financeur. */
@QueryHandler(ProvenanceQuery)
export class ProvenanceQueryHandler implements IQueryHandler<ProvenanceQuery, Provenance> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ params: { access, filter } }: ProvenanceQuery): Promise<Provenance> {
    return provenanceOf(ownCommitments(access, await this.readModels.all()), filter);
  }
}
