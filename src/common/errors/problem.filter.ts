import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { mapErrorToProblem } from './problem-mapper';
import { PROBLEM_CONTENT_TYPE } from './problem';

/** The one place where errors become HTTP responses (RFC 9457 problem details). */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}

export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply, logger: Pick<Logger, 'error'>): void {
  const instance = request.url.split('?')[0];
  const { problem, headers, unexpected } = mapErrorToProblem(error, instance);
  if (unexpected) {
    logger.error({
      msg: 'unexpected error',
      requestId: request.id,
      method: request.method,
      url: instance,
      err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error),
    });
  }
  if (reply.sent) return;
  reply.status(problem.status).headers(headers).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
