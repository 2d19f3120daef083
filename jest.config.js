// One Jest run, one project per test tier. The tier is the test file's suffix (*.unit.spec.ts, *.contract.spec.ts,
// *.int.spec.ts, *.e2e.spec.ts, *.fault.spec.ts, *.fuzz.spec.ts, *.browser.spec.ts, *.deploy.spec.ts); each project's displayName names its tier in the output and
// tools/tier-reporter.js prints the count of each tier at the end.
const { compilerOptions } = require('./tsconfig.base.json');

// @cvl/... resolve to their TypeScript sources, as declared once in tsconfig.base.json.
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace('/', '\\/')}$`,
    `<rootDir>/${target}`,
  ]),
);

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleNameMapper,
  roots: ['<rootDir>/libs', '<rootDir>/services', '<rootDir>/test'],
  setupFiles: ['<rootDir>/tools/jest-setup.js'],
};

// Adapters whose server cannot run on these machines join the run only when configured (tools/test.sh says which).
const unconfigured = process.env.KURRENTDB_CONNECTION_STRING ? [] : ['kurrentdb'];
const tier = (name, suffix) => ({
  ...shared,
  displayName: name,
  testMatch: [`**/*.${suffix}.spec.ts`],
  testPathIgnorePatterns: ['/node_modules/', ...unconfigured.map((adapter) => `\\.${adapter}\\.`)],
});

module.exports = {
  projects: [
    tier('unit', 'unit'),
    tier('contract', 'contract'),
    tier('integration', 'int'),
    tier('e2e', 'e2e'),
    tier('fault', 'fault'),
    tier('fuzz', 'fuzz'),
    tier('browser', 'browser'),
    tier('deploy', 'deploy'),
  ],
  reporters: ['default', '<rootDir>/tools/tier-reporter.js'],
  testTimeout: 120000,
};
