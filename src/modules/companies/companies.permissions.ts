import { PermissionSet } from '@libs/core';

/** The permission keys of the companies module (SPEC §3). */
export const CompaniesPermission = {
  CompanyRead: 'companies.company.read',
  CompanyUpdate: 'companies.company.update',
  MemberRead: 'companies.member.read',
  MemberManage: 'companies.member.manage',
  InvitationRead: 'companies.invitation.read',
  InvitationManage: 'companies.invitation.manage',
} as const;

export const COMPANIES_PERMISSIONS = new PermissionSet('companies', [
  { key: CompaniesPermission.CompanyRead, description: 'Read the company profile and billing details' },
  { key: CompaniesPermission.CompanyUpdate, description: 'Change the company profile and billing details' },
  { key: CompaniesPermission.MemberRead, description: 'List the members of the company' },
  { key: CompaniesPermission.MemberManage, description: 'Change, suspend and remove members' },
  { key: CompaniesPermission.InvitationRead, description: 'List invitations' },
  { key: CompaniesPermission.InvitationManage, description: 'Invite, resend and revoke invitations' },
]);
