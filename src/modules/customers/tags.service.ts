import { Inject, Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { assertIfMatch, mapPage, type Page } from '@libs/core';
import { concurrentChange, notFound, rejectNulls, tagNameTaken } from './customers.errors';
import { type CreateTagDto, type ListTagsQueryDto, TagResponseDto, type UpdateTagDto } from './dto/tag.dto';
import type { Tag } from './entities/tag.entity';
import { type TagColumns, TagsRepository } from './tags.repository';
import { isUniqueViolation } from '@libs/persistence';

const UQ_NAME = 'uq_tags_company_id_name';

/** The company's tag catalogue (SPEC §5): names unique ignoring case; deleting detaches everywhere. */
@Injectable()
export class TagsService {
  constructor(@Inject(TagsRepository) private readonly tags: TagsRepository) {}

  async list(query: ListTagsQueryDto): Promise<Page<TagResponseDto>> {
    return mapPage(await this.tags.listPage(query), (tag) => TagResponseDto.from(tag));
  }

  @Transactional()
  async create(dto: CreateTagDto): Promise<TagResponseDto> {
    const tag = await this.nameChecked(() =>
      this.tags.insert({ name: dto.name, color: dto.color ?? null, description: dto.description ?? null }),
    );
    return TagResponseDto.from(tag);
  }

  @Transactional()
  async update(id: string, dto: UpdateTagDto, ifMatch: string | undefined): Promise<TagResponseDto> {
    rejectNulls(dto, ['name']);
    const tag = await this.mustFind(id);
    assertIfMatch(ifMatch, tag.version);
    const changes: Partial<TagColumns> = Object.fromEntries(
      Object.entries({ name: dto.name, color: dto.color, description: dto.description }).filter(
        ([, v]) => v !== undefined,
      ),
    );
    const updated = await this.nameChecked(() => this.tags.update(id, tag.version, changes));
    if (!updated) throw concurrentChange();
    return TagResponseDto.from(updated);
  }

  /** Hard delete: the tag leaves every customer (and conversation) it was on. */
  @Transactional()
  async delete(id: string, ifMatch: string | undefined): Promise<void> {
    const tag = await this.mustFind(id);
    assertIfMatch(ifMatch, tag.version);
    if (!(await this.tags.delete(id, tag.version))) throw concurrentChange();
  }

  private async mustFind(id: string): Promise<Tag> {
    const tag = await this.tags.find(id);
    if (!tag) throw notFound('Tag');
    return tag;
  }

  private async nameChecked<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      throw isUniqueViolation(error, UQ_NAME) ? tagNameTaken() : error;
    }
  }
}
