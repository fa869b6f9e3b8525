// The public API of the orders module: other modules import only from here.
export { OrdersModule } from './orders.module';
export { OrdersPermission } from './orders.permissions';
export { OrdersEvent } from './orders.events';
export { OrdersErrorCode } from './orders.errors';
export {
  OrderResponseDto,
  OrderSummaryResponseDto,
  OrderItemResponseDto,
} from './orders/dto/order.response.dto';
export { ContractResponseDto } from './contracts/dto/contract.response.dto';
export { ORDER_STATUSES, type OrderStatus } from './orders/order-state-machine';
export { CONTRACT_STATUSES, type ContractStatus } from './contracts/contract-state-machine';
