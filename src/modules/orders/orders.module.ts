import { Module } from '@nestjs/common';
import { DocumentNumbers } from '@libs/persistence';
import { CatalogModule } from '../catalog';
import { CustomersModule } from '../customers';
import { ContractsController } from './contracts/contracts.controller';
import { ContractsLifecycle } from './contracts/contracts-lifecycle';
import { ContractsRepository } from './contracts/contracts.repository';
import { ContractsService } from './contracts/contracts.service';
import { ORDERS_EVENT_TYPES } from './orders.events';
import { ORDERS_PERMISSIONS } from './orders.permissions';
import { ORDERS_AUDITED_ENTITIES } from './orders.audited-entities';
import { CustomerOrdersController, OrdersController } from './orders/orders.controller';
import { OrderHistoryRepository } from './orders/order-history.repository';
import { OrderItemsRepository } from './orders/order-items.repository';
import { OrderPricing } from './orders/order-pricing';
import { OrderTransitionsService } from './orders/order-transitions.service';
import { OrdersRepository } from './orders/orders.repository';
import { OrdersService } from './orders/orders.service';

/**
 * Orders & contracts (SPEC §7, schema `sales`): draft orders priced through the catalog, their
 * lifecycle with gap-free numbers, and the subscription contracts confirmed orders create, kept
 * current by the hourly `contracts.lifecycle` job. Customers and products are reached only through
 * their modules' public services.
 */
@Module({
  imports: [CatalogModule, CustomersModule],
  controllers: [OrdersController, CustomerOrdersController, ContractsController],
  providers: [
    { provide: 'ORDERS_PERMISSIONS', useValue: ORDERS_PERMISSIONS },
    { provide: 'ORDERS_EVENT_TYPES', useValue: ORDERS_EVENT_TYPES },
    { provide: 'ORDERS_AUDITED_ENTITIES', useValue: ORDERS_AUDITED_ENTITIES },
    // Stateless over the ambient transaction: provided where numbers are assigned.
    DocumentNumbers,
    OrdersRepository,
    OrderItemsRepository,
    OrderHistoryRepository,
    ContractsRepository,
    OrderPricing,
    OrdersService,
    OrderTransitionsService,
    ContractsService,
    ContractsLifecycle,
  ],
})
export class OrdersModule {}
