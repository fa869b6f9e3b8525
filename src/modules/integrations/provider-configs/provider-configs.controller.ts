import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Auth, IfMatch, type Page, PageResponseOf, ParseIdPipe, withEtag } from '@libs/core';
import { IntegrationsPermission } from '../integrations.permissions';
import {
  CreateProviderConfigDto,
  ListProviderConfigsQueryDto,
  UpdateProviderConfigDto,
} from './dto/provider-config.dto';
import {
  ProviderConfigResponseDto,
  ProviderConfigWithSecretResponseDto,
} from './dto/provider-config.response.dto';
import { ProviderConfigsService } from './provider-configs.service';

/** How the active company connects to external providers; credentials are write-only. */
@ApiTags('integrations')
@Controller('provider-configs')
export class ProviderConfigsController {
  constructor(private readonly configs: ProviderConfigsService) {}

  /** The company's provider configurations, newest first; never their secrets. */
  @Get()
  @Auth(IntegrationsPermission.ProviderRead)
  @ApiOkResponse({ type: PageResponseOf(ProviderConfigResponseDto) })
  listProviderConfigs(@Query() query: ListProviderConfigsQueryDto): Promise<Page<ProviderConfigResponseDto>> {
    return this.configs.list(query);
  }

  /** One configuration of the active company, with its ETag; never its secrets. */
  @Get(':id')
  @Auth(IntegrationsPermission.ProviderRead)
  @ApiOkResponse({ type: ProviderConfigResponseDto })
  @ApiNotFoundResponse({ description: 'No such configuration in the active company.' })
  async getProviderConfig(
    @Param('id', ParseIdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProviderConfigResponseDto> {
    return withEtag(reply, await this.configs.get(id));
  }

  /** The response carries the inbound secret (`whsec_…`), shown this once only. */
  @Post()
  @Auth(IntegrationsPermission.ProviderManage)
  @ApiCreatedResponse({ type: ProviderConfigWithSecretResponseDto })
  @ApiBadRequestResponse({ description: '`provider_type_mismatch`, credentials not suiting the provider' })
  @ApiConflictResponse({
    description: '`activation_conflict` (created active while another one was activated)',
  })
  async createProviderConfig(
    @Body() dto: CreateProviderConfigDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProviderConfigWithSecretResponseDto> {
    return withEtag(reply, await this.configs.create(dto));
  }

  /** Name, settings, credentials (merged; null removes a field). Honours If-Match. */
  @Patch(':id')
  @Auth(IntegrationsPermission.ProviderManage)
  @ApiOkResponse({ type: ProviderConfigResponseDto })
  async updateProviderConfig(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: UpdateProviderConfigDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProviderConfigResponseDto> {
    return withEtag(reply, await this.configs.update(id, dto, ifMatch));
  }

  /** Soft delete. Honours If-Match. */
  @Delete(':id')
  @HttpCode(204)
  @Auth(IntegrationsPermission.ProviderManage)
  @ApiNoContentResponse()
  async deleteProviderConfig(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
  ): Promise<void> {
    await this.configs.delete(id, ifMatch);
  }

  /** Makes it the active one of its type (the previous one is deactivated). Honours If-Match. */
  @Post(':id/activate')
  @HttpCode(200)
  @Auth(IntegrationsPermission.ProviderManage)
  @ApiOkResponse({ type: ProviderConfigResponseDto })
  @ApiConflictResponse({
    description: '`activation_conflict`: another one of the type was activated at the same time',
  })
  async activateProviderConfig(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProviderConfigResponseDto> {
    return withEtag(reply, await this.configs.activate(id, ifMatch));
  }

  /** Honours If-Match. */
  @Post(':id/deactivate')
  @HttpCode(200)
  @Auth(IntegrationsPermission.ProviderManage)
  @ApiOkResponse({ type: ProviderConfigResponseDto })
  async deactivateProviderConfig(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProviderConfigResponseDto> {
    return withEtag(reply, await this.configs.deactivate(id, ifMatch));
  }

  /** A live check of the configuration (`smtp`: connect and log in); the outcome is recorded. */
  @Post(':id/test')
  @HttpCode(200)
  @Auth(IntegrationsPermission.ProviderManage)
  @ApiOkResponse({
    type: ProviderConfigResponseDto,
    description: 'See `lastTestResult` and `lastTestMessage`.',
  })
  async testProviderConfig(
    @Param('id', ParseIdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProviderConfigResponseDto> {
    return withEtag(reply, await this.configs.test(id));
  }

  /** A new inbound secret, shown this once; the old one stops verifying at once. Honours If-Match. */
  @Post(':id/rotate-inbound-secret')
  @HttpCode(200)
  @Auth(IntegrationsPermission.ProviderManage)
  @ApiOkResponse({ type: ProviderConfigWithSecretResponseDto })
  async rotateProviderConfigInboundSecret(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProviderConfigWithSecretResponseDto> {
    return withEtag(reply, await this.configs.rotateInboundSecret(id, ifMatch));
  }
}
