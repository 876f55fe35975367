import { Body, Controller, Get, Header, HttpCode, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AuthContext, CurrentAuth, Roles } from '@confidant/api/auth';
import {
  ConversationDetail,
  ConversationSummary,
  MessageResponse,
  Roles as RoleNames,
} from '@confidant/shared/api-interfaces';
import {
  AssignDto,
  ClientKeyDto,
  ConversationListQuery,
  MessagePageQuery,
  NewConversationDto,
  NewMessageDto,
  ReadDto,
  UuidParam,
} from '@confidant/shared/api-interfaces/dto';
import type { Response } from 'express';
import { MessagesService } from '../messages/messages.service';
import { ConversationAccess } from './conversation-access';
import { ConversationsService } from './conversations.service';

@ApiTags('conversations')
@ApiNotFoundResponse({ description: 'The conversation does not exist for the caller' })
@Controller('conversations')
export class ConversationsController {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
    private readonly access: ConversationAccess,
  ) {}

  /** A client's new enquiry: keys and first message together; a retry returns the same. */
  @Post()
  @Roles(RoleNames.client)
  @ApiCreatedResponse({ description: 'The new conversation and its first message' })
  @ApiPayloadTooLargeResponse({ description: 'The message is larger than 64 KB' })
  async create(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: NewConversationDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ conversation: ConversationSummary; message: MessageResponse }> {
    const result = await this.conversations.create(auth.account, dto);
    response.status(result.created ? 201 : 200);
    return { conversation: result.summary, message: result.message };
  }

  @Get()
  @Roles()
  @ApiOkResponse({
    description: 'Her own (client), assigned (staff) or, for a lead with ?all=true, all',
  })
  list(
    @CurrentAuth() auth: AuthContext,
    @Query() query: ConversationListQuery,
  ): Promise<ConversationSummary[]> {
    return this.conversations.list(auth.account, query.all === 'true');
  }

  @Get('queue')
  @Roles(RoleNames.counsellor, RoleNames.lead)
  @ApiOkResponse({ description: 'Unassigned enquiries, oldest first (empty without the team key)' })
  queue(@CurrentAuth() auth: AuthContext): Promise<ConversationSummary[]> {
    return this.conversations.queue(auth.account);
  }

  @Get(':id')
  @Roles()
  @ApiOkResponse({ description: "The conversation with the caller's sealed conversation key" })
  async detail(
    @CurrentAuth() auth: AuthContext,
    @UuidParam() id: string,
  ): Promise<ConversationDetail> {
    return this.conversations.detail(auth.account, await this.access.find(auth.account, id));
  }

  /** Answers JSON text made without parsing the stored envelopes (see MessagesService.pageJson). */
  @Get(':id/messages')
  @Roles()
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOkResponse({ description: 'Up to `limit` (50) messages before `before`, oldest first' })
  async messagePage(
    @CurrentAuth() auth: AuthContext,
    @UuidParam() id: string,
    @Query() query: MessagePageQuery,
  ): Promise<string> {
    await this.access.assertVisible(auth.account, id);
    return this.messages.pageJson(id, query.before, query.limit);
  }

  /** Sends a message; the same id again returns the stored one (200) and adds nothing. */
  @Post(':id/messages')
  @Roles()
  @ApiCreatedResponse({ description: 'The stored message' })
  @ApiConflictResponse({ description: 'Another message has this id' })
  @ApiPayloadTooLargeResponse({ description: 'The message is larger than 64 KB' })
  async post(
    @CurrentAuth() auth: AuthContext,
    @UuidParam() id: string,
    @Body() dto: NewMessageDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MessageResponse> {
    const access = await this.access.findForWriting(auth.account, id);
    const result = await this.messages.post(access, auth.account, dto);
    response.status(result.created ? 201 : 200);
    return result.message;
  }

  @Post(':id/assign')
  @Roles(RoleNames.counsellor, RoleNames.lead)
  @HttpCode(200)
  @ApiOkResponse({ description: 'The conversation after the assignment' })
  @ApiConflictResponse({ description: 'Someone else took it first' })
  async assign(
    @CurrentAuth() auth: AuthContext,
    @UuidParam() id: string,
    @Body() dto: AssignDto,
  ): Promise<ConversationSummary> {
    const access = await this.access.find(auth.account, id);
    return this.conversations.assign(auth.account, access, dto.counsellorId);
  }

  @Post(':id/close')
  @Roles(RoleNames.counsellor, RoleNames.lead)
  @HttpCode(200)
  @ApiOkResponse({ description: 'The closed conversation' })
  async close(
    @CurrentAuth() auth: AuthContext,
    @UuidParam() id: string,
  ): Promise<ConversationSummary> {
    return this.conversations.close(
      auth.account,
      await this.access.findForManaging(auth.account, id),
    );
  }

  @Post(':id/read')
  @Roles()
  @HttpCode(204)
  @ApiNoContentResponse()
  async read(
    @CurrentAuth() auth: AuthContext,
    @UuidParam() id: string,
    @Body() dto: ReadDto,
  ): Promise<void> {
    const access = await this.access.find(auth.account, id);
    await this.messages.markReadUpTo(access.conversation.id, auth.account.id, dto.upTo);
  }

  @Put(':id/keys/client')
  @Roles(RoleNames.counsellor, RoleNames.lead)
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: "The client's key has not changed" })
  async reshare(
    @CurrentAuth() auth: AuthContext,
    @UuidParam() id: string,
    @Body() dto: ClientKeyDto,
  ): Promise<void> {
    await this.conversations.reshareClientKey(
      await this.access.findForManaging(auth.account, id),
      dto.envelope,
    );
  }
}
