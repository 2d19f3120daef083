import { randomUUID } from 'node:crypto';
import type { SourceReference } from '@cvl/ledger';
import { actorOf, runInContext, type Principal } from '@cvl/platform';
import type { CommandBus } from '@nestjs/cqrs';
import { RecordReferenceCommand } from './record-reference.handler';

/**
 * Registers an organisation that acts in the suite without funding (an auditor, say), once: its events are named after
 * its code, so a second call appends nothing. Returns whether anything was recorded.
 */
export async function registerOrganisation(
  commands: CommandBus,
  organisation: { code: string; name: string },
  registrar: Principal,
  source: SourceReference,
): Promise<boolean> {
  const trace = {
    actor: actorOf(registrar),
    reasonCode: 'referentiel',
    effectiveDate: new Date().toISOString().slice(0, 10),
    recordedAt: new Date().toISOString(),
    source,
  };
  const executed = await runInContext(
    { correlationId: randomUUID(), principal: registrar, commandKey: `organisation:${organisation.code}` },
    () =>
      commands.execute(
        new RecordReferenceCommand({ kind: 'organisation', code: organisation.code, name: organisation.name, trace }),
      ),
  );
  return !executed.replayed && executed.recorded.length > 0;
}
