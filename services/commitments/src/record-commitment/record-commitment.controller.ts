import { CommitmentResponse } from '../http/responses';
import { CommandBus } from '@nestjs/cqrs';
import { Body, Controller, Post } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiCreatedResponse } from '@nestjs/swagger';
import { fromDecimalString } from '@cvl/money';
import { Allow, CurrentAccess, type Access, type Versioned } from '@cvl/platform';
import { assertBooksFor, BOOKS_OWN_COMMITMENTS } from '../http/access';
import { toAct, toTrace } from '../http/trace.dto';
import { commitmentAfter } from '../http/commitment-resource';
import type { CommitmentView } from '../queries/views';
import { RecordCommitmentCommand } from './record-commitment.handler';
import { RecordCommitmentDto, type StatedDto } from './record-commitment.dto';
import type { StatedFigure } from '../domain/events';

function statedFrom(dto: StatedDto): StatedFigure {
  const formula = dto.formula;
  return {
    text: dto.text,
    ...(dto.range?.central ? { range: { min: '', max: '', central: dto.range.central } } : {}),
    ...(formula?.kind === 'product'
      ? {
          formula: {
            kind: 'product' as const,
            unitAmount: formula.unitAmount as string,
            quantity: formula.quantity as number,
          },
        }
      : {}),
    ...(formula?.kind === 'share'
      ? {
          formula: {
            kind: 'share' as const,
            baseAmount: formula.baseAmount as string,
            rateBasisPoints: formula.rateBasisPoints as number,
          },
        }
      : {}),
  };
}

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
    const act = toAct(body.act);
    const executed = await this.commands.execute(
      new RecordCommitmentCommand({
        commitmentId: body.commitmentId,
        funder: body.funder,
        ...(body.envelopeId ? { envelopeId: body.envelopeId } : {}),
        status: body.status,
        ...(body.conditionId ? { conditionId: body.conditionId } : {}),
        ...(act ? { act } : {}),
        amountCents: fromDecimalString(body.amount),
        isPool: body.isPool ?? false,
        attribution: { ...body.attribution },
        ...(body.stated ? { stated: statedFrom(body.stated) } : {}),
        ...(body.schedule
          ? {
              schedule: {
                fromYear: body.schedule.fromYear,
                toYear: body.schedule.toYear,
                planned: (body.schedule.planned ?? []).map((p) => ({
                  year: p.year,
                  amountCents: fromDecimalString(p.amount),
                })),
              },
            }
          : {}),
        trace: toTrace(body.trace),
      }),
    );
    return commitmentAfter(executed, body.commitmentId);
  }
}
