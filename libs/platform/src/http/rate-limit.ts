import { ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { actorLabel } from '../auth/principal';

const COSTLY_ROUTE = 'cvl:costly-route';

/** The throttler that counts calls to costly routes, per principal. */
export const COSTLY_THROTTLER = 'costly';

/** Default bound of costly calls (integrity, hash chains, replay, workbook, imports) per principal and minute. */
export const DEFAULT_COSTLY_PER_MINUTE = 60;

/**
 * Marks a route whose work grows with the whole store (every hash chain, every view in one file, a rebuild): it is
 * bounded per principal, so that one token, stolen or scripted, cannot keep the process busy for everyone.
 */
export const Costly = () => SetMetadata(COSTLY_ROUTE, true);

/** Counts only the costly routes, per authenticated principal (the address when there is none), and says so in French. */
@Injectable()
export class CostlyRoutesThrottler extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    return !this.reflector.getAllAndOverride<boolean>(COSTLY_ROUTE, [context.getHandler(), context.getClass()]);
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const principal = (request as unknown as AuthenticatedRequest).principal;
    return principal
      ? `principal:${actorLabel(principal)}`
      : `ip:${String((request as { ip?: string }).ip ?? 'inconnue')}`;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new ThrottlerException(
      `Trop de requêtes coûteuses : au plus ${detail.limit} par minute et par utilisateur ; réessayez dans ${Math.max(1, Math.ceil(detail.timeToBlockExpire ?? detail.timeToExpire))} s`,
    );
  }
}
