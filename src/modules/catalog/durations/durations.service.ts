import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { assertIfMatch, mapPage, type Page } from '@libs/core';
import { notFound } from '../catalog.errors';
import { DurationsRepository } from './durations.repository';
import type { CreateDurationDto, ListDurationsQueryDto, UpdateDurationDto } from './dto/duration.dto';
import { DurationResponseDto } from './dto/duration.response.dto';
import type { Duration } from './entities/duration.entity';

/**
 * Subscription durations (SPEC §6). Months are unique per company (the database answers a clash
 * with 409). Deleting is a soft delete: documents keep pointing at the duration they used.
 */
@Injectable()
export class DurationsService {
  constructor(private readonly durations: DurationsRepository) {}

  async list(query: ListDurationsQueryDto): Promise<Page<DurationResponseDto>> {
    return mapPage(await this.durations.listPage(query), (d) => DurationResponseDto.from(d));
  }

  @Transactional()
  async create(dto: CreateDurationDto): Promise<DurationResponseDto> {
    const duration = await this.durations.rows.insert({
      name: dto.name,
      months: dto.months,
      discountPercent: dto.discountPercent ?? '0',
      active: dto.active ?? true,
    });
    return DurationResponseDto.from(duration);
  }

  @Transactional()
  async update(
    id: string,
    dto: UpdateDurationDto,
    ifMatch: string | undefined,
  ): Promise<DurationResponseDto> {
    const duration = await this.mustFindForUpdate(id);
    assertIfMatch(ifMatch, duration.version);
    const changes = Object.fromEntries(
      Object.entries(dto).filter(
        ([key, value]) => value !== undefined && value !== duration[key as keyof Duration],
      ),
    ) as Partial<Duration>;
    if (Object.keys(changes).length) await this.durations.rows.update(duration, changes);
    return DurationResponseDto.from(duration);
  }

  @Transactional()
  async delete(id: string, ifMatch: string | undefined): Promise<void> {
    const duration = await this.mustFindForUpdate(id);
    assertIfMatch(ifMatch, duration.version);
    await this.durations.rows.softDelete(id);
  }

  private async mustFindForUpdate(id: string): Promise<Duration> {
    const duration = await this.durations.rows.findLive(id, 'update');
    if (!duration) throw notFound('Duration');
    return duration;
  }
}
