import { AppError, CoreErrorCode, currentContext } from '@libs/core';

/**
 * The active company of the request, for repositories of tenant-owned tables: they call it before
 * every query, so without a company in context they refuse to run (fail closed) whatever the caller
 * forgot. Over HTTP that is the 403 `no_active_company` of SPEC §0.
 */
export function requireCompanyId(): string {
  const companyId = currentContext().companyId;
  if (!companyId) {
    throw new AppError(
      403,
      CoreErrorCode.NoActiveCompany,
      'Select a company first (POST /auth/switch-company)',
    );
  }
  return companyId;
}
