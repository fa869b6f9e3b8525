// The public API of the settings module: other modules import only from here.
export { SettingsModule } from './settings.module';
export { Settings } from './settings';
export { SettingsPermission } from './settings.permissions';
export { SettingsErrorCode } from './settings.errors';
export type { SettingSource } from './effective-setting';
