import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestIdOf } from '../context/request-id';
import { PROBLEM_CONTENT_TYPE } from './problem-details';
import { toProblem } from './to-problem';

/**
 * The single place where errors become HTTP answers (ARCHITECTURE §5): every error response is
 * `application/problem+json`, carries the request id as `traceId`, and 5xx details go to the log only.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const traceId = requestIdOf(request.raw);
    const { problem, headers, unexpected } = toProblem(error, request.url, traceId);

    if (unexpected) {
      this.logger.error({ err: error, traceId }, 'Unexpected error while serving a request');
    }
    if (reply.sent) return;
    void reply
      .status(problem.status)
      .headers(headers)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .header('cache-control', 'no-store')
      .send(problem);
  }
}
