import { Injectable } from '@nestjs/common';
import { mapPage, type Page } from '@libs/core';
import type { ListPermissionsQueryDto } from './dto/list-permissions.query.dto';
import { PermissionResponseDto } from './dto/permission.response.dto';
import { PermissionsRepository } from './permissions.repository';

@Injectable()
export class PermissionsService {
  constructor(private readonly permissions: PermissionsRepository) {}

  async list(query: ListPermissionsQueryDto): Promise<Page<PermissionResponseDto>> {
    return mapPage(await this.permissions.listPage(query), (p) => PermissionResponseDto.from(p));
  }
}
