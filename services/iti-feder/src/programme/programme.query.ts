import { QueryHandler } from '@nestjs/cqrs';
import type { Access } from '@cvl/platform';
import { ProgrammeQuery, ProgrammeQueryHandler } from '../application/programme-use-case';
import type { Programme } from '../domain/state';
import { programmeFor } from '../http/access';

type ProgrammeView = ReturnType<typeof programmeFor>;

export class ProgrammeViewQuery extends ProgrammeQuery<'programme', { access: Access }, ProgrammeView> {
  readonly type = 'programme';
}

/** Where each FEDER euro stands, by axis and operation — as much as the principal may see. */
@QueryHandler(ProgrammeViewQuery)
export class ProgrammeViewQueryHandler extends ProgrammeQueryHandler<ProgrammeViewQuery, ProgrammeView> {
  protected read({ access }: ProgrammeViewQuery['params'], programme: Programme): ProgrammeView {
    return programmeFor(access, programme);
  }
}
