import { Body, Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { AuthContext, CurrentAuth, Roles } from '@confidant/api/auth';
import { ConversationAccess } from '@confidant/api/messaging';
import { AppointmentResponse, Roles as RoleNames } from '@confidant/shared/api-interfaces';
import {
  CancelAppointmentDto,
  NewAppointmentDto,
  UuidParam,
} from '@confidant/shared/api-interfaces/dto';
import { AppointmentsService } from './appointments.service';
import { CALENDAR_FILE_NAME, calendarFile } from './calendar-file';

/** The appointments of one conversation. */
@ApiTags('appointments')
@ApiNotFoundResponse({ description: 'The conversation does not exist for the caller' })
@Controller('conversations/:id/appointments')
export class ConversationAppointmentsController {
  constructor(
    private readonly appointments: AppointmentsService,
    private readonly access: ConversationAccess,
  ) {}

  /**
   * The assigned counsellor proposes a date (`startsAt`, `durationMinutes` 30–90) and up to four
   * `alternatives`. `startsAt` without `Z` or an offset is a time in the centre's time zone.
   */
  @Post()
  @Roles(RoleNames.counsellor, RoleNames.lead)
  @ApiCreatedResponse({ description: 'The proposed dates, earliest first' })
  async propose(
    @CurrentAuth() auth: AuthContext,
    @UuidParam() id: string,
    @Body() dto: NewAppointmentDto,
  ): Promise<AppointmentResponse[]> {
    const access = await this.access.find(auth.account, id);
    const now = new Date();
    const rows = await this.appointments.propose(auth.account, access, dto, now);
    return rows.map((row) => this.appointments.toResponse(row, now));
  }

  @Get()
  @Roles()
  @ApiOkResponse({ description: 'Every appointment of the conversation, earliest first' })
  async list(
    @CurrentAuth() auth: AuthContext,
    @UuidParam() id: string,
  ): Promise<AppointmentResponse[]> {
    const access = await this.access.find(auth.account, id);
    const now = new Date();
    const rows = await this.appointments.list(access.conversation.id);
    return rows.map((row) => this.appointments.toResponse(row, now));
  }
}

/** Appointments across conversations, and what the two who meet do with one. */
@ApiTags('appointments')
@ApiNotFoundResponse({ description: 'The appointment does not exist for the caller' })
@Controller('appointments')
export class AppointmentsController {
  constructor(private readonly appointments: AppointmentsService) {}

  @Get()
  @Roles()
  @ApiOkResponse({
    description:
      "The caller's appointments (client: her conversations; staff: assigned ones), earliest first; those that ended over 30 days ago are left out",
  })
  async mine(@CurrentAuth() auth: AuthContext): Promise<AppointmentResponse[]> {
    const now = new Date();
    const rows = await this.appointments.listFor(auth.account, now);
    return rows.map((row) => this.appointments.toResponse(row, now));
  }

  @Post(':id/accept')
  @Roles(RoleNames.client)
  @HttpCode(200)
  @ApiOkResponse({ description: 'The accepted date; the other dates of the proposal are declined' })
  @ApiConflictResponse({ description: 'The date is no longer open, or has passed' })
  async accept(
    @CurrentAuth() auth: AuthContext,
    @UuidParam() id: string,
  ): Promise<AppointmentResponse> {
    const now = new Date();
    const target = await this.appointments.find(auth.account, id);
    return this.appointments.toResponse(await this.appointments.accept(target, now), now);
  }

  @Post(':id/decline')
  @Roles(RoleNames.client)
  @HttpCode(200)
  @ApiOkResponse({ description: 'The declined date; every open date of the proposal is declined' })
  @ApiConflictResponse({ description: 'The date is no longer open' })
  async decline(
    @CurrentAuth() auth: AuthContext,
    @UuidParam() id: string,
  ): Promise<AppointmentResponse> {
    const now = new Date();
    const target = await this.appointments.find(auth.account, id);
    return this.appointments.toResponse(await this.appointments.decline(target, now), now);
  }

  /** `reason`: `{"text": "…"}` encrypted with the conversation key (message id = appointment id). */
  @Post(':id/cancel')
  @Roles()
  @HttpCode(200)
  @ApiOkResponse({ description: 'The cancelled date; an open chat room closes' })
  @ApiConflictResponse({ description: 'The date was declined, cancelled or is over' })
  async cancel(
    @CurrentAuth() auth: AuthContext,
    @UuidParam() id: string,
    @Body() dto: CancelAppointmentDto,
  ): Promise<AppointmentResponse> {
    const now = new Date();
    const target = await this.appointments.find(auth.account, id);
    const cancelled = await this.appointments.cancel(auth.account, target, dto.reason, now);
    return this.appointments.toResponse(cancelled, now);
  }

  /** The counsellor opens the room (joining it over the socket does the same). */
  @Post(':id/open')
  @Roles(RoleNames.counsellor, RoleNames.lead)
  @HttpCode(200)
  @ApiOkResponse({ description: 'The appointment with its room open' })
  @ApiConflictResponse({ description: 'Not accepted, too early, or over' })
  async open(
    @CurrentAuth() auth: AuthContext,
    @UuidParam() id: string,
  ): Promise<AppointmentResponse> {
    const now = new Date();
    const target = await this.appointments.find(auth.account, id);
    return this.appointments.toResponse(await this.appointments.open(target, now), now);
  }

  /** A calendar entry with a neutral title and nothing else (warn her before she adds it). */
  @Get(':id/calendar.ics')
  @Roles()
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Content-Disposition', `attachment; filename="${CALENDAR_FILE_NAME}"`)
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'An iCalendar file titled "Termin"' })
  @ApiConflictResponse({ description: 'The date is not accepted' })
  async calendar(@CurrentAuth() auth: AuthContext, @UuidParam() id: string): Promise<string> {
    const target = await this.appointments.find(auth.account, id);
    this.appointments.assertCalendar(target);
    return calendarFile(target.appointment);
  }
}
