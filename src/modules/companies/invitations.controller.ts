import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  Auth,
  CurrentPrincipal,
  type Page,
  PageResponseOf,
  ParseIdPipe,
  type Principal,
  Public,
} from '@libs/core';
import { CompaniesPermission as P } from './companies.permissions';
import {
  CreateInvitationDto,
  InvitationInspectionDto,
  InvitationResponseDto,
  InvitationTokenDto,
  ListInvitationsQueryDto,
} from './dto/member.dto';
import { InvitationsService } from './invitations.service';

@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  /** Invitations of the active company. */
  @Get()
  @Auth(P.InvitationRead)
  @ApiOkResponse({ type: PageResponseOf(InvitationResponseDto) })
  listInvitations(@Query() query: ListInvitationsQueryDto): Promise<Page<InvitationResponseDto>> {
    return this.invitations.list(query);
  }

  /** Invites an e-mail address with a role; the token travels only in the e-mail. */
  @Post()
  @Auth(P.InvitationManage)
  @HttpCode(201)
  @ApiCreatedResponse({ type: InvitationResponseDto })
  createInvitation(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateInvitationDto,
  ): Promise<InvitationResponseDto> {
    return this.invitations.create(principal, dto);
  }

  /** Shows what a token invites to (any state). */
  @Post('inspect')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: InvitationInspectionDto })
  inspectInvitation(@Body() dto: InvitationTokenDto): Promise<InvitationInspectionDto> {
    return this.invitations.inspect(dto.token);
  }

  /** The signed-in user (same e-mail) joins the company. */
  @Post('accept')
  @Auth()
  @HttpCode(200)
  async acceptInvitation(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: InvitationTokenDto,
  ): Promise<{ companyId: string; roleId: string; status: string; joinedVia: string }> {
    const m = await this.invitations.accept(principal.userId ?? '', dto.token);
    return { companyId: m.companyId, roleId: m.roleId, status: m.status, joinedVia: m.joinedVia };
  }

  /** New token, new 7-day expiry; the old token stops working. */
  @Post(':id/resend')
  @Auth(P.InvitationManage)
  @HttpCode(200)
  @ApiOkResponse({ type: InvitationResponseDto })
  resendInvitation(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<InvitationResponseDto> {
    return this.invitations.resend(principal, id);
  }

  /** Revokes a pending invitation: its link stops working. */
  @Delete(':id')
  @Auth(P.InvitationManage)
  @HttpCode(204)
  async revokeInvitation(@Param('id', ParseIdPipe) id: string): Promise<void> {
    await this.invitations.revoke(id);
  }
}
