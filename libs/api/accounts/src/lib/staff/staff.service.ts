import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  AccountEntity,
  AccountErasure,
  AccountService,
  AuthService,
  newToken,
  SessionService,
  tokenHash,
} from '@confidant/api/auth';
import { CounsellorSummary, InvitationResponse, Roles } from '@confidant/shared/api-interfaces';
import { StaffRegisterDto, TeamKeyGrantDto } from '@confidant/shared/api-interfaces/dto';
import { earlierThan, laterThan } from '@confidant/api/persistence';
import { Repository } from 'typeorm';
import { InvitationEntity } from './invitation.entity';

/** An invitation link is valid for seven days and once. */
export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;

/** Staff onboarding (DESIGN.md sections 1 and 4): invitations, key grants, deactivation. */
@Injectable()
export class StaffService {
  constructor(
    private readonly accounts: AccountService,
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    private readonly erasure: AccountErasure,
    @InjectRepository(InvitationEntity) private readonly invitations: Repository<InvitationEntity>,
  ) {}

  async invite(role: 'counsellor' | 'lead', now = new Date()): Promise<InvitationResponse> {
    await this.invitations.delete({ expiresAt: earlierThan(now) });
    const token = newToken();
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
    await this.invitations.insert(
      this.invitations.create({ tokenHash: tokenHash(token), role, expiresAt }),
    );
    return { token, role, expiresAt: expiresAt.toISOString() };
  }

  /** Creates the staff account of an invitation; the link works once. */
  async register(dto: StaffRegisterDto, now = new Date()): Promise<AccountEntity> {
    const invitation = await this.invitations.findOneBy({
      tokenHash: tokenHash(dto.invitationToken),
      expiresAt: laterThan(now),
    });
    if (!invitation) {
      throw new BadRequestException(
        'This invitation is no longer valid. Please ask for a new one.',
      );
    }
    await this.auth.checkIdentity(dto);
    const account = await this.accounts.create({ ...dto, role: invitation.role });
    const used = await this.invitations.delete({ tokenHash: invitation.tokenHash });
    if (!used.affected) {
      await this.erasure.erase([account.id]);
      throw new BadRequestException(
        'This invitation is no longer valid. Please ask for a new one.',
      );
    }
    return account;
  }

  async list(): Promise<CounsellorSummary[]> {
    const staff = await this.accounts.findStaff();
    return staff.map((account) => ({
      id: account.id,
      username: account.username,
      displayName: account.displayName,
      role: account.role,
      active: account.active,
      hasTeamKey: account.teamKeyGrant !== null,
      publicKey: account.publicKey,
    }));
  }

  /** Stores the team key a lead's browser sealed to this counsellor's public key. */
  async grantTeamKey(id: string, dto: TeamKeyGrantDto): Promise<void> {
    const account = await this.staffMember(id);
    if (!account.active) {
      throw new BadRequestException('A deactivated counsellor cannot receive the team key.');
    }
    await this.accounts.update(id, { teamKeyGrant: JSON.stringify(dto.grant) });
  }

  /** Deactivation ends her sessions at once and removes her team key grant. */
  async setActive(lead: AccountEntity, id: string, active: boolean): Promise<void> {
    await this.staffMember(id);
    if (id === lead.id && !active) {
      throw new BadRequestException('You cannot deactivate yourself.');
    }
    await this.accounts.update(id, active ? { active } : { active, teamKeyGrant: null });
    if (!active) {
      await this.sessions.destroyAll(id);
    }
  }

  private async staffMember(id: string): Promise<AccountEntity> {
    const account = /^[0-9a-f-]{36}$/.test(id) ? await this.accounts.findById(id) : null;
    if (!account || account.role === Roles.client) {
      throw new NotFoundException('There is no such counsellor.');
    }
    return account;
  }
}
