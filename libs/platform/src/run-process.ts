import type { INestApplication, Type } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { createPlatformApp, type ServiceDocs } from './bootstrap';
import { loadPlatformConfig, type PlatformConfig, type RuntimeMode } from './config';
import { openInfrastructure, type Infrastructure } from './infrastructure';
import { PLATFORM_CONTROLLERS, PlatformModule } from './platform.module';
import { assertEveryRouteHasPolicy, routeTable, type RouteEntry } from './auth/routes';
import type { ServiceDescription } from './service-info';
import { startTracing } from './observability/tracing';

export interface ProcessDefinition {
  /** « suite » for the embedded host, else the service's name. */
  name: string;
  mode: RuntimeMode;
  defaultPort: number;
  /** Schema of the service's tables in a shared PostgreSQL (distributed mode). */
  schema?: string;
  modules: Array<Type<unknown>>;
  docs: ServiceDocs[];
  /** Mounts what is not a Nest route (the embedded sign-in), before the routes and before listening. */
  beforeListen?: (app: INestApplication, infrastructure: Infrastructure) => void;
}

export interface RunningProcess {
  app: INestApplication;
  config: PlatformConfig;
  infrastructure: Infrastructure;
  url: string;
}

/** The Nest application of some service modules on given infrastructure (processes, and tests on port 0). */
export async function createServiceApp(
  name: string,
  infrastructure: Infrastructure,
  modules: Array<Type<unknown>>,
  docs: ServiceDocs[] = [],
  options: { logs?: boolean } = {},
): Promise<INestApplication> {
  // Least privilege is declared, not assumed: a route nobody gave a policy is a process that does not start.
  assertEveryRouteHasPolicy(processRoutes(modules));
  @Module({ imports: [PlatformModule.forRoot(name, infrastructure), ...modules] })
  class RootModule {}
  return createPlatformApp(RootModule, docs, { ...options, corsOrigins: infrastructure.http?.corsOrigins ?? [] });
}

/** Every route a process of these modules serves, the platform's own (health, metrics) included. */
export function processRoutes(modules: Array<Type<unknown>>): RouteEntry[] {
  return routeTable(modules, PLATFORM_CONTROLLERS);
}

/** Opens the infrastructure, builds the Nest application around the given modules, and listens. */
export async function runProcess(
  definition: ProcessDefinition,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningProcess> {
  const config = loadPlatformConfig(env, {
    mode: definition.mode,
    port: definition.defaultPort,
    schema: definition.schema,
  });
  // Before anything else runs: the spans of the start itself (migrations, the contract's load) are kept too.
  startTracing(definition.name, env);
  const infrastructure = await openInfrastructure(config, `cvl-${definition.name}`);
  const app = await createServiceApp(definition.name, infrastructure, definition.modules, definition.docs);
  definition.beforeListen?.(app, infrastructure);
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://${config.host}:${address.port}`;
  return { app, config, infrastructure, url };
}

/** A service's main.ts: the service alone in its process (distributed mode), its tables in a schema of its name. */
export function startServiceProcess(description: ServiceDescription, module: Type<unknown>, defaultPort: number): void {
  const { service } = description;
  runProcess({
    name: service,
    mode: 'distributed',
    defaultPort,
    schema: service.replace(/-/g, '_'),
    modules: [module],
    docs: [{ ...description, module }],
  })
    .then(({ url }) =>
      process.stdout.write(`${service} : ${url}/api/${service} (documentation : ${url}/api/${service}/docs)\n`),
    )
    .catch((error: Error) => {
      process.stderr.write(`${service} n'a pas démarré : ${error.message}\n`);
      process.exit(1);
    });
}
