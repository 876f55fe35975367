import {
  BadRequestException,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import {
  AccountEntity,
  AccountService,
  AUTH_SETTINGS,
  AuthService,
  AuthSettings,
  newToken,
  tokenHash,
} from '@confidant/api/auth';
import { Roles } from '@confidant/shared/api-interfaces';
import { SetupDto } from '@confidant/shared/api-interfaces/dto';
import { timingSafeEqual } from 'node:crypto';
import { CentreService } from '../centre/centre.service';

/** Path of the web page that the setup link opens; the token travels in the fragment. */
export const SETUP_PAGE_PATH = '/einrichtung';

/**
 * The first lead (DESIGN.md section 3): while the centre has no lead, each start prints a one-time
 * link to the console. The token lives in memory only and works once.
 */
@Injectable()
export class SetupService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Setup');
  private pendingHash: string | null = null;

  constructor(
    private readonly accounts: AccountService,
    private readonly auth: AuthService,
    private readonly centre: CentreService,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await this.isNeeded()) {
      const token = newToken();
      this.pendingHash = tokenHash(token);
      this.logger.log(
        `No lead account yet. Open this one-time link to set up the centre: ${this.settings.publicUrl}${SETUP_PAGE_PATH}#${token}`,
      );
    }
  }

  async isNeeded(): Promise<boolean> {
    return (await this.accounts.countByRole(Roles.lead)) === 0;
  }

  /** Creates the first lead with the team key; the link is used up before anything is written. */
  async complete(dto: SetupDto): Promise<AccountEntity> {
    if (!this.pendingHash || !sameHash(this.pendingHash, tokenHash(dto.setupToken))) {
      throw new BadRequestException('This setup link is not valid (any more).');
    }
    this.pendingHash = null;
    try {
      if (!(await this.isNeeded())) {
        throw new BadRequestException('The centre is already set up.');
      }
      await this.auth.checkIdentity(dto);
      const lead = await this.accounts.create({
        ...dto,
        role: Roles.lead,
        displayName: dto.displayName,
      });
      await this.accounts.update(lead.id, { teamKeyGrant: JSON.stringify(dto.teamKeyGrant) });
      await this.centre.setTeamPublicKey(dto.teamPublicKey);
      lead.teamKeyGrant = JSON.stringify(dto.teamKeyGrant);
      this.logger.log('The centre was set up; the setup link no longer works');
      return lead;
    } catch (error) {
      if (!(await this.isNeeded().catch(() => false))) {
        throw error;
      }
      // Nothing was created: the same link may be used again (for example with another name).
      this.pendingHash = tokenHash(dto.setupToken);
      throw error;
    }
  }
}

function sameHash(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}
