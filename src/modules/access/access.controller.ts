import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
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
import { AccessPermission } from './access.permissions';
import { ApiKeysService } from './api-keys.service';
import { CreateApiKeyDto, ListApiKeysQueryDto, UpdateApiKeyDto } from './dto/api-key.dto';
import { ApiKeyResponseDto, CreatedApiKeyResponseDto } from './dto/api-key.response.dto';
import { ListPermissionsQueryDto } from './dto/list-permissions.query.dto';
import { PermissionResponseDto } from './dto/permission.response.dto';
import { CreateRoleDto, ListRolesQueryDto, ReplaceRolePermissionsDto, UpdateRoleDto } from './dto/role.dto';
import { RoleResponseDto } from './dto/role.response.dto';
import { PermissionsService } from './permissions.service';
import { RolesService } from './roles.service';

/** The permission catalogue. */
@ApiTags('access')
@Controller('permissions')
export class PermissionsController {
  constructor(private readonly permissions: PermissionsService) {}

  /** Every live permission key the modules declare; filter by domain. */
  @Get()
  @Auth(AccessPermission.RoleRead)
  @ApiOkResponse({ type: PageResponseOf(PermissionResponseDto) })
  listPermissions(@Query() query: ListPermissionsQueryDto): Promise<Page<PermissionResponseDto>> {
    return this.permissions.list(query);
  }
}

/** Roles of the active company. */
@ApiTags('access')
@Controller('roles')
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  /** The company's roles, each with its permissions. */
  @Get()
  @Auth(AccessPermission.RoleRead)
  @ApiOkResponse({ type: PageResponseOf(RoleResponseDto) })
  listRoles(@Query() query: ListRolesQueryDto): Promise<Page<RoleResponseDto>> {
    return this.roles.list(query);
  }

  /** One role of the active company, with its permissions and ETag. */
  @Get(':id')
  @Auth(AccessPermission.RoleRead)
  @ApiOkResponse({ type: RoleResponseDto })
  @ApiNotFoundResponse({ description: 'No such role in the active company.' })
  async getRole(
    @Param('id', ParseIdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RoleResponseDto> {
    return withEtag(reply, await this.roles.get(id));
  }

  /** A custom role; its permissions must be ones the caller holds. */
  @Post()
  @Auth(AccessPermission.RoleManage)
  @ApiCreatedResponse({ type: RoleResponseDto })
  @ApiConflictResponse({ description: '`role_name_taken`' })
  async createRole(
    @Body() dto: CreateRoleDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RoleResponseDto> {
    return withEtag(reply, await this.roles.create(dto, principal.permissions));
  }

  /** Rename or describe a role; system roles cannot be renamed (409). Honours If-Match. */
  @Patch(':id')
  @Auth(AccessPermission.RoleManage)
  @ApiOkResponse({ type: RoleResponseDto })
  @ApiConflictResponse({ description: '`system_role_immutable`, `role_name_taken`' })
  async updateRole(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: UpdateRoleDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RoleResponseDto> {
    return withEtag(reply, await this.roles.update(id, dto, ifMatch));
  }

  /** Deletes a custom role no member, invitation or API key uses. Honours If-Match. */
  @Delete(':id')
  @HttpCode(204)
  @Auth(AccessPermission.RoleManage)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: '`system_role_immutable`, `role_in_use`' })
  async deleteRole(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
  ): Promise<void> {
    await this.roles.delete(id, ifMatch);
  }

  /** Replaces the role's permission set atomically. Honours If-Match. */
  @Put(':id/permissions')
  @Auth(AccessPermission.RoleManage)
  @ApiOkResponse({ type: RoleResponseDto })
  @ApiConflictResponse({ description: '`system_role_immutable` (owner)' })
  async replaceRolePermissions(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: ReplaceRolePermissionsDto,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RoleResponseDto> {
    return withEtag(reply, await this.roles.replacePermissions(id, dto, ifMatch, principal.permissions));
  }
}

/** API keys of the active company: machine principals acting with one role. */
@ApiTags('access')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  /** Never the secrets. */
  @Get()
  @Auth(AccessPermission.ApiKeyRead)
  @ApiOkResponse({ type: PageResponseOf(ApiKeyResponseDto) })
  listApiKeys(@Query() query: ListApiKeysQueryDto): Promise<Page<ApiKeyResponseDto>> {
    return this.apiKeys.list(query);
  }

  /** One API key of the active company (never its secret), with its ETag. */
  @Get(':id')
  @Auth(AccessPermission.ApiKeyRead)
  @ApiOkResponse({ type: ApiKeyResponseDto })
  @ApiNotFoundResponse({ description: 'No such API key in the active company.' })
  async getApiKey(
    @Param('id', ParseIdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApiKeyResponseDto> {
    return withEtag(reply, await this.apiKeys.get(id));
  }

  /** Creates a key; the response carries its secret `token`, shown this once only. */
  @Post()
  @Auth(AccessPermission.ApiKeyManage)
  @ApiCreatedResponse({ type: CreatedApiKeyResponseDto })
  async createApiKey(
    @Body() dto: CreateApiKeyDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CreatedApiKeyResponseDto> {
    return withEtag(reply, await this.apiKeys.create(dto, principal.permissions));
  }

  /** Renames a key or changes its expiry. Honours If-Match. */
  @Patch(':id')
  @Auth(AccessPermission.ApiKeyManage)
  @ApiOkResponse({ type: ApiKeyResponseDto })
  async updateApiKey(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: UpdateApiKeyDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApiKeyResponseDto> {
    return withEtag(reply, await this.apiKeys.update(id, dto, ifMatch));
  }

  /** Revokes a key (SPEC §4: DELETE = revoke). Honours If-Match. */
  @Delete(':id')
  @HttpCode(204)
  @Auth(AccessPermission.ApiKeyManage)
  @ApiNoContentResponse()
  async deleteApiKey(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
  ): Promise<void> {
    await this.apiKeys.revoke(id, ifMatch);
  }

  /** Revokes a key and returns it (state-change form of DELETE). Honours If-Match. */
  @Post(':id/revoke')
  @HttpCode(200)
  @Auth(AccessPermission.ApiKeyManage)
  @ApiOkResponse({ type: ApiKeyResponseDto })
  async revokeApiKey(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApiKeyResponseDto> {
    return withEtag(reply, await this.apiKeys.revoke(id, ifMatch));
  }
}
