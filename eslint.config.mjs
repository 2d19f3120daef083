import nx from '@nx/eslint-plugin';

// The layering the code lives by, enforced on every project:
//   domain (money, ledger, deciders)  <- infra (event store, messaging)  <- platform (Nest)  <- services  <- host
// A service never imports another service; only the host composes them. Domain code imports no NestJS and no I/O.
const PURE_DOMAIN_BANS = [
  '@nestjs/*',
  'pg',
  'kafkajs',
  '@electric-sql/*',
  '@kurrent/*',
  'express',
  'fs',
  'node:fs',
  'node:net',
  'node:http',
  'jose',
  'pino',
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '.data/**', 'tmp/**', '.nx/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: PURE_DOMAIN_BANS,
            },
            { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:testing'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:testing'] },
            {
              sourceTag: 'type:platform',
              onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:platform', 'type:testing'],
            },
            {
              sourceTag: 'type:service',
              onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:platform', 'type:testing'],
            },
            {
              sourceTag: 'type:host',
              onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:platform', 'type:service'],
            },
            { sourceTag: 'scope:commitments', onlyDependOnLibsWithTags: ['scope:shared', 'scope:commitments'] },
            { sourceTag: 'scope:renewal-urban', onlyDependOnLibsWithTags: ['scope:shared', 'scope:renewal-urban'] },
            { sourceTag: 'scope:iti-feder', onlyDependOnLibsWithTags: ['scope:shared', 'scope:iti-feder'] },
            { sourceTag: 'scope:reporting', onlyDependOnLibsWithTags: ['scope:shared', 'scope:reporting'] },
            // The web application runs in a browser: it may use the pure money library, and speaks to the rest by HTTP.
            { sourceTag: 'type:web', onlyDependOnLibsWithTags: ['type:domain'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Deciders and domain folders inside services are pure functions too.
    files: [
      'services/*/src/**/*.decider.ts',
      'services/*/src/**/domain/**/*.ts',
      'libs/money/src/**/*.ts',
      'libs/ledger/src/**/*.ts',
      'libs/refusal/src/**/*.ts',
      'libs/contracts/src/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...PURE_DOMAIN_BANS, '@cvl/event-store', '@cvl/messaging', '@cvl/platform'],
              message: 'Le code du domaine reste pur : ni NestJS ni entrées-sorties.',
            },
          ],
        },
      ],
    },
  },
];
