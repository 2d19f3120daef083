import { exportSPKI, generateKeyPair } from 'jose';
import { signToken } from '@cvl/platform';
import { createTestSchema, spawnTsProcess, testKafkaBrokers, type TsProcess } from '@cvl/testing';
import { authorizationMatrixSuite } from './authorization-matrix.suite';

const ISSUER = 'https://idp.test.cvl';
const AUDIENCE = 'cvl';

authorizationMatrixSuite('distributed: four processes over PostgreSQL and Kafka', async () => {
  const run = `rights-${Date.now().toString(36)}`;
  const processes: TsProcess[] = [];
  const schemas = await Promise.all([0, 1, 2, 3].map((i) => createTestSchema(`rights${i}`)));
  const keys = await generateKeyPair('EdDSA', { extractable: true });
  const env = {
    CVL_DEPLOYMENT: run,
    KAFKA_TOPIC_PREFIX: `${run}.`,
    DATABASE_URL: schemas[0].url,
    KAFKA_BROKERS: testKafkaBrokers().join(','),
    AUTH_PUBLIC_KEY: await exportSPKI(keys.publicKey),
    AUTH_ISSUER: ISSUER,
    AUTH_AUDIENCE: AUDIENCE,
  };
  const start = async (service: string, schema: string, extra: Record<string, string> = {}) => {
    const child = spawnTsProcess(`services/${service}/src/main.ts`, { ...env, PORT: '0', DB_SCHEMA: schema, ...extra });
    processes.push(child);
    const [, url] = await child.waitForLine(
      new RegExp(`^${service} : (http://127\\.0\\.0\\.1:\\d+)/api/${service}`),
      120_000,
    );
    return url;
  };
  const [commitments, renewal, iti] = await Promise.all([
    start('commitments', schemas[0].schema),
    start('renewal-urban', schemas[1].schema),
    start('iti-feder', schemas[2].schema),
  ]);
  const reporting = await start('reporting', schemas[3].schema, {
    COMMITMENTS_URL: commitments,
    RENEWAL_URBAN_URL: renewal,
    ITI_FEDER_URL: iti,
  });
  const urls: Record<string, string> = { commitments, 'renewal-urban': renewal, 'iti-feder': iti, reporting };
  return {
    urlOf: (service) => urls[service],
    sign: (principal) => signToken(keys.privateKey, principal, { issuer: ISSUER, audience: AUDIENCE }),
    close: async () => {
      await Promise.all(processes.map((p) => p.stop()));
      for (const schema of schemas) await schema.drop();
    },
  };
});
