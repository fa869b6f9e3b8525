// The public API of the access module: other modules import only from here.
export { AccessModule } from './access.module';
export {
  AccessService,
  API_KEY_PATTERN,
  assertCanGrant,
  escalatingKeys,
  type PermissionMap,
  type RoleSummary,
} from './access.service';
export type { AuthenticatedApiKey } from './api-keys.repository';
export { AccessPermission, ACCESS_PERMISSIONS } from './access.permissions';
export { AccessErrorCode } from './access.errors';
export { PermissionCatalogue, type CatalogueSyncResult } from './permission-catalogue';
export { SYSTEM_ROLE_KEYS, type SystemRoleKey } from './entities/role.entity';
