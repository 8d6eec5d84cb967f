import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { IS_PUBLIC, REQUIRED_ROLE } from '../common/auth/auth.decorators';
import { AuthUser } from '../common/auth/auth-user';
import { ForbiddenError } from '../common/errors/domain-error';
import type { Role } from '../config/settings';
import { Authenticator } from './authenticator';

/** Registered globally: every route needs a token unless marked @Public(), and a role where @Auth('ADMIN') says so. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const user = await this.authenticator.authenticate(request.headers.authorization);
    request.user = user;
    const requiredRole = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, targets);
    if (requiredRole && user.role !== requiredRole) {
      throw new ForbiddenError('RoleRequired', `This action needs the ${requiredRole} role.`);
    }
    return true;
  }
}
