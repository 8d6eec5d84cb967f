import { applyDecorators } from '@nestjs/common';
import { ApiBadGatewayResponse, ApiGatewayTimeoutResponse, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import { ProblemResponse } from './problem.dto';

/** The problems a route answers when TMDB fails and nothing cached can stand in. */
export function ApiUpstreamProblems() {
  return applyDecorators(
    ApiBadGatewayResponse({ description: 'TMDB failed and nothing cached answers', type: ProblemResponse }),
    ApiServiceUnavailableResponse({ description: 'TMDB unavailable or rate limiting us (see Retry-After)', type: ProblemResponse }),
    ApiGatewayTimeoutResponse({ description: 'TMDB timed out', type: ProblemResponse }),
  );
}
