import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { currentContext } from '../context/request-context';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { toProblem } from './to-problem';
import { ReplayedResponse } from '../http/idempotency.interceptor';

/** Answers every error as application/problem+json (RFC 9457), naming the field at fault where there is one. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    if (error instanceof ReplayedResponse) {
      response
        .status(error.stored.status)
        .type(error.stored.headers['content-type'] ?? 'application/json')
        .send(error.stored.body);
      return;
    }
    const problem = toProblem(error, request.originalUrl, currentContext()?.correlationId);
    if (problem.status >= 500)
      this.logger.error({ err: error, correlationId: problem.correlationId }, (error as Error)?.stack ?? String(error));
    if (response.headersSent) return;
    // A 503 is momentary (the database away, writers racing, a dependency down): say when to try again.
    if (problem.status === 503 && !response.getHeader('Retry-After')) response.setHeader('Retry-After', '2');
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}
