import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { topicConfigOf, type KafkaBusOptions } from '@cvl/messaging';
import { DEFAULT_CLAIM_MAPPING, parseRoleMap, type TokenVerifierConfig } from './auth/token-verifier';
import { DEFAULT_COSTLY_PER_MINUTE } from './http/rate-limit';

export type RuntimeMode = 'embedded' | 'distributed';

export interface PlatformConfig {
  mode: RuntimeMode;
  port: number;
  host: string;
  /** PostgreSQL; absent: PGlite on disk under dataDir (embedded) . */
  databaseUrl?: string;
  databaseSchema?: string;
  dataDir: string;
  kafkaBrokers?: string[];
  /** Prefix of every topic on the broker (KAFKA_TOPIC_PREFIX), for deployments sharing one broker. */
  kafkaTopicPrefix?: string;
  /** A production broker: TLS, SASL, replication, in-sync replicas, partitions, retention (KAFKA_*). */
  kafka: KafkaSettings;
  /** Names this deployment: consumer groups are scoped by it, so two deployments on one broker never share work. */
  deployment: string;
  auth: TokenVerifierConfig;
  http: HttpPolicy;
  journal: JournalConfig;
  /** Where the events are kept (EVENT_STORE): the SQL store (default), or KurrentDB (KURRENTDB_CONNECTION_STRING). */
  eventStore: EventStoreChoice;
}

/**
 * The SQL store (PostgreSQL or PGlite) keeps the signed log and everything else; KurrentDB keeps the events only —
 * the platform's own tables (idempotency, checkpoints, read models, dead letters) stay in the SQL database, and a
 * KurrentDB-backed service signs no log (its statements say they are not sealed).
 */
export type EventStoreChoice = { kind: 'sql' } | { kind: 'kurrentdb'; connectionString: string };

/**
 * The signed log's key and witness, both outside the database. By default under the data folder (made at first
 * start); in production, CVL_JOURNAL_KEY_FILE names a key the operator provisions (a secret volume: absent, the
 * service refuses to start) and CVL_WITNESS_DIR a folder on another volume or host than the database.
 */
export interface JournalConfig {
  keyFile: string;
  /** True when keyFile is the default location: the key is made there at first start. */
  createKey: boolean;
  witnessDir: string;
}

/** What the HTTP edge lets through besides the routes' policies. */
export interface HttpPolicy {
  /** Origins a browser may call the API from (CORS_ORIGINS); none by default: CORS stays closed. */
  corsOrigins: string[];
  /** Costly calls (integrity, hash chains, replay, workbook) per principal and minute (RATE_LIMIT_COSTLY_PER_MINUTE). */
  costlyPerMinute: number;
}

export class ConfigError extends Error {
  constructor(variable: string, detail: string) {
    super(`Configuration : ${variable} — ${detail}`);
    this.name = 'ConfigError';
  }
}

const blankToUndefined = (value: string | undefined) => (value && value.trim() !== '' ? value.trim() : undefined);

/** A duration in seconds (« 3600 ») or with a unit (« 12h », « 30d »). */
function seconds(env: NodeJS.ProcessEnv, variable: string): number | undefined {
  const text = blankToUndefined(env[variable]);
  if (text === undefined) return undefined;
  const match = /^(\d{1,7})(s|m|h|d)?$/.exec(text);
  if (!match) throw new ConfigError(variable, `durée invalide : ${text} (par ex. 3600, 12h, 30d)`);
  return Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86_400 }[(match[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
}

export type KafkaSettings = Pick<
  KafkaBusOptions,
  'ssl' | 'sasl' | 'replicationFactor' | 'minInsyncReplicas' | 'partitions' | 'retentionMs'
>;

function positiveInteger(env: NodeJS.ProcessEnv, variable: string, max: number): number | undefined {
  const text = blankToUndefined(env[variable]);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d{1,6}$/.test(text) || value < 1 || value > max)
    throw new ConfigError(variable, `un entier de 1 à ${max}, pas « ${text} »`);
  return value;
}

/** A secret given inline (VARIABLE) or as a file (VARIABLE_FILE, a mounted secret), never both. */
function secret(env: NodeJS.ProcessEnv, variable: string): string | undefined {
  const inline = blankToUndefined(env[variable]);
  const file = blankToUndefined(env[`${variable}_FILE`]);
  if (inline && file) throw new ConfigError(variable, `ou ${variable}_FILE, pas les deux`);
  if (!file) return inline;
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new ConfigError(`${variable}_FILE`, `illisible : ${(error as Error).message}`);
  }
}

