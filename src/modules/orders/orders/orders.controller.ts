import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPreconditionFailedResponse,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  Auth,
  CurrentPrincipal,
  IfMatch,
  type Page,
  PageResponseOf,
  ParseIdPipe,
  type Principal,
  withEtag,
} from '@libs/core';
import { OrdersPermission } from '../orders.permissions';
import { ListCustomerOrdersQueryDto, ListOrdersQueryDto } from './dto/list-orders.query.dto';
import { OrderItemDto, UpdateOrderItemDto } from './dto/order-item.dto';
import { CancelOrderDto, CreateOrderDto, UpdateOrderDto } from './dto/order.dto';
import { NextStateResponseDto, OrderHistoryEntryResponseDto } from './dto/order-history.response.dto';
import { OrderResponseDto, OrderSummaryResponseDto } from './dto/order.response.dto';
import { OrderTransitionsService } from './order-transitions.service';
import { OrdersService } from './orders.service';

const IF_MATCH_REQUIRED = {
  status: 428,
  description: '`precondition_required`: send If-Match with the ETag',
};
const STALE = { description: '`precondition_failed`: the order changed since its ETag was read' };

/**
 * Orders of the active company (SPEC §7). Every change needs If-Match (orders are money documents);
 * `POST /orders` and `POST /orders/:id/submit` honour Idempotency-Key.
 */
