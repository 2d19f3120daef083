import type { JsonObject } from '@cvl/event-store';
import { traceContextOf } from '@cvl/messaging';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomUUID } from 'node:crypto';
import { actorOf, SYSTEM_ACTOR, type Principal } from '../auth/principal';

/**
 * What every line of work knows about why it runs: the correlation id (one per request or consumed event), the
 * authenticated principal (the actor of the events it causes), and the idempotency key of the command, if any.
 */
export interface RequestContext {
  correlationId: string;
  causationId?: string;
  principal?: Principal;
  idempotencyKey?: string;
  /** Names the command itself whoever sends it (a data-set row: « import:<document>:<row> »): same key, same events. */
  commandKey?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runInContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Enters a fresh context for a consumed integration event: its correlation id carries on, it becomes the cause. */
export function runForEvent<T>(event: { id: string; correlationid?: string }, work: () => T): T {
  return storage.run({ correlationId: event.correlationid || event.id, causationId: event.id }, work);
}

export function newCorrelationId(): string {
  return randomUUID();
}

/** Accepts a caller's correlation id only if it looks like one (no header injection into logs). */
export function acceptCorrelationId(header: unknown): string {
  return typeof header === 'string' && /^[A-Za-z0-9._:-]{8,100}$/.test(header) ? header : newCorrelationId();
}

/**
 * The id of the n-th event a command appends. Under an Idempotency-Key it is derived from the principal and the
 * key, so a retry that runs again after a crash appends the very same events, which the store ignores.
 */
export function commandEventId(index = 0): string {
  const context = currentContext();
  if (!context?.idempotencyKey && !context?.commandKey) return randomUUID();
  const principal = context.principal
    ? `${context.principal.subject}\u0000${context.principal.organisation}`
    : 'anonymous';
  const key = context.commandKey ? `command\u0000${context.commandKey}` : `${principal}\u0000${context.idempotencyKey}`;
  const hex = createHash('sha256').update(`${key}\u0000${index}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Metadata every appended event carries: who, in which flow, caused by what — and, when the process is traced, the
 * W3C trace context of the work that decided it, so that its publication continues the same trace.
 */
export function eventMetadata(extra: Record<string, string> = {}): JsonObject {
  const context = currentContext();
  const principal = context?.principal;
  return {
    actor: { ...actorOf(principal ?? SYSTEM_ACTOR) },
    correlationId: context?.correlationId ?? randomUUID(),
    ...(context?.causationId ? { causationId: context.causationId } : {}),
    ...traceContextOf(),
    ...extra,
  };
}

/**
 * Wraps an integration-event handler so that everything it does — logs, events it appends — carries the event's
 * correlation id and names the event as its cause.
 */
export function inEventContext<E extends { id: string; correlationid?: string }, R>(
  handle: (event: E) => Promise<R>,
): (event: E) => Promise<R> {
  return (event) => runForEvent(event, () => handle(event));
}
