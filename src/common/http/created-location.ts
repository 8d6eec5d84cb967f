import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, HeadersObject } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { map, Observable } from 'rxjs';
import { API_PREFIX } from './api-prefix';
import { LOCATION_HEADER } from './response-headers';

type Locate<T> = (body: T) => string;

/** Sets `Location` on a 201: the created resource's path under the API prefix. Other statuses go out untouched. */
@Injectable()
class CreatedLocationInterceptor<T> implements NestInterceptor<T, T> {
  constructor(private readonly locate: Locate<T>) {}

  intercept(context: ExecutionContext, next: CallHandler<T>): Observable<T> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((body) => {
        if (reply.statusCode === 201) reply.header('location', `/${API_PREFIX}${this.locate(body)}`);
        return body;
      }),
    );
  }
}

/**
 * A route whose 201 creates a resource with its own URL: `locate` gives that
 * URL's path below /api/v1 from the answer (`(movie) => \`/catalog/movies/${movie.id}\``),
 * sent as `Location` and documented on the 201.
 */
export function CreatedAt<T>(
  type: new (...args: never[]) => T,
  locate: Locate<T>,
  options: { description?: string; headers?: HeadersObject } = {},
) {
  return applyDecorators(
    UseInterceptors(new CreatedLocationInterceptor(locate)),
    ApiCreatedResponse({
      type,
      description: options.description ?? 'Created; Location names it',
      headers: { Location: LOCATION_HEADER, ...options.headers },
    }),
  );
}
