// The public API of the customers module: other modules import only from here.
export { CustomersModule } from './customers.module';
export { CustomerDirectory, type CustomerForReference } from './customer-directory';
export { CustomersErrorCode } from './customers.errors';
export { CustomerEvent } from './customers.events';
export { CustomersPermission } from './customers.permissions';
export { CustomerDetailResponseDto, CustomerResponseDto } from './dto/customer.response.dto';