/**
 * Kafka as production runs it: TLS (KAFKA_SSL=true, or KAFKA_SSL_CA_FILE with the CAs to trust), SASL/SCRAM
 * (KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD or _FILE — never without TLS), the topics'
 * replication (KAFKA_REPLICATION_FACTOR), min.insync.replicas, partitions and retention (KAFKA_RETENTION_MS: -1,
 * the default, or at least 30 days; a rebuild reads the services' stores, never the topics).
 */
function kafkaSettings(env: NodeJS.ProcessEnv): KafkaSettings {
  const caFile = blankToUndefined(env.KAFKA_SSL_CA_FILE);
  const sslText = blankToUndefined(env.KAFKA_SSL);
  if (sslText !== undefined && sslText !== 'true' && sslText !== 'false')
    throw new ConfigError('KAFKA_SSL', `true ou false, pas « ${sslText} »`);
  let ssl: KafkaSettings['ssl'];
  if (caFile) {
    try {
      ssl = { ca: [readFileSync(caFile, 'utf8')] };
    } catch (error) {
      throw new ConfigError('KAFKA_SSL_CA_FILE', `illisible : ${(error as Error).message}`);
    }
  } else if (sslText === 'true') ssl = true;
  const mechanism = blankToUndefined(env.KAFKA_SASL_MECHANISM);
  let sasl: KafkaSettings['sasl'];
  if (mechanism) {
    if (mechanism !== 'scram-sha-256' && mechanism !== 'scram-sha-512' && mechanism !== 'plain')
      throw new ConfigError('KAFKA_SASL_MECHANISM', `scram-sha-256, scram-sha-512 ou plain, pas « ${mechanism} »`);
    const username = blankToUndefined(env.KAFKA_SASL_USERNAME);
    const password = secret(env, 'KAFKA_SASL_PASSWORD');
    if (!username) throw new ConfigError('KAFKA_SASL_USERNAME', 'obligatoire avec KAFKA_SASL_MECHANISM');
    if (!password) throw new ConfigError('KAFKA_SASL_PASSWORD', 'obligatoire avec KAFKA_SASL_MECHANISM (ou _FILE)');
    if (!ssl) throw new ConfigError('KAFKA_SSL', 'SASL sans TLS : les identifiants passeraient en clair');
    sasl = { mechanism, username, password };
  }
  const replicationFactor = positiveInteger(env, 'KAFKA_REPLICATION_FACTOR', 16);
  const minInsyncReplicas = positiveInteger(env, 'KAFKA_MIN_INSYNC_REPLICAS', 16);
  if (minInsyncReplicas !== undefined && minInsyncReplicas > (replicationFactor ?? 1))
    throw new ConfigError(
      'KAFKA_MIN_INSYNC_REPLICAS',
      `${minInsyncReplicas} au-dessus du facteur de réplication (${replicationFactor ?? 1}) : aucune écriture ne passerait`,
    );
  const retentionText = blankToUndefined(env.KAFKA_RETENTION_MS);
  const retentionMs = retentionText === undefined ? undefined : Number(retentionText);
  try {
    topicConfigOf({ ...(retentionMs !== undefined ? { retentionMs } : {}) });
  } catch (error) {
    throw new ConfigError('KAFKA_RETENTION_MS', (error as Error).message);
  }
  const partitions = positiveInteger(env, 'KAFKA_PARTITIONS', 1_000);
  return {
    ...(ssl !== undefined ? { ssl } : {}),
    ...(sasl ? { sasl } : {}),
    ...(replicationFactor !== undefined ? { replicationFactor } : {}),
    ...(minInsyncReplicas !== undefined ? { minInsyncReplicas } : {}),
    ...(partitions !== undefined ? { partitions } : {}),
    ...(retentionMs !== undefined ? { retentionMs } : {}),
  };
}

