// The public API of the companies module: other modules import only from here.
export { CompaniesModule } from './companies.module';
export { CompaniesService } from './companies.service';
export { MembershipsService } from './memberships.service';
export { CompaniesErrorCode } from './companies.errors';
export { CompaniesPermission } from './companies.permissions';
export { CompanyResponseDto } from './dto/company.dto';
export { BillingDetailsResponseDto } from './dto/billing-details.dto';
