import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { INestApplication, Type } from '@nestjs/common';
import request from 'supertest';
import { createServiceApp, loadPlatformConfig, openInfrastructure, type Infrastructure } from '@cvl/platform';

export interface Harness {
  app: INestApplication;
  infra: Infrastructure;
  http: () => ReturnType<typeof request>;
  auth: { Authorization: string };
  close: () => Promise<void>;
}

/** Starts service modules on their own event store (PGlite by default, or the given env), port-less. */
export async function startApi(modules: Array<Type<unknown>>, env: Record<string, string> = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cvl-api-'));
  // Each harness is a deployment of its own: on a shared broker, its consumer groups never take another's events.
  const config = loadPlatformConfig({ CVL_DATA_DIR: dataDir, CVL_DEPLOYMENT: basename(dataDir), KAFKA_TOPIC_PREFIX: `${basename(dataDir)}.`, ...env }, { mode: 'embedded', port: 0 });
  const infra = await openInfrastructure(config, 'api-test');
  const app = await createServiceApp('test', infra, modules, [], { logs: false });
  await app.init();
  return {
    app,
    infra,
    http: () => request(app.getHttpServer()),
    auth: { Authorization: `Bearer ${infra.adminToken as string}` },
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const effect = (effectiveDate: string, line = 3521) => ({ effectiveDate, source: { kind: 'document', document: 'contrat-de-ville-lens-lievin-2015-2020', line } });
