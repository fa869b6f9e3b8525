import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Auth, IfMatch, type Page, PageResponseOf, ParseIdPipe, withEtag } from '@libs/core';
import { CustomersPermission } from './customers.permissions';
import { CreateTagDto, ListTagsQueryDto, TagResponseDto, UpdateTagDto } from './dto/tag.dto';
import { TagsService } from './tags.service';

/** The company's one tag catalogue (customers and conversations). */
@ApiTags('customers')
@Controller('tags')
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  /** The company's tags; `q` searches names. */
  @Get()
  @Auth(CustomersPermission.TagRead)
  @ApiOkResponse({ type: PageResponseOf(TagResponseDto) })
  listTags(@Query() query: ListTagsQueryDto): Promise<Page<TagResponseDto>> {
    return this.tags.list(query);
  }

  /** A tag; names are unique ignoring case (409 `tag_name_taken`). */
  @Post()
  @Auth(CustomersPermission.TagWrite)
  @ApiCreatedResponse({ type: TagResponseDto })
  @ApiConflictResponse({ description: '`tag_name_taken`' })
  async createTag(
    @Body() dto: CreateTagDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TagResponseDto> {
    return withEtag(reply, await this.tags.create(dto));
  }

  /** Honours If-Match. */
  @Patch(':id')
  @Auth(CustomersPermission.TagWrite)
  @ApiOkResponse({ type: TagResponseDto })
  @ApiConflictResponse({ description: '`tag_name_taken`' })
  async updateTag(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: UpdateTagDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TagResponseDto> {
    return withEtag(reply, await this.tags.update(id, dto, ifMatch));
  }

  /** Deletes the tag and takes it off every customer and conversation. Honours If-Match. */
  @Delete(':id')
  @HttpCode(204)
  @Auth(CustomersPermission.TagWrite)
  @ApiNoContentResponse()
  async deleteTag(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
  ): Promise<void> {
    await this.tags.delete(id, ifMatch);
  }
}
