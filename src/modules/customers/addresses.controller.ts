import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Auth, CurrentPrincipal, IfMatch, ParseIdPipe, type Principal } from '@libs/core';
import { withCustomerEtag } from './child-response';
import { AddressesService } from './addresses.service';
import { CustomersPermission } from './customers.permissions';
import { AddressResponseDto, CreateAddressDto, UpdateAddressDto } from './dto/address.dto';
import { ListOf } from './dto/list-of';

/** A customer's postal addresses; changes bump the customer and honour its If-Match (ETag in answers). */
@ApiTags('customers')
@Controller('customers/:id/addresses')
export class AddressesController {
  constructor(private readonly addresses: AddressesService) {}

  /** The customer's addresses, oldest first. */
  @Get()
  @Auth(CustomersPermission.CustomerRead)
  @ApiOkResponse({ type: ListOf(AddressResponseDto) })
  async listAddresses(
    @Param('id', ParseIdPipe) id: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ data: AddressResponseDto[] }> {
    return { data: withCustomerEtag(reply, await this.addresses.list(principal, id)) };
  }

  /** `isDefault: true` takes over from the current default address of the type. */
  @Post()
  @Auth(CustomersPermission.CustomerWrite)
  @ApiCreatedResponse({ type: AddressResponseDto })
  async addAddress(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: CreateAddressDto,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AddressResponseDto> {
    return withCustomerEtag(reply, await this.addresses.add(principal, id, dto, ifMatch));
  }

  /** Changes an address (one default per type). The customer's If-Match. */
  @Patch(':addressId')
  @Auth(CustomersPermission.CustomerWrite)
  @ApiOkResponse({ type: AddressResponseDto })
  async updateAddress(
    @Param('id', ParseIdPipe) id: string,
    @Param('addressId', ParseIdPipe) addressId: string,
    @Body() dto: UpdateAddressDto,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AddressResponseDto> {
    return withCustomerEtag(reply, await this.addresses.update(principal, id, addressId, dto, ifMatch));
  }

  /** Removes an address. The customer's If-Match. */
  @Delete(':addressId')
  @HttpCode(204)
  @Auth(CustomersPermission.CustomerWrite)
  @ApiNoContentResponse()
  async deleteAddress(
    @Param('id', ParseIdPipe) id: string,
    @Param('addressId', ParseIdPipe) addressId: string,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    withCustomerEtag(reply, await this.addresses.remove(principal, id, addressId, ifMatch));
  }
}
