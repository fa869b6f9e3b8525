import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Auth, IfMatch, type Page, PageResponseOf, ParseIdPipe, withEtag } from '@libs/core';
import { UserResponseDto } from './dto/user.response.dto';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './dto/users-admin.dto';
import { UsersAdminService } from './users-admin.service';

/** User management for installation operators (platform admins only; no company data is involved). */
@ApiTags('users')
@Auth({ platformAdmin: true })
@Controller('users')
export class UsersAdminController {
  constructor(private readonly users: UsersAdminService) {}

  /** Every user of the installation (deleted ones excluded). */
  @Get()
  @ApiOkResponse({ type: PageResponseOf(UserResponseDto) })
  listUsers(@Query() query: ListUsersQueryDto): Promise<Page<UserResponseDto>> {
    return this.users.list(query);
  }

  /** Creates a user and mails a link to choose a password (72 h). */
  @Post()
  @ApiCreatedResponse({ type: UserResponseDto })
  @ApiConflictResponse({ description: '`email_taken`' })
  async createUser(
    @Body() body: CreateUserDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserResponseDto> {
    return withEtag(reply, await this.users.create(body));
  }

  /** One user of the installation. */
  @Get(':id')
  @ApiOkResponse({ type: UserResponseDto })
  @ApiNotFoundResponse()
  async getUser(
    @Param('id', ParseIdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserResponseDto> {
    return withEtag(reply, await this.users.get(id));
  }

  /** Changes a user (name, locale, time zone, status, platform-admin flag). */
  @Patch(':id')
  @ApiOkResponse({ type: UserResponseDto })
  async updateUser(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateUserDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserResponseDto> {
    return withEtag(reply, await this.users.update(id, body, ifMatch));
  }

  /** Soft delete with personal data anonymised; sessions end. */
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async deleteUser(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
  ): Promise<void> {
    await this.users.delete(id, ifMatch);
  }

  /** Disables the account; every session ends at once. */
  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOkResponse({ type: UserResponseDto })
  async deactivateUser(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserResponseDto> {
    return withEtag(reply, await this.users.deactivate(id, ifMatch));
  }

  /** Re-enables a deactivated user. */
  @Post(':id/activate')
  @HttpCode(200)
  @ApiOkResponse({ type: UserResponseDto })
  async activateUser(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserResponseDto> {
    return withEtag(reply, await this.users.activate(id, ifMatch));
  }
}
