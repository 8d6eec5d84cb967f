import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtension,
  ApiForbiddenResponse,
  ApiOAuth2,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Role } from '../../config/settings';
import { ProblemResponse } from '../http/problem.dto';
import type { AuthUser } from './auth-user';

export const IS_PUBLIC = 'cinemateca:isPublic';
export const REQUIRED_ROLE = 'cinemateca:requiredRole';

/** The route needs no token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * The route needs a valid bearer token, and with `'ADMIN'` the admin role.
 * Carries its Swagger security and error responses so every route documents them alike.
 */
export function Auth(role?: Role) {
  const decorators = [
    ApiBearerAuth('bearer'),
    ApiOAuth2([], 'password'),
    ApiUnauthorizedResponse({ description: 'No token, an invalid, expired or revoked token', type: ProblemResponse }),
    ApiTooManyRequestsResponse({
      description: 'Rate limited, or too many failed authentications from this client (AUTH_FAILURES_PER_MINUTE); see Retry-After',
      type: ProblemResponse,
    }),
  ];
  if (role) {
    decorators.push(
      SetMetadata(REQUIRED_ROLE, role),
      // Machine-readable in openapi.json, so the security tests can check every admin route.
      ApiExtension('x-required-role', role),
      ApiForbiddenResponse({ description: `Authenticated but not ${role}`, type: ProblemResponse }),
    );
  }
  return applyDecorators(...decorators);
}

/** The authenticated caller. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser => {
  return context.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
