import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
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
import { AttributeFilterInterceptor } from './attribute-filter';
import { withCustomerEtag } from './child-response';
import { CustomersPermission } from './customers.permissions';
import { CustomersService } from './customers.service';
import { BlockCustomerDto } from './dto/block-customer.dto';
import { CreateCustomerDto } from './dto/create-customer.dto';
import { CustomerDetailResponseDto, CustomerResponseDto } from './dto/customer.response.dto';
import { ListCustomersQueryDto } from './dto/list-customers.query.dto';
import { AttachTagDto } from './dto/tag.dto';
import { UpdateCustomerDto } from './dto/update-customer.dto';

/** Customers of the active company; scope `own` limits every route to the caller's customers. */
@ApiTags('customers')
@Controller('customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  /** Cursor-paginated; `q` ranks exact, prefix, then substring matches of name, e-mail and phone. */
  @Get()
  @Auth(CustomersPermission.CustomerRead)
  @UseInterceptors(AttributeFilterInterceptor)
  @ApiQuery({
    name: 'attr.<key>',
    required: false,
    type: String,
    description: 'Equality on an attribute, e.g. `attr.segment=retail` (several allowed).',
  })
  @ApiOkResponse({ type: PageResponseOf(CustomerResponseDto) })
  listCustomers(
    @Query() query: ListCustomersQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<CustomerResponseDto>> {
    return this.customers.list(principal, query);
  }

  /** With contact points, addresses, identities and tags, and the ETag. */
  @Get(':id')
  @Auth(CustomersPermission.CustomerRead)
  @ApiOkResponse({ type: CustomerDetailResponseDto })
  @ApiNotFoundResponse({ description: 'No such customer in the active company (or outside your scope).' })
  async getCustomer(
    @Param('id', ParseIdPipe) id: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CustomerDetailResponseDto> {
    return withEtag(reply, await this.customers.get(principal, id));
  }

  /** A customer with nested contact points, addresses and tags, in one transaction. */
  @Post()
  @Auth(CustomersPermission.CustomerWrite)
  @ApiCreatedResponse({ type: CustomerDetailResponseDto })
  async createCustomer(
    @Body() dto: CreateCustomerDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CustomerDetailResponseDto> {
    return withEtag(reply, await this.customers.create(principal, dto));
  }

  /** Changes the given fields (`kind` is immutable). Honours If-Match. */
  @Patch(':id')
  @Auth(CustomersPermission.CustomerWrite)
  @ApiOkResponse({ type: CustomerDetailResponseDto })
  async updateCustomer(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: UpdateCustomerDto,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CustomerDetailResponseDto> {
    return withEtag(reply, await this.customers.update(principal, id, dto, ifMatch));
  }

  /** Soft delete (contact points, identities and links stay). Honours If-Match. */
  @Delete(':id')
  @HttpCode(204)
  @Auth(CustomersPermission.CustomerWrite)
  @ApiNoContentResponse()
  async deleteCustomer(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.customers.remove(principal, id, ifMatch);
  }

  /** Brings a deleted customer back. Honours If-Match. */
  @Post(':id/restore')
  @HttpCode(200)
  @Auth(CustomersPermission.CustomerWrite)
  @ApiOkResponse({ type: CustomerDetailResponseDto })
  async restoreCustomer(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CustomerDetailResponseDto> {
    return withEtag(reply, await this.customers.restore(principal, id, ifMatch));
  }

  /** Blocks the customer, with the reason. Honours If-Match. */
  @Post(':id/block')
  @HttpCode(200)
  @Auth(CustomersPermission.CustomerWrite)
  @ApiOkResponse({ type: CustomerDetailResponseDto })
  @ApiConflictResponse({ description: '`invalid_transition`: already blocked' })
  async blockCustomer(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: BlockCustomerDto,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CustomerDetailResponseDto> {
    return withEtag(reply, await this.customers.block(principal, id, dto.reason, ifMatch));
  }

  /** Lifts the block: new conversations and orders of the customer behave normally again. Honours If-Match. */
  @Post(':id/unblock')
  @HttpCode(200)
  @Auth(CustomersPermission.CustomerWrite)
  @ApiOkResponse({ type: CustomerDetailResponseDto })
  @ApiConflictResponse({ description: '`invalid_transition`: not blocked' })
  async unblockCustomer(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CustomerDetailResponseDto> {
    return withEtag(reply, await this.customers.unblock(principal, id, ifMatch));
  }

  /** Puts a tag of the catalogue on the customer. Honours If-Match. */
  @Post(':id/tags')
  @HttpCode(200)
  @Auth(CustomersPermission.CustomerWrite)
  @ApiOkResponse({ type: CustomerDetailResponseDto })
  async attachCustomerTag(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: AttachTagDto,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CustomerDetailResponseDto> {
    return withEtag(reply, await this.customers.attachTag(principal, id, dto.tagId, ifMatch));
  }

  /** Takes the tag off the customer; the ETag header is the customer's new one. Honours If-Match. */
  @Delete(':id/tags/:tagId')
  @HttpCode(204)
  @Auth(CustomersPermission.CustomerWrite)
  @ApiNoContentResponse()
  async detachCustomerTag(
    @Param('id', ParseIdPipe) id: string,
    @Param('tagId', ParseIdPipe) tagId: string,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    withCustomerEtag(reply, await this.customers.detachTag(principal, id, tagId, ifMatch));
  }
}
