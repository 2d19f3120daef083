import { join } from 'node:path';
import { createProjectGraphAsync } from '@nx/devkit';
import { ESLint } from 'eslint';

// The layering is enforced by lint; this proves the rules bite, on code written here for the purpose.
const eslint = new ESLint({ cwd: join(__dirname, '..', '..') });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('module boundaries', () => {
  // The Nx rule reads the cached project graph; a fresh clone has none until something computes it.
  beforeAll(async () => {
    await createProjectGraphAsync({ exitOnError: false });
  }, 120_000);

  it('a service may not import another service', async () => {
    expect(
      await problems(
        'services/commitments/src/probe.ts',
        "import { ReportingModule } from '@cvl/service-reporting';\nexport const x = ReportingModule;\n",
      ),
    ).toEqual([expect.stringContaining('@nx/enforce-module-boundaries')]);
  });

  it('domain libraries import no NestJS, no I/O and no infrastructure', async () => {
    expect(
      (
        await problems(
          'libs/ledger/src/probe.ts',
          "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n",
        )
      ).join('\n'),
    ).toContain('not allowed to import "@nestjs/common"');
    expect(
      (await problems('libs/money/src/probe.ts', "import { Pool } from 'pg';\nexport const x = Pool;\n")).join('\n'),
    ).toContain('no-restricted-imports');
    expect(
      (
        await problems(
          'libs/money/src/probe.ts',
          "import { openSqlEventStore } from '@cvl/event-store';\nexport const x = openSqlEventStore;\n",
        )
      ).join('\n'),
    ).toContain('can only depend on libs tagged with "type:domain"');
  });

  it('deciders inside services stay pure', async () => {
    expect(
      (
        await problems(
          'services/commitments/src/record-commitment/record-commitment.decider.ts',
          "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n",
        )
      ).join('\n'),
    ).toContain('Le code du domaine reste pur');
  });

  it('allows what the layering allows', async () => {
    expect(
      await problems(
        'services/commitments/src/probe.ts',
        "import { runProcess } from '@cvl/platform';\nimport { allocate } from '@cvl/money';\nexport const x = [runProcess, allocate];\n",
      ),
    ).toEqual([]);
    expect(
      await problems(
        'services/suite/src/probe.ts',
        "import { CommitmentsModule } from '@cvl/service-commitments';\nexport const x = CommitmentsModule;\n",
      ),
    ).toEqual([]);
  });
});
