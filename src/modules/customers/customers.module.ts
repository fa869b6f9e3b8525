import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference';
import { AuditModule } from '../audit';
import { AddressesController } from './addresses.controller';
import { AddressesRepository } from './addresses.repository';
import { AddressesService } from './addresses.service';
import { ContactPointsController } from './contact-points.controller';
import { ContactPointsRepository } from './contact-points.repository';
import { ContactPointsService } from './contact-points.service';
import { CustomerChanges } from './customer-changes';
import { CustomerDirectory } from './customer-directory';
import { CustomerReferences } from './customer-references';
import { CustomersController } from './customers.controller';
import { CUSTOMERS_EVENT_TYPES } from './customers.events';
import { CUSTOMERS_PERMISSIONS } from './customers.permissions';
import { CUSTOMERS_AUDITED_ENTITIES } from './customers.audited-entities';
import { CustomerTimelineController } from './customer-timeline.controller';
import { CustomerTimelineService } from './customer-timeline.service';
import { CustomersRepository } from './customers.repository';
import { CustomersService } from './customers.service';
import { IdentitiesController } from './identities.controller';
import { IdentitiesRepository } from './identities.repository';
import { IdentitiesService } from './identities.service';
import { TagsController } from './tags.controller';
import { TagsRepository } from './tags.repository';
import { TagsService } from './tags.service';

/**
 * Customers (SPEC §5, schema `customers`): customers with their contact points, addresses, channel
 * identities and tags, and the company's tag catalogue. Other modules use CustomerDirectory.
 * Companies (global) provides the company's country and the membership check of owners.
 */
@Module({
  imports: [ReferenceModule, AuditModule],
  controllers: [
    CustomersController,
    ContactPointsController,
    AddressesController,
    IdentitiesController,
    TagsController,
    CustomerTimelineController,
  ],
  providers: [
    { provide: 'CUSTOMERS_PERMISSIONS', useValue: CUSTOMERS_PERMISSIONS },
    { provide: 'CUSTOMERS_EVENT_TYPES', useValue: CUSTOMERS_EVENT_TYPES },
    { provide: 'CUSTOMERS_AUDITED_ENTITIES', useValue: CUSTOMERS_AUDITED_ENTITIES },
    CustomerTimelineService,
    CustomersRepository,
    ContactPointsRepository,
    AddressesRepository,
    IdentitiesRepository,
    TagsRepository,
    CustomerReferences,
    CustomerChanges,
    CustomersService,
    ContactPointsService,
    AddressesService,
    IdentitiesService,
    TagsService,
    CustomerDirectory,
  ],
  exports: [CustomerDirectory],
})
export class CustomersModule {}
