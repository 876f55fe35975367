import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';

/** Runs {@link LocalStrategy}; no passport session is used, the portal keeps its own. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {}
