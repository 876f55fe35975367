import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  SetMetadata,
  Type,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  ApiBadRequestResponse,
  ApiPayloadTooLargeResponse,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import {
  getStorageToken,
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  normalizeIp,
  ThrottlerGuard,
  ThrottlerLimitDetail,
  ThrottlerModuleOptions,
  ThrottlerOptions,
  ThrottlerStorage,
} from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { BoundedThrottlerStorage } from './bounded-throttler-storage';
import {
  CREDENTIAL_ACTIONS,
  CREDENTIAL_LIMITS,
  CredentialAction,
  CredentialKeys,
  LimitKind,
  throttlerName,
} from './credential-limits';
import { ValidBody } from './valid-body.guard';

export class TooManyRequestsException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'Too many attempts. Please wait a few minutes and try again.',
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/** What a credential route counts: its action, and whether the body names a user to count by. */
interface CredentialRouteOptions {
  action: CredentialAction;
  byName: boolean;
}

const CREDENTIAL_ROUTE = 'confidant:credential-route';

const reflector = new Reflector();

function routeOptions(context: ExecutionContext): CredentialRouteOptions | undefined {
  return reflector.get<CredentialRouteOptions | undefined>(CREDENTIAL_ROUTE, context.getHandler());
}

/** The username of a request whose body `ValidBody` has already checked. */
function bodyUsername(request: Request): string {
  return String((request.body as { username?: unknown }).username);
}

/**
 * One named throttler per credential action and kind (`login-address`, `login-name`, …). Each
 * applies only to the routes marked with its action, counts by the keyed hash of the address or
 * of the normalised name, and never sees more than a checked body.
 */
export function credentialThrottlerOptions(keys: CredentialKeys): ThrottlerModuleOptions {
  const throttlers: ThrottlerOptions[] = CREDENTIAL_ACTIONS.flatMap((action) =>
    (['address', 'name'] as const).map((kind: LimitKind) => {
      const name = throttlerName(action, kind);
      const { limit, ttl } =
        CREDENTIAL_LIMITS[action][kind === 'address' ? 'perAddress' : 'perName'];
      return {
        name,
        limit,
        ttl,
        setHeaders: false,
        skipIf: (context: ExecutionContext) => {
          const route = routeOptions(context);
          return route?.action !== action || (kind === 'name' && !route.byName);
        },
        getTracker: (request: Record<string, unknown>) =>
          kind === 'address'
            ? normalizeIp(String((request as unknown as Request).ip ?? 'unknown'))
            : bodyUsername(request as unknown as Request),
        generateKey: (_context: ExecutionContext, tracker: string) => keys.key(name, kind, tracker),
      };
    }),
  );
  return { throttlers, setHeaders: false };
}

/** The throttler guard of the credential routes; a 429 carries Retry-After in seconds. */
@Injectable()
export class CredentialThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
  ) {
    super(options, storage, reflector);
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const retryAfter = Math.max(1, detail.timeToBlockExpire);
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    throw new TooManyRequestsException(retryAfter);
  }
}

/**
 * For limits that count only failed attempts (login, recovery): a success takes its hit back.
 */
@Injectable()
export class CredentialLimiter {
  constructor(
    private readonly keys: CredentialKeys,
    @Inject(getStorageToken()) private readonly storage: BoundedThrottlerStorage,
  ) {}

  /** The attempt of `request` succeeded: its per-name hit no longer counts. */
  forgiveSuccess(action: CredentialAction, request: Request): void {
    if (CREDENTIAL_LIMITS[action].countsPerName !== 'failed') {
      return;
    }
    const name = throttlerName(action, 'name');
    this.storage.forgive(this.keys.key(name, 'name', bodyUsername(request)), name);
  }
}

/**
 * Marks a credential route: its body is checked against `dto` first (a wrong shape or size is a
 * 400 before anything is counted or looked up), then the action's limits apply, per address and,
 * when `byName`, per username; `then` are guards that run after both (the login's passport guard).
 */
export function CredentialRoute(
  action: CredentialAction,
  dto: Type<object>,
  options: { byName: boolean },
  ...then: Type<CanActivate>[]
): MethodDecorator {
  return applyDecorators(
    SetMetadata(CREDENTIAL_ROUTE, {
      action,
      byName: options.byName,
    } satisfies CredentialRouteOptions),
    UseGuards(ValidBody(dto), CredentialThrottlerGuard, ...then),
    ApiBadRequestResponse({ description: 'The body does not have the expected shape' }),
    ApiPayloadTooLargeResponse({ description: 'The body is larger than a credential needs' }),
    ApiTooManyRequestsResponse({ description: 'Too many attempts; see Retry-After' }),
  );
}
