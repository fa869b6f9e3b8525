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
import { CatalogPermission } from '../catalog.permissions';
import { CreateDurationDto, ListDurationsQueryDto, UpdateDurationDto } from './dto/duration.dto';
import { DurationResponseDto } from './dto/duration.response.dto';
import { DurationsService } from './durations.service';

/** Subscription durations of the active company. */
@ApiTags('catalog')
@Controller('durations')
export class DurationsController {
  constructor(private readonly durations: DurationsService) {}

  /** Sorted by months unless `sort` says otherwise; filter active. */
  @Get()
  @Auth(CatalogPermission.DurationRead)
  @ApiOkResponse({ type: PageResponseOf(DurationResponseDto) })
  listDurations(@Query() query: ListDurationsQueryDto): Promise<Page<DurationResponseDto>> {
    return this.durations.list(query);
  }

  /** A subscription term and its discount; months are unique in the company. */
  @Post()
  @Auth(CatalogPermission.DurationWrite)
  @ApiCreatedResponse({ type: DurationResponseDto })
  @ApiConflictResponse({ description: 'Another duration has this number of months' })
  async createDuration(
    @Body() dto: CreateDurationDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DurationResponseDto> {
    return withEtag(reply, await this.durations.create(dto));
  }

  /** Honours If-Match. */
  @Patch(':id')
  @Auth(CatalogPermission.DurationWrite)
  @ApiOkResponse({ type: DurationResponseDto })
  @ApiNotFoundResponse({ description: 'No such duration in the active company.' })
  async updateDuration(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: UpdateDurationDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DurationResponseDto> {
    return withEtag(reply, await this.durations.update(id, dto, ifMatch));
  }

  /** Soft-deletes the duration: no new lines may use it, existing documents keep it. Honours If-Match. */
  @Delete(':id')
  @HttpCode(204)
  @Auth(CatalogPermission.DurationWrite)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'No such duration in the active company.' })
  async deleteDuration(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
  ): Promise<void> {
    await this.durations.delete(id, ifMatch);
  }
}
