import { Body, Controller, Get, Header, HttpCode, Module, Param, Patch, Post, Res } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import {
  assertIfMatch,
  currentContext,
  etagOf,
  IfMatch,
  NotFoundError,
  ParseIdPipe,
  Public,
} from '@libs/core';

class WidgetPartDto {
  @IsString() @Length(1, 20) name: string;
  @IsInt() @Min(1) @Max(10) quantity: number;
}

class CreateWidgetDto {
  @IsString() @Length(1, 50) name: string;
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => WidgetPartDto)
  parts: WidgetPartDto[];
}

class RenameWidgetDto {
  @IsString() @Length(1, 50) name: string;
}

interface Widget {
  id: string;
  name: string;
  version: number;
}

/**
 * A test-only resource that exercises the core mechanisms (validation paths, ETag/If-Match,
 * Idempotency-Key) through real HTTP, before any business module needs them. Kept in memory: what is
 * under test is the HTTP behaviour, and idempotency keys still live in the real database.
 */
@Public()
@Controller('test-only/widgets')
class WidgetsTestController {
  readonly widgets = new Map<string, Widget>();
  createdCount = 0;

  @Post()
  async create(@Body() dto: CreateWidgetDto, @Res({ passthrough: true }) reply: FastifyReply) {
    await new Promise((resolve) => setTimeout(resolve, dto.name === 'slow' ? 400 : 0));
    const widget = { id: randomUUID(), name: dto.name, version: 1 };
    this.widgets.set(widget.id, widget);
    this.createdCount++;
    void reply.header('etag', etagOf(widget.version));
    return { ...widget, serial: this.createdCount };
  }

  @Get('count')
  @Header('cache-control', 'no-store')
  count() {
    return { created: this.createdCount };
  }

  @Patch(':id')
  rename(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
    @Body() dto: RenameWidgetDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const widget = this.widgets.get(id);
    if (!widget) throw new NotFoundError('Widget');
    assertIfMatch(ifMatch, widget.version);
    widget.name = dto.name;
    widget.version++;
    void reply.header('etag', etagOf(widget.version));
    return widget;
  }

  @Post(':id/archive')
  @HttpCode(200)
  archive(@Param('id', ParseIdPipe) id: string, @IfMatch() ifMatch: string | undefined) {
    const widget = this.widgets.get(id);
    if (!widget) throw new NotFoundError('Widget');
    assertIfMatch(ifMatch, widget.version, true);
    widget.version++;
    return widget;
  }

  @Get('whoami')
  whoami() {
    const { ip, userAgent, requestId } = currentContext();
    return { ip, userAgent, requestId };
  }

  @Get('boom')
  boom(): never {
    throw new Error('secret internal detail: connection string postgres://user:pw@db');
  }
}

@Module({ controllers: [WidgetsTestController] })
export class WidgetsTestModule {}
