import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '@confidant/shared/api-interfaces';
import type { AuthenticatedRequest } from './auth.decorators';
import { ROLES } from './auth.decorators';

/** Lets a request through only when the caller's role is one the route names. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles || roles.length === 0) {
      return true;
    }
    const role = context.switchToHttp().getRequest<AuthenticatedRequest>().auth?.account.role;
    if (!role || !roles.includes(role)) {
      throw new ForbiddenException('Your role may not do this.');
    }
    return true;
  }
}
