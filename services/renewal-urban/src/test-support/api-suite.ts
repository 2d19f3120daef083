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
  /** This harness's own topics are « <prefix><service>.events.v1 » on a shared broker. */
  topicPrefix: string;
  close: () => Promise<void>;
}

/** Starts service modules on their own event store (PGlite by default, or the given env), port-less. */
export async function startApi(
  modules: Array<Type<unknown>>,
  env: Record<string, string> = {},
  docs: Parameters<typeof createServiceApp>[3] = [],
): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cvl-api-'));
  // Each harness is a deployment of its own: on a shared broker, its consumer groups never take another's events.
  const config = loadPlatformConfig(
    { CVL_DATA_DIR: dataDir, CVL_DEPLOYMENT: basename(dataDir), KAFKA_TOPIC_PREFIX: `${basename(dataDir)}.`, ...env },
    { mode: 'embedded', port: 0 },
  );
  const infra = await openInfrastructure(config, 'api-test');
  const app = await createServiceApp('test', infra, modules, docs, { logs: false });
  // Listening for real: a rebuild reads the services' stores in the background through this very address, which
  // supertest's per-request servers would close under it.
  await app.listen(0, '127.0.0.1');
  return {
    app,
    infra,
    http: () => request(app.getHttpServer()),
    auth: { Authorization: `Bearer ${infra.adminToken as string}` },
    topicPrefix: config.kafkaTopicPrefix ?? '',
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const effect = (effectiveDate: string, line = 3521) => ({
  effectiveDate,
  source: { kind: 'document', document: 'contrat-de-ville-lens-lievin-2015-2020', line },
});
