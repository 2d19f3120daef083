import { randomUUID } from 'node:crypto';
import type { SourceReference } from '@cvl/ledger';
import { actorOf, runInContext, type Principal } from '@cvl/platform';
import type { CommitmentsLedger } from '../infrastructure/commitments-ledger';
import { decideRecordReference } from './record-reference.decider';

/**
 * Registers an organisation that acts in the suite without funding (an auditor, say), once: its events are named after
 * its code, so a second call appends nothing. Returns whether anything was recorded.
 */
export async function registerOrganisation(
  ledger: CommitmentsLedger,
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
      ledger.execute((state) =>
        decideRecordReference({ kind: 'organisation', code: organisation.code, name: organisation.name, trace }, state),
      ),
  );
  return !executed.replayed && executed.recorded.length > 0;
}
