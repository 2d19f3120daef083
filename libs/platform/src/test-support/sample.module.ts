// A tiny service used only by the platform's own tests: it exercises auth, validation, Idempotency-Key, ETag and
// If-Match through a real event store, the way the services do.
import {
  Body,
  Controller,
  Get,
  Headers,
  Inject,
  Module,
  NotFoundException,
  Param,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import type { EventStore } from '@cvl/event-store';
import { fromDecimalString, toDecimalString } from '@cvl/money';
import { CurrentPrincipal } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { commandEventId, eventMetadata } from '../context/request-context';
import { PageQuery, paginate } from '../http/pagination';
import { expectedRevisionFromIfMatch, Versioned } from '../http/versioned';
import { EVENT_STORE } from '../observability/health';
import { Allow } from '../auth/policy';
import { IsNotBlank } from '../http/source.dto';
import { Costly } from '../http/rate-limit';
import { actorLabel, type Actor } from '../auth/principal';

export class CreateLabelDto {
  @ApiProperty({ example: 'Étude urbaine Cité 12/14' })
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: '150000.00' })
  @Matches(/^\d+\.\d{2}$/, { message: 'montant en euros avec deux décimales, par ex. « 150000.00 »' })
  amount!: string;
}

interface LabelView {
  id: string;
  name: string;
  amount: string;
  createdBy: string;
}

@Controller('api/sample/labels')
@Allow({ all: ['pilotage'] })
export class SampleController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Post()
  async create(@Body() body: CreateLabelDto, @CurrentPrincipal() principal: Principal): Promise<Versioned<LabelView>> {
    const id = commandEventId(0).slice(0, 8);
    const result = await this.store.append(
      `sample-${id}`,
      [
        {
          eventId: commandEventId(0),
          type: 'sample.label-created',
          schemaVersion: 1,
          data: { name: body.name, amountCents: fromDecimalString(body.amount).toString(), by: principal.subject },
          metadata: eventMetadata(),
        },
      ],
      'no_stream',
    );
    return new Versioned(
      {
        id,
        name: body.name,
        amount: body.amount,
        createdBy: actorLabel(result.events[0].metadata.actor as unknown as Actor),
      },
      result.revision,
    );
  }

  @Put(':id')
  async rename(
    @Param('id') id: string,
    @Body() body: CreateLabelDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<Versioned<LabelView>> {
    const expected = expectedRevisionFromIfMatch(ifMatch) ?? 'stream_exists';
    const result = await this.store.append(
      `sample-${id}`,
      [
        {
          eventId: commandEventId(0),
          type: 'sample.label-renamed',
          schemaVersion: 1,
          data: { name: body.name, amountCents: fromDecimalString(body.amount).toString() },
          metadata: eventMetadata(),
        },
      ],
      expected,
    );
    return this.read(id, result.revision);
  }

  @Get('costly')
  @Costly()
  costly() {
    return { walked: 'every stream' };
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<Versioned<LabelView>> {
    return this.read(id);
  }

  @Get()
  async list(@Query() query: PageQuery) {
    const all = Array.from({ length: 7 }, (_, i) => ({ n: i }));
    return paginate(all, query);
  }

  private async read(id: string, atLeast = 0): Promise<Versioned<LabelView>> {
    const events = await this.store.readStream(`sample-${id}`);
    if (events.length === 0 || events.length - 1 < atLeast) throw new NotFoundException(`Étiquette ${id} introuvable`);
    const last = events[events.length - 1];
    return new Versioned(
      {
        id,
        name: String(last.data.name),
        amount: toDecimalString(BigInt(String(last.data.amountCents))),
        createdBy: actorLabel(events[0].metadata.actor as unknown as Actor),
      },
      last.revision,
    );
  }
}

@Module({ controllers: [SampleController] })
export class SampleModule {}
