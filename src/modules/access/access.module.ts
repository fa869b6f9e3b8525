import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ApiKeysController, PermissionsController, RolesController } from './access.controller';
import { ACCESS_PERMISSIONS } from './access.permissions';
import { AccessService } from './access.service';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';
import { PermissionCatalogue } from './permission-catalogue';
import { PermissionsRepository } from './permissions.repository';
import { PermissionsService } from './permissions.service';
import { RolesRepository } from './roles.repository';
import { RolesService } from './roles.service';

/**
 * Roles & permissions (SPEC §4, schema `access`): the permission catalogue (synced at start-up from
 * every PermissionSet provider), per-company roles with their permission sets, and API keys.
 * Other modules use AccessService (exported); memberships live downstream in companies.
 */
@Module({
  imports: [DiscoveryModule],
  controllers: [PermissionsController, RolesController, ApiKeysController],
  providers: [
    { provide: 'ACCESS_PERMISSIONS', useValue: ACCESS_PERMISSIONS },
    PermissionCatalogue,
    PermissionsRepository,
    RolesRepository,
    ApiKeysRepository,
    AccessService,
    PermissionsService,
    RolesService,
    ApiKeysService,
  ],
  exports: [AccessService, PermissionCatalogue],
})
export class AccessModule {}
