import { CommitmentResponse } from '../http/responses';
import { CommandBus } from '@nestjs/cqrs';
import { Body, Controller, Post } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiCreatedResponse } from '@nestjs/swagger';
import { Allow, CurrentAccess, type Access, type Versioned } from '@cvl/platform';
import { assertBooksFor, BOOKS_OWN_COMMITMENTS } from '../http/access';
import { toTrace } from '../http/trace.dto';
import { commitmentAfter } from '../http/commitment-resource';
import type { CommitmentView } from '../queries/views';
import { RecordCommitmentCommand } from './record-commitment.handler';
import { RecordCommitmentDto, recordCommitmentOf } from './record-commitment.dto';

@ApiTags('engagements')
@Controller('api/commitments/commitments')
export class RecordCommitmentController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiCreatedResponse({ type: CommitmentResponse })
  @Allow(BOOKS_OWN_COMMITMENTS)
  @ApiOperation({ summary: 'Inscrire un engagement (indicatif, conditionnel ou ferme)' })
  async record(@CurrentAccess() access: Access, @Body() body: RecordCommitmentDto): Promise<Versioned<CommitmentView>> {
    assertBooksFor(access, body.funder);
    const executed = await this.commands.execute(
      new RecordCommitmentCommand(recordCommitmentOf(body, toTrace(body.trace))),
    );
    return commitmentAfter(executed, body.commitmentId);
  }
}
