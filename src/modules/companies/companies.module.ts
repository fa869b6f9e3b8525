import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard, PrincipalResolver } from '@libs/core';
import { AccessModule } from '../access';
import { IdentityModule, MembershipDirectory } from '../identity';
import { AuthCompanyController } from './auth-company.controller';
import { COMPANIES_PERMISSIONS } from './companies.permissions';
import { CompaniesController } from './companies.controller';
import { CompaniesPrincipalResolver } from './companies-principal-resolver';
import { CompaniesRepository } from './companies.repository';
import { CompaniesService } from './companies.service';
import { InvitationsController } from './invitations.controller';
import { InvitationsRepository } from './invitations.repository';
import { InvitationsService } from './invitations.service';
import { MeService } from './me.service';
import { MembersController } from './members.controller';
import { CompaniesMembershipDirectory } from './membership-directory';
import { MembershipsRepository } from './memberships.repository';
import { MembershipsService } from './memberships.service';

/**
 * Companies (the tenants), memberships and invitations (SPEC §3). Global so that identity's
 * MembershipDirectory port and core's PrincipalResolver resolve everywhere; it also installs the
 * fail-closed AuthGuard for the whole application.
 */
@Global()
@Module({
  imports: [IdentityModule, AccessModule],
  controllers: [CompaniesController, MembersController, InvitationsController, AuthCompanyController],
  providers: [
    CompaniesRepository,
    MembershipsRepository,
    InvitationsRepository,
    CompaniesService,
    MembershipsService,
    InvitationsService,
    MeService,
    { provide: 'COMPANIES_PERMISSIONS', useValue: COMPANIES_PERMISSIONS },
    { provide: MembershipDirectory, useClass: CompaniesMembershipDirectory },
    { provide: PrincipalResolver, useClass: CompaniesPrincipalResolver },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [MembershipDirectory, PrincipalResolver, CompaniesService, MembershipsService],
})
export class CompaniesModule {}
