import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import {
  createServiceApp,
  loadOrCreateLocalKey,
  loadPlatformConfig,
  openInfrastructure,
  signToken,
} from '@cvl/platform';
import { embeddedSuite } from '../../services/suite/src/suite';
import { authorizationMatrixSuite } from './authorization-matrix.suite';

authorizationMatrixSuite(
  'embedded: the four services in one process, PGlite and the in-process transport',
  async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cvl-rights-'));
    const config = loadPlatformConfig(
      { CVL_DATA_DIR: dataDir, CVL_DEPLOYMENT: basename(dataDir) },
      { mode: 'embedded', port: 0 },
    );
    const infrastructure = await openInfrastructure(config, 'rights-test');
    const app = await createServiceApp('suite', infrastructure, embeddedSuite.modules, [], { logs: false });
    await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    const key = await loadOrCreateLocalKey(join(dataDir, 'auth'));
    return {
      urlOf: () => url,
      sign: (principal) => signToken(key.privateKey, principal),
      close: async () => {
        await app.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
);
