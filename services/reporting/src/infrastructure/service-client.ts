import { ServiceUnavailableException } from '@nestjs/common';
import { serviceUrlVariable } from '@cvl/platform';
import type { Source } from '../projection/read-model-projector';

/** The other services reporting asks for what only they hold (hash chains, the ledger's balances): those it reads. */
export type AskedService = Source;

/**
 * Where each service answers: COMMITMENTS_URL, RENEWAL_URBAN_URL, ITI_FEDER_URL (distributed mode sets them);
 * otherwise this very process, where it listens (embedded mode: one process serves every service). Never the
 * request's Host header: the caller's token is sent there, and a caller must not choose where.
 */
export function serviceUrl(service: AskedService, selfOrigin: string, env: NodeJS.ProcessEnv = process.env): string {
  return (env[serviceUrlVariable(service)] ?? selfOrigin).replace(/\/+$/, '');
}

/** GET another service's JSON with the caller's own credentials; a service that does not answer is a 503 naming it. */
export async function askService<T>(
  service: AskedService,
  selfOrigin: string,
  path: string,
  authorization: string | undefined,
): Promise<T> {
  const url = `${serviceUrl(service, selfOrigin)}${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { Accept: 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
      signal: AbortSignal.timeout(120_000),
    });
  } catch (error) {
    throw new ServiceUnavailableException(`Le service ${service} ne répond pas à ${url} : ${(error as Error).message}`);
  }
  if (!response.ok)
    throw new ServiceUnavailableException(`Le service ${service} a répondu ${response.status} à ${url}`);
  return (await response.json()) as T;
}
