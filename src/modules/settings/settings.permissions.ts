import { PermissionSet } from '@libs/core';

/** The settings keys of the platform domain (SPEC §11.4); other platform.* keys live in their modules. */
export const SettingsPermission = {
  Read: 'platform.setting.read',
  Write: 'platform.setting.write',
} as const;

export const SETTINGS_PERMISSIONS = new PermissionSet('platform', [
  { key: SettingsPermission.Read, description: 'Read the effective settings of the company' },
  {
    key: SettingsPermission.Write,
    description: "Override and revert the company's settings (installation-wide ones need a platform admin)",
  },
]);
