import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { KurrentDbEventStore, openSqlEventStore, type EventStore, type SqlClient } from '@cvl/event-store';
import { InProcessBus, KafkaBus, type IntegrationBus } from '@cvl/messaging';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, loadOrCreateLocalKey, signToken, type LocalSigningKey } from './auth/local-keys';
import { TokenVerifier } from './auth/token-verifier';
import { eventStoreConfig, type HttpPolicy, type PlatformConfig } from './config';
import { migratePlatform } from './http/idempotency.store';

export interface Infrastructure {
  store: EventStore;
  sql: SqlClient;
  storeKind: 'postgres' | 'pglite' | 'kurrentdb';
  bus: IntegrationBus;
  verifier: TokenVerifier;
  /** Scopes the consumer groups (CVL_DEPLOYMENT). */
  deployment?: string;
  /** Embedded mode without configured auth: its own signing key (its sign-in provider signs with it) and data folder. */
  localKey?: LocalSigningKey;
  dataDir?: string;
  /** CORS and rate limits of the HTTP edge. */
  http?: HttpPolicy;
  /** Embedded mode without configured auth: a ready-to-use admin token, printed at start. */
  adminToken?: string;
  close(): Promise<void>;
}

/** Opens what a process needs: the event store (migrated), the transport, and the token verifier. */
export async function openInfrastructure(config: PlatformConfig, clientId: string): Promise<Infrastructure> {
  const database = new Logger('base');
  const opened = await openSqlEventStore({
    ...eventStoreConfig(config, clientId),
    onConnectionError: (error) =>
      database.warn(`connexion PostgreSQL perdue (${error.message}) : une autre sera ouverte au besoin`),
  });
  await migratePlatform(opened.client);
  // The signed log is checked (and a store older than signing adopted) before anything is served or written.
  await opened.store.ready();
  // KurrentDB by configuration: the events there, the platform's tables still in the SQL database opened above.
  const kurrent =
    config.eventStore.kind === 'kurrentdb' ? new KurrentDbEventStore(config.eventStore.connectionString) : undefined;
  if (kurrent && !(await kurrent.ping())) {
    await kurrent.close();
    await opened.store.close();
    throw new Error('KurrentDB injoignable (KURRENTDB_CONNECTION_STRING)');
  }
  const store: EventStore = kurrent ?? opened.store;
  // A consumer that keeps failing retries forever (nothing is skipped): say so in the logs, with the reason.
  const logger = new Logger('messagerie');
  const kafkaLog = {
    error: (m: string) => logger.error(m),
    warn: (m: string) => logger.warn(m),
    info: (m: string) => logger.log(m),
  };
  const failed = (groupId: string, error: unknown) =>
    logger.error(
      `consommateur ${groupId} : échec de traitement, nouvel essai — ${(error as Error)?.message ?? String(error)}`,
    );
  const bus: IntegrationBus = config.kafkaBrokers?.length
    ? new KafkaBus({
        brokers: config.kafkaBrokers,
        clientId,
        ...(config.kafkaTopicPrefix ? { topicPrefix: config.kafkaTopicPrefix } : {}),
        ...config.kafka,
        onConsumerCrash: (groupId, error) => failed(groupId, error),
        log: (level, message, extra) => kafkaLog[level](`${message}${extra ? ` ${JSON.stringify(extra)}` : ''}`),
      })
    : await InProcessBus.open(opened.client, { onHandlerError: (groupId, _topic, error) => failed(groupId, error) });
  let verifier: TokenVerifier;
  let adminToken: string | undefined;
  let localKey: LocalSigningKey | undefined;
  if (config.auth.jwksUrl || config.auth.publicKeyPem) {
    verifier = await TokenVerifier.create(config.auth);
  } else {
    const key = await loadOrCreateLocalKey(join(config.dataDir, 'auth'));
    verifier = TokenVerifier.fromKey(key.publicKey, { ...config.auth, issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE });
    adminToken = await signToken(key.privateKey, { subject: 'admin', organisation: 'cvl', roles: ['admin'] });
    localKey = key;
  }
  let closing: Promise<void> | undefined;
  return {
    store,
    sql: opened.client,
    storeKind: kurrent ? 'kurrentdb' : opened.kind,
    bus,
    verifier,
    adminToken,
    deployment: config.deployment,
    http: config.http,
    ...(localKey ? { localKey, dataDir: config.dataDir } : {}),
    close: () =>
      (closing ??= (async () => {
        await bus.close();
        await kurrent?.close();
        await opened.store.close();
      })()),
  };
}