function corsOrigins(env: NodeJS.ProcessEnv): string[] {
  const origins =
    blankToUndefined(env.CORS_ORIGINS)
      ?.split(',')
      .map((o) => o.trim())
      .filter(Boolean) ?? [];
  const bad = origins.find((o) => !/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(o));
  if (bad)
    throw new ConfigError(
      'CORS_ORIGINS',
      `origine invalide : ${bad} (attendu https://hote[:port], séparées par des virgules)`,
    );
  return origins;
}

function costlyPerMinute(env: NodeJS.ProcessEnv): number {
  const text = blankToUndefined(env.RATE_LIMIT_COSTLY_PER_MINUTE);
  if (text === undefined) return DEFAULT_COSTLY_PER_MINUTE;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 100_000)
    throw new ConfigError('RATE_LIMIT_COSTLY_PER_MINUTE', `entier de 1 à 100 000 attendu : ${text}`);
  return value;
}

function roleMap(env: NodeJS.ProcessEnv) {
  const text = blankToUndefined(env.AUTH_ROLE_MAPPING);
  if (text === undefined) return {};
  try {
    return parseRoleMap(text);
  } catch (error) {
    throw new ConfigError('AUTH_ROLE_MAPPING', (error as Error).message);
  }
}

function eventStoreChoice(env: NodeJS.ProcessEnv): EventStoreChoice {
  const kind = blankToUndefined(env.EVENT_STORE) ?? 'sql';
  if (kind === 'sql') return { kind };
  if (kind !== 'kurrentdb') throw new ConfigError('EVENT_STORE', `« sql » ou « kurrentdb », pas « ${kind} »`);
  const connectionString = secret(env, 'KURRENTDB_CONNECTION_STRING');
  if (!connectionString)
    throw new ConfigError(
      'KURRENTDB_CONNECTION_STRING',
      'requise avec EVENT_STORE=kurrentdb (kurrentdb://hôte:2113?tls=…)',
    );
  if (!/^(kurrentdb|esdb|kdb)(\+discover)?:\/\//.test(connectionString))
    throw new ConfigError('KURRENTDB_CONNECTION_STRING', 'une adresse kurrentdb://… ou esdb://… est attendue');
  return { kind, connectionString };
}

function journalConfig(env: NodeJS.ProcessEnv, dataDir: string): JournalConfig {
  const keyFile = blankToUndefined(env.CVL_JOURNAL_KEY_FILE);
  return {
    keyFile: resolve(keyFile ?? join(dataDir, 'journal', 'cle-ed25519.pem')),
    createKey: keyFile === undefined,
    witnessDir: resolve(blankToUndefined(env.CVL_WITNESS_DIR) ?? join(dataDir, 'journal', 'temoin')),
  };
}

/** Where a process's event store is, and how its log is signed: the same for the services and for `cvl`. */
export function eventStoreConfig(config: PlatformConfig, applicationName?: string) {
  const log = config.databaseSchema ?? 'cvl';
  return {
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : join(config.dataDir, 'event-store'),
    schema: config.databaseSchema,
    ...(applicationName ? { applicationName } : {}),
    signing: {
      keyFile: config.journal.keyFile,
      createKey: config.journal.createKey,
      witnessFile: join(config.journal.witnessDir, `${log}.jsonl`),
      log,
    },
  };
}

/** Reads the environment once, at start, and says which variable is wrong. */
export function loadPlatformConfig(
  env: NodeJS.ProcessEnv,
  defaults: { mode: RuntimeMode; port: number; schema?: string },
): PlatformConfig {
  const portText = blankToUndefined(env.PORT);
  const port = portText === undefined ? defaults.port : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new ConfigError('PORT', `port invalide : ${portText}`);
  const schema = blankToUndefined(env.DB_SCHEMA) ?? defaults.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new ConfigError('DB_SCHEMA', `nom de schéma invalide : ${schema}`);
  if (env.KAFKA_TOPIC_PREFIX && !/^[A-Za-z0-9._-]{1,100}$/.test(env.KAFKA_TOPIC_PREFIX))
    throw new ConfigError('KAFKA_TOPIC_PREFIX', `préfixe de sujets invalide : ${env.KAFKA_TOPIC_PREFIX}`);
  if (env.CVL_DEPLOYMENT && !/^[A-Za-z0-9._-]{1,100}$/.test(env.CVL_DEPLOYMENT))
    throw new ConfigError('CVL_DEPLOYMENT', `nom de déploiement invalide : ${env.CVL_DEPLOYMENT}`);
  const brokers = blankToUndefined(env.KAFKA_BROKERS)
    ?.split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  const config: PlatformConfig = {
    mode: defaults.mode,
    port,
    host: blankToUndefined(env.HOST) ?? '127.0.0.1',
    databaseUrl: blankToUndefined(env.DATABASE_URL),
    databaseSchema: schema,
    dataDir: resolve(blankToUndefined(env.CVL_DATA_DIR) ?? join(process.cwd(), '.data')),
    kafkaBrokers: brokers,
    deployment: blankToUndefined(env.CVL_DEPLOYMENT) ?? 'cvl',
    http: { corsOrigins: corsOrigins(env), costlyPerMinute: costlyPerMinute(env) },
    journal: journalConfig(env, resolve(blankToUndefined(env.CVL_DATA_DIR) ?? join(process.cwd(), '.data'))),
    kafkaTopicPrefix: blankToUndefined(env.KAFKA_TOPIC_PREFIX),
    kafka: kafkaSettings(env),
    eventStore: eventStoreChoice(env),
    auth: {
      jwksUrl: blankToUndefined(env.AUTH_JWKS_URL),
      publicKeyPem: blankToUndefined(env.AUTH_PUBLIC_KEY)?.replace(/\\n/g, '\n'),
      algorithm: blankToUndefined(env.AUTH_ALGORITHM),
      issuer: blankToUndefined(env.AUTH_ISSUER),
      audience: blankToUndefined(env.AUTH_AUDIENCE),
      maxLifetimeSeconds: seconds(env, 'AUTH_MAX_TOKEN_LIFETIME'),
      serviceMaxLifetimeSeconds: seconds(env, 'AUTH_SERVICE_TOKEN_LIFETIME'),
      serviceAccounts: blankToUndefined(env.AUTH_SERVICE_ACCOUNTS)
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      claimMapping: {
        organisationClaim: blankToUndefined(env.AUTH_ORGANISATION_CLAIM) ?? DEFAULT_CLAIM_MAPPING.organisationClaim,
        rolesClaim: blankToUndefined(env.AUTH_ROLES_CLAIM) ?? DEFAULT_CLAIM_MAPPING.rolesClaim,
        roleMap: roleMap(env),
      },
    },
  };
  if (config.mode === 'distributed') {
    if (!config.databaseUrl) throw new ConfigError('DATABASE_URL', 'obligatoire en mode distribué (PostgreSQL)');
    if (!config.kafkaBrokers?.length) throw new ConfigError('KAFKA_BROKERS', 'obligatoire en mode distribué');
    if (!config.auth.jwksUrl && !config.auth.publicKeyPem)
      throw new ConfigError('AUTH_JWKS_URL', 'ou AUTH_PUBLIC_KEY : obligatoire en mode distribué');
  }
  // A token of any issuer, or meant for any other application, must never pass: with a configured identity provider
  // both are required (the embedded mode's own tokens carry its own issuer and audience, checked the same way).
  if (config.auth.jwksUrl || config.auth.publicKeyPem) {
    if (!config.auth.issuer?.length)
      throw new ConfigError(
        'AUTH_ISSUER',
        'obligatoire avec AUTH_JWKS_URL ou AUTH_PUBLIC_KEY (l’émetteur des jetons, par ex. https://auth.partenaires.fr/realms/cvl)',
      );
    if (!config.auth.audience)
      throw new ConfigError(
        'AUTH_AUDIENCE',
        'obligatoire avec AUTH_JWKS_URL ou AUTH_PUBLIC_KEY (l’audience des jetons, par ex. cvl)',
      );
  }
  return config;
}

/** The variable that gives a service's address to the others and to `cvl` in distributed mode: « RENEWAL_URBAN_URL ». */
export function serviceUrlVariable(service: string): string {
  return `${service.toUpperCase().replace(/-/g, '_')}_URL`;
}
