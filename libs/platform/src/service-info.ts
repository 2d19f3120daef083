import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import {
  EventFeedResponse,
  IntegrityResponse,
  PrincipalResponse,
  ServiceInfoResponse,
} from './http/service-info.responses';
import type { RefusalCatalogue } from '@cvl/refusal';
import { ConflictException, Controller, Get, Header, Inject, NotFoundException, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { InvalidInputException } from './problem/validation';
import {
  checkpointFromString,
  checkpointToString,
  concernsFunder,
  exportAuditPack,
  NoSignedHeadError,
  SqlEventStore,
  START,
  type EventStore,
  type GlobalCheckpoint,
  type SqlClient,
} from '@cvl/event-store';
import type { IntegrationBus, IntegrationEvent } from '@cvl/messaging';
import { asStored, publishedEnvelope, topicFor, type OutboundTranslator } from '@cvl/messaging';
import { Allow, type Access } from './auth/policy';
import { EVERY_READER } from './auth/roles';
import { CurrentAccess } from './auth/auth.guard';
import { AuditPackQuery, parseAsOf } from './http/audit-pack.dto';
import { Costly } from './http/rate-limit';
import { deadLettersOf, streamPrefix } from './messaging/service-relay';
import { CONSUMER_EDGE, SQL_CLIENT } from './platform.module';
import type { ConsumerEdge } from './messaging/consumer-edge';
import { EVENT_STORE, INTEGRATION_BUS } from './observability/health';

/** A page of a service's own events; `next` is where the following page starts; `end`: nothing after it yet. */
export interface EventFeedPage {
  events: IntegrationEvent[];
  next: string;
  end: boolean;
}

const FEED_PAGE = 1_000;
const FEED_SCANS = 20;

export interface ServiceDescription {
  service: string;
  title: string;
  description: string;
  /** Its refusal codes (domain/refusals.ts), documented in its OpenAPI document. */
  refusals?: RefusalCatalogue<string>;
}

/**
 * GET /api/<service>: what the service is, where its events go, and what it runs on.
 * GET /api/<service>/hash-chains: each of the service's streams re-hashed and the signed log checked, with every
 * broken link; the events its relay set aside as unpublishable, and the messages its consumers set aside.
 * `translate` is the service's outbound translator (the relay's): the feed serves what the relay publishes.
 */
export function serviceInfoController(description: ServiceDescription, translate?: OutboundTranslator) {
  const topic = topicFor(description.service);
  const publish = translate ?? asStored(topic);
  @Controller(`api/${description.service}`)
  class ServiceInfoController {
    constructor(
      @Inject(EVENT_STORE) readonly store: EventStore,
      @Inject(INTEGRATION_BUS) readonly bus: IntegrationBus,
      @Inject(SQL_CLIENT) readonly sql: SqlClient,
      @Inject(CONSUMER_EDGE) readonly edge: ConsumerEdge,
    ) {}

    @Get()
    @ApiOperation({ summary: 'Le service : ce qu’il fait, où vont ses événements, sur quoi il tourne' })
    @ApiOkResponse({ type: ServiceInfoResponse })
    @Allow({ all: EVERY_READER })
    info() {
      // The refusal catalogue is documented in the OpenAPI document, not repeated here.
      const { refusals: _refusals, ...described } = description;
      return {
        ...described,
        topic,
        transport: this.bus.kind,
        docs: `/api/${description.service}/docs`,
      };
    }

    /**
     * Who the service reads in the bearer token — subject, organisation and roles once the provider's claims are
     * mapped (AUTH_ROLES_CLAIM, AUTH_ROLE_MAPPING…): what the web application shows and builds its menu from,
     * whatever provider signed the person in.
     */
    @Get('me')
    @ApiOperation({ summary: 'Qui suis-je : le sujet, l’organisation et les rôles que le service lit dans le jeton' })
    @ApiOkResponse({ type: PrincipalResponse })
    @Allow({ all: EVERY_READER })
    @Header('Cache-Control', 'no-store')
    me(@CurrentAccess() access: Access): PrincipalResponse {
      const { subject, organisation, roles } = access.principal;
      return { subject, organisation, roles: [...roles] };
    }

    /**
     * The service's events from its own store, in global order, as the envelopes its relay publishes: what a
     * rebuild reads when the transport no longer holds everything (records deleted, a broker lost).
     */
    @Get('events')
    @ApiOperation({
      summary:
        'Le fil des événements publiés par le service, tels que publiés (pour reconstruire un modèle de lecture)',
    })
    @ApiOkResponse({ type: EventFeedResponse })
    @Allow({ all: ['exploitation'] })
    @Header('Cache-Control', 'no-store')
    async events(@Query('after') after?: string, @Query('limit') limit?: string): Promise<EventFeedPage> {
      let from: GlobalCheckpoint = START;
      if (after !== undefined && after !== '') {
        if (!/^\d{1,20}:\d{1,20}$/.test(after))
          throw new InvalidInputException([
            {
              field: 'after',
              message:
                'une position « transaction:position » (par ex. 0:0), telle que la page précédente l’a donnée dans next',
            },
          ]);
        from = checkpointFromString(after);
      }
      const wanted = limit === undefined ? FEED_PAGE : Number(limit);
      if (!Number.isInteger(wanted) || wanted < 1 || wanted > FEED_PAGE)
        throw new InvalidInputException([{ field: 'limit', message: `un entier de 1 à ${FEED_PAGE}` }]);
      const prefix = streamPrefix(description.service);
      const events: IntegrationEvent[] = [];
      // The store's log holds every service's events (one store in embedded mode): a bounded scan for this one's.
      for (let scans = 0; scans < FEED_SCANS && events.length < wanted; scans++) {
        const page = await this.store.readAll(from, FEED_PAGE);
        if (page.length === 0) return { events, next: checkpointToString(from), end: true };
        for (const event of page) {
          from = event.checkpoint;
          if (event.streamId.startsWith(prefix))
            for (const message of publish(event))
              if (message.topic === topic) events.push(publishedEnvelope(event, `/${description.service}`, message));
          if (events.length >= wanted) break;
        }
      }
      return { events, next: checkpointToString(from), end: false };
    }

    @Get('hash-chains')
    @ApiOperation({
      summary: 'Intégrité : chaque flux du service re-haché, le journal signé vérifié, les rebuts des consommateurs',
    })
    @ApiOkResponse({ type: IntegrityResponse })
    @Allow({ all: ['pilotage', 'auditeur', 'exploitation'] })
    @Costly()
    @Header('Cache-Control', 'no-store')
    async integrity() {
      const started = Date.now();
      const report = await this.store.verify({ streamPrefix: streamPrefix(description.service) });
      const deadLetters = await deadLettersOf(this.sql, description.service);
      const setAside = await this.edge.setAsideMessages(`${description.service}.`);
      return {
        service: description.service,
        hashChains: report,
        relay: { deadLetters },
        consumers: { deadLetters: setAside },
        checkedAt: new Date().toISOString(),
        durationMs: Date.now() - started,
      };
    }

    /**
     * The offline audit pack (docs/paquet-d-audit.md): the events in canonical form with their hashes, places and
     * signed heads, to check with `cvl audit verify` and no server. A funder's is its own events only, each with its
     * audit path; an auditor's or the contract team's is the whole log, or one funder's. In embedded mode the store
     * holds every service's events: the pack is the whole log whichever service serves it.
     */
    @Get('audit-pack')
    @ApiOperation({
      summary:
        'Paquet d’audit : les événements, leurs empreintes et les têtes signées, à vérifier hors ligne (cvl audit verify) ; un financeur reçoit les siens',
    })
    @ApiOkResponse({
      description: 'le paquet (JSON, en pièce jointe) : docs/paquet-d-audit.md en décrit le format et la vérification',
      schema: {
        type: 'object',
        required: ['format', 'log', 'exportedAt', 'scope', 'publicKey', 'head', 'heads', 'witness', 'events'],
        properties: {
          format: { type: 'string', enum: ['cvl-paquet-audit/1'] },
          log: { type: 'string' },
          exportedAt: { type: 'string', format: 'date-time' },
          scope: {
            type: 'object',
            required: ['complete', 'description'],
            properties: {
              complete: { type: 'boolean' },
              funder: { type: 'string' },
              asOf: { type: 'string' },
              description: { type: 'string' },
            },
          },
          publicKey: {
            type: 'object',
            required: ['keyId', 'pem'],
            properties: { keyId: { type: 'string' }, pem: { type: 'string' } },
          },
          head: { type: 'object', description: 'la tête signée contre laquelle vérifier' },
          heads: { type: 'array', items: { type: 'object' } },
          witness: { type: 'array', items: { type: 'object' } },
          events: {
            type: 'array',
            items: { type: 'object', description: 'un événement, forme canonique, empreintes, place' },
          },
        },
      },
    })
    @Allow({ all: ['pilotage', 'auditeur'], own: { financeur: 'les événements qui le concernent, chacun prouvé' } })
    @Costly()
    @Header('Cache-Control', 'no-store')
    async auditPack(
      @CurrentAccess() access: Access,
      @Query() query: AuditPackQuery,
      @Res({ passthrough: true }) response: Response,
    ) {
      if (!(this.store instanceof SqlEventStore) || !this.store.signedLog)
        throw new ConflictException('Ce magasin ne signe pas son journal : pas de paquet d’audit possible');
      const funder = access.all ? query.funder : access.organisation;
      if (!access.all && query.funder !== undefined && query.funder !== access.organisation)
        access.requireFor('financeur', query.funder, 'un financeur ne reçoit que le paquet de ses propres événements');
      const asOf = query.asOf === undefined ? undefined : parseAsOf(query.asOf);
      if (query.asOf !== undefined && !asOf)
        throw new InvalidInputException([{ field: 'asOf', message: 'une date (2020-12-31) ou un instant ISO 8601' }]);
      const pack = await exportAuditPack(this.store, {
        ...(asOf ? { asOf } : {}),
        ...(funder ? { funder, select: concernsFunder(funder) } : {}),
      }).catch((error: unknown) => {
        // Before the first signed head there is nothing to prove: said as such, never a server error.
        if (error instanceof NoSignedHeadError)
          throw new NotFoundException(
            query.asOf
              ? `Paquet d’audit impossible : aucune tête signée au ${query.asOf}, le journal commence plus tard`
              : 'Paquet d’audit impossible : le journal est vide',
          );
        throw error;
      });
      const day = (asOf ?? new Date()).toISOString().slice(0, 10);
      response.setHeader(
        'Content-Disposition',
        `attachment; filename="paquet-audit-${pack.log}${funder ? `-${funder}` : ''}-${day}.json"`,
      );
      return pack;
    }
  }
  return ServiceInfoController;
}
