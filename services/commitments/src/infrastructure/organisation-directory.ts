import { Injectable } from '@nestjs/common';
import type { OrganisationDirectory } from '@cvl/platform';
import { referenceKey } from '../domain/state';
import { CommitmentsLedger } from './commitments-ledger';

/** The organisations the reference data names: every funder, and the organisations that act without funding. */
@Injectable()
export class LedgerOrganisationDirectory implements OrganisationDirectory {
  constructor(private readonly ledger: CommitmentsLedger) {}

  async isKnown(code: string): Promise<boolean> {
    const { state } = await this.ledger.current();
    return (
      state.references.has(referenceKey('funder', code)) || state.references.has(referenceKey('organisation', code))
    );
  }
}