@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly transitions: OrderTransitionsService,
  ) {}

  /** Orders without their lines; filters, sort and cursor. */
  @Get()
  @Auth(OrdersPermission.OrderRead)
  @ApiOkResponse({ type: PageResponseOf(OrderSummaryResponseDto) })
  listOrders(@Query() query: ListOrdersQueryDto): Promise<Page<OrderSummaryResponseDto>> {
    return this.orders.list(query);
  }

  /** A draft for a customer of the company, lines priced as a preview. */
  @Post()
  @Auth(OrdersPermission.OrderWrite)
  @ApiCreatedResponse({ type: OrderResponseDto })
  async createOrder(
    @Body() dto: CreateOrderDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderResponseDto> {
    return withEtag(reply, await this.orders.create(dto));
  }

  /** One order with its lines and totals, and its ETag. */
  @Get(':id')
  @Auth(OrdersPermission.OrderRead)
  @ApiOkResponse({ type: OrderResponseDto })
  @ApiNotFoundResponse({ description: 'No such order in the active company.' })
  async getOrder(
    @Param('id', ParseIdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderResponseDto> {
    return withEtag(reply, await this.orders.get(id));
  }

  /** Drafts take every field; other states only `notes` and `externalRefs` (merge-patch). */
  @Patch(':id')
  @Auth(OrdersPermission.OrderWrite)
  @ApiOkResponse({ type: OrderResponseDto })
  @ApiConflictResponse({ description: '`order_not_draft`' })
  @ApiPreconditionFailedResponse(STALE)
  @ApiResponse(IF_MATCH_REQUIRED)
  async updateOrder(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: UpdateOrderDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderResponseDto> {
    return withEtag(reply, await this.orders.update(id, dto, ifMatch));
  }

  /** Deletes a draft (other states: cancel them). */
  @Delete(':id')
  @HttpCode(204)
  @Auth(OrdersPermission.OrderWrite)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: '`order_not_draft`' })
  @ApiPreconditionFailedResponse(STALE)
  @ApiResponse(IF_MATCH_REQUIRED)
  async deleteOrder(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
  ): Promise<void> {
    await this.orders.delete(id, ifMatch);
  }

  /** Adds a line to a draft; answers the repriced order. */
  @Post(':id/items')
  @Auth(OrdersPermission.OrderWrite)
  @ApiCreatedResponse({ type: OrderResponseDto })
  @ApiConflictResponse({ description: '`order_not_draft`' })
  @ApiPreconditionFailedResponse(STALE)
  @ApiResponse(IF_MATCH_REQUIRED)
  async addOrderItem(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: OrderItemDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderResponseDto> {
    return withEtag(reply, await this.orders.addItem(id, dto, ifMatch));
  }

  /** Changes a line of a draft; answers the repriced order. */
  @Patch(':id/items/:itemId')
  @Auth(OrdersPermission.OrderWrite)
  @ApiOkResponse({ type: OrderResponseDto })
  @ApiConflictResponse({ description: '`order_not_draft`' })
  @ApiPreconditionFailedResponse(STALE)
  @ApiResponse(IF_MATCH_REQUIRED)
  async updateOrderItem(
    @Param('id', ParseIdPipe) id: string,
    @Param('itemId', ParseIdPipe) itemId: string,
    @Body() dto: UpdateOrderItemDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderResponseDto> {
    return withEtag(reply, await this.orders.updateItem(id, itemId, dto, ifMatch));
  }

  /** Removes a line of a draft; answers the repriced order. */
  @Delete(':id/items/:itemId')
  @Auth(OrdersPermission.OrderWrite)
  @ApiOkResponse({ type: OrderResponseDto })
  @ApiConflictResponse({ description: '`order_not_draft`' })
  @ApiPreconditionFailedResponse(STALE)
  @ApiResponse(IF_MATCH_REQUIRED)
  async removeOrderItem(
    @Param('id', ParseIdPipe) id: string,
    @Param('itemId', ParseIdPipe) itemId: string,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderResponseDto> {
    return withEtag(reply, await this.orders.removeItem(id, itemId, ifMatch));
  }

  /** draft → submitted: lines repriced and frozen, number assigned. */
  @Post(':id/submit')
  @HttpCode(200)
  @Auth(OrdersPermission.OrderSubmit)
  @ApiOkResponse({ type: OrderResponseDto })
  @ApiConflictResponse({
    description:
      '`invalid_transition`, `order_empty`, `customer_deleted`, `customer_blocked`, `product_archived`, `no_price_in_currency`',
  })
  @ApiPreconditionFailedResponse(STALE)
  @ApiResponse(IF_MATCH_REQUIRED)
  async submitOrder(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderResponseDto> {
    return withEtag(reply, await this.transitions.submit(id, ifMatch));
  }

  /** submitted → confirmed: one contract per subscription line. */
  @Post(':id/confirm')
  @HttpCode(200)
  @Auth(OrdersPermission.OrderConfirm)
  @ApiOkResponse({ type: OrderResponseDto })
  @ApiConflictResponse({ description: '`invalid_transition`' })
  @ApiPreconditionFailedResponse(STALE)
  @ApiResponse(IF_MATCH_REQUIRED)
  async confirmOrder(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderResponseDto> {
    return withEtag(reply, await this.transitions.confirm(id, ifMatch));
  }

  /** confirmed → fulfilled. */
  @Post(':id/fulfil')
  @HttpCode(200)
  @Auth(OrdersPermission.OrderFulfil)
  @ApiOkResponse({ type: OrderResponseDto })
  @ApiConflictResponse({ description: '`invalid_transition`' })
  @ApiPreconditionFailedResponse(STALE)
  @ApiResponse(IF_MATCH_REQUIRED)
  async fulfilOrder(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderResponseDto> {
    return withEtag(reply, await this.transitions.fulfil(id, ifMatch));
  }

  /** fulfilled → completed. */
  @Post(':id/complete')
  @HttpCode(200)
  @Auth(OrdersPermission.OrderFulfil)
  @ApiOkResponse({ type: OrderResponseDto })
  @ApiConflictResponse({ description: '`invalid_transition`' })
  @ApiPreconditionFailedResponse(STALE)
  @ApiResponse(IF_MATCH_REQUIRED)
  async completeOrder(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderResponseDto> {
    return withEtag(reply, await this.transitions.complete(id, ifMatch));
  }

  /** draft, submitted or confirmed → cancelled; pending contracts are terminated. */
  @Post(':id/cancel')
  @HttpCode(200)
  @Auth(OrdersPermission.OrderCancel)
  @ApiOkResponse({ type: OrderResponseDto })
  @ApiConflictResponse({ description: '`invalid_transition`, `contract_active`' })
  @ApiPreconditionFailedResponse(STALE)
  @ApiResponse(IF_MATCH_REQUIRED)
  async cancelOrder(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: CancelOrderDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrderResponseDto> {
    return withEtag(reply, await this.transitions.cancel(id, dto.reason, ifMatch));
  }

  /** Every transition of the order, oldest first. */
  @Get(':id/history')
  @Auth(OrdersPermission.OrderRead)
  @ApiOkResponse({ type: [OrderHistoryEntryResponseDto] })
  @ApiNotFoundResponse({ description: 'No such order in the active company.' })
  getOrderHistory(@Param('id', ParseIdPipe) id: string): Promise<OrderHistoryEntryResponseDto[]> {
    return this.orders.history(id);
  }

  /** What the order can do next from its state, and whether the caller may do it now. */
  @Get(':id/next-states')
  @Auth(OrdersPermission.OrderRead)
  @ApiOkResponse({ type: [NextStateResponseDto] })
  @ApiNotFoundResponse({ description: 'No such order in the active company.' })
  getOrderNextStates(
    @Param('id', ParseIdPipe) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<NextStateResponseDto[]> {
    return this.transitions.nextStates(id, principal);
  }
}

/** `GET /customers/:id/orders`, served here (SPEC §5): the orders module owns orders. */
@ApiTags('orders')
@Controller('customers')
export class CustomerOrdersController {
  constructor(private readonly orders: OrdersService) {}

  /** The customer's orders; 404 when the customer is not visible. */
  @Get(':id/orders')
  @Auth(OrdersPermission.OrderRead)
  @ApiOkResponse({ type: PageResponseOf(OrderSummaryResponseDto) })
  @ApiNotFoundResponse({ description: 'No such customer in the active company.' })
  listCustomerOrders(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: ListCustomerOrdersQueryDto,
  ): Promise<Page<OrderSummaryResponseDto>> {
    return this.orders.listOfCustomer(id, query);
  }
}
