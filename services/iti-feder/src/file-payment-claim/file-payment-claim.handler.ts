import { CommandHandler } from '@nestjs/cqrs';
import type { Access } from '@cvl/platform';
import { ProgrammeCommand, ProgrammeCommandHandler } from '../application/programme-use-case';
import type { Programme } from '../domain/state';
import { assertActsForBeneficiary } from '../http/access';
import { decideFilePaymentClaim, type FilePaymentClaim } from './file-payment-claim.decider';

/** A claim filed by someone: the managing authority, or the operation's beneficiary for its own. */
export class FilePaymentClaimCommand extends ProgrammeCommand<'file-payment-claim', FilePaymentClaim> {
  readonly type = 'file-payment-claim';

  constructor(
    programmeId: string,
    payload: FilePaymentClaim,
    readonly access: Access,
  ) {
    super(programmeId, payload);
  }
}

@CommandHandler(FilePaymentClaimCommand)
export class FilePaymentClaimHandler extends ProgrammeCommandHandler<FilePaymentClaimCommand> {
  protected readonly decide = decideFilePaymentClaim;

  protected override guard(command: FilePaymentClaimCommand, state: Programme | undefined): void {
    const operation = state?.operations.get(command.payload.operationId);
    if (operation)
      assertActsForBeneficiary(command.access, operation.beneficiary, 'les demandes de paiement des opérations');
  }
}
