import { NotFoundException } from '@nestjs/common';
import { WrongExpectedRevisionError } from '@cvl/event-store';
import { expectedRevisionFromIfMatch, Versioned } from '@cvl/platform';
import type { CommitmentsState } from '../domain/state';
import type { Executed } from '../infrastructure/commitments-ledger';
import { commitmentView, type CommitmentView } from '../queries/views';

/** If-Match on a commitment compares with its own version (the events that touched it), not the whole ledger's. */
export function ifMatchGuard(commitmentId: string, ifMatch: string | undefined) {
  const expected = expectedRevisionFromIfMatch(ifMatch);
  return (state: CommitmentsState) => {
    if (expected === undefined || expected === 'stream_exists') return;
    const commitment = state.commitments.get(commitmentId);
    if (commitment && commitment.version !== expected)
      throw new WrongExpectedRevisionError(commitmentId, expected, commitment.version);
  };
}

export function commitmentResource(state: CommitmentsState, commitmentId: string): Versioned<CommitmentView> {
  const commitment = state.commitments.get(commitmentId);
  if (!commitment) throw new NotFoundException(`Engagement inconnu : ${commitmentId}`);
  return new Versioned(commitmentView(state, commitment), commitment.version);
}

export function commitmentAfter(executed: Executed, commitmentId: string): Versioned<CommitmentView> {
  return commitmentResource(executed.state, commitmentId);
}
