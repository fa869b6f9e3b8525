import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  Auth,
  CurrentPrincipal,
  withEtag,
  IfMatch,
  type Page,
  PageResponseOf,
  ParseIdPipe,
  type Principal,
} from '@libs/core';
import { CompaniesPermission as P } from './companies.permissions';
import { ListMembersQueryDto, MemberResponseDto, UpdateMemberDto } from './dto/member.dto';
import { MembershipsService } from './memberships.service';

@ApiTags('companies')
@Controller('companies/current/members')
export class MembersController {
  constructor(private readonly members: MembershipsService) {}

  /** Members of the active company, cursor-paginated, filterable by status, role and text. */
  @Get()
  @Auth(P.MemberRead)
  @ApiOkResponse({ type: PageResponseOf(MemberResponseDto) })
  listMembers(@Query() query: ListMembersQueryDto): Promise<Page<MemberResponseDto>> {
    return this.members.list(query);
  }

  /** One member of the active company. */
  @Get(':userId')
  @Auth(P.MemberRead)
  @ApiOkResponse({ type: MemberResponseDto })
  async getMember(
    @Param('userId', ParseIdPipe) userId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MemberResponseDto> {
    const member = await this.members.get(userId);
    return withEtag(reply, member);
  }

  /** `{roleId?, status?}`; only owners grant or revoke the owner role; the last owner stays. */
  @Patch(':userId')
  @Auth(P.MemberManage)
  @ApiOkResponse({ type: MemberResponseDto })
  async updateMember(
    @CurrentPrincipal() principal: Principal,
    @Param('userId', ParseIdPipe) userId: string,
    @Body() dto: UpdateMemberDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MemberResponseDto> {
    const member = await this.members.update(principal, userId, dto, ifMatch);
    return withEtag(reply, member);
  }

  /** Removes a member (soft delete). Needs companies.member.manage, except to leave (your own id). */
  @Delete(':userId')
  @Auth()
  @HttpCode(204)
  async removeMember(
    @CurrentPrincipal() principal: Principal,
    @Param('userId', ParseIdPipe) userId: string,
    @IfMatch() ifMatch: string | undefined,
  ): Promise<void> {
    await this.members.remove(principal, userId, ifMatch);
  }
}
