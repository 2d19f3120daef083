import { actorLabel } from '../auth/principal';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { acceptCorrelationId, currentContext } from '../context/request-context';

export const CORRELATION_HEADER = 'x-correlation-id';

/**
 * JSON logs through pino. Every line carries the correlation id of the request or consumed event it belongs to
 * (taken from X-Correlation-Id when the caller sends a sane one) and the actor once authenticated.
 */
export function loggingParams(serviceName: string, level = process.env.LOG_LEVEL ?? 'info'): Params {
  return {
    pinoHttp: {
      level,
      base: { service: serviceName },
      genReqId: (request: IncomingMessage, response: ServerResponse) => {
        const id = acceptCorrelationId(request.headers[CORRELATION_HEADER]);
        response.setHeader('X-Correlation-Id', id);
        return id;
      },
      mixin: () => {
        const context = currentContext();
        if (!context) return {};
        return {
          correlationId: context.correlationId,
          ...(context.principal ? { actor: actorLabel(context.principal) } : {}),
        };
      },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      autoLogging: { ignore: (request: IncomingMessage) => request.url === '/health' || request.url === '/metrics' },
      quietReqLogger: true,
    },
  };
}
