import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Auth, CurrentPrincipal, IfMatch, ParseIdPipe, type Principal } from '@libs/core';
import { withCustomerEtag } from './child-response';
import { CustomersPermission } from './customers.permissions';
import { CreateIdentityDto, IdentityResponseDto } from './dto/identity.dto';
import { ListOf } from './dto/list-of';
import { IdentitiesService } from './identities.service';

/** A customer's channel identities; changes bump the customer and honour its If-Match. */
@ApiTags('customers')
@Controller('customers/:id/identities')
export class IdentitiesController {
  constructor(private readonly identities: IdentitiesService) {}

  /** The customer's channel identities (WhatsApp number, e-mail, web-chat id ...). */
  @Get()
  @Auth(CustomersPermission.CustomerRead)
  @ApiOkResponse({ type: ListOf(IdentityResponseDto) })
  async listIdentities(
    @Param('id', ParseIdPipe) id: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ data: IdentityResponseDto[] }> {
    return { data: withCustomerEtag(reply, await this.identities.list(principal, id)) };
  }

  /** 409 `identity_taken` (with `existingCustomerId`) when a customer of the company already has it. */
  @Post()
  @Auth(CustomersPermission.CustomerWrite)
  @ApiCreatedResponse({ type: IdentityResponseDto })
  @ApiConflictResponse({ description: '`identity_taken`' })
  async addIdentity(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: CreateIdentityDto,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IdentityResponseDto> {
    return withCustomerEtag(reply, await this.identities.add(principal, id, dto, ifMatch));
  }

  /** Detaches (deletes) the identity: it may then be attached to another customer. */
  @Delete(':identityId')
  @HttpCode(204)
  @Auth(CustomersPermission.CustomerWrite)
  @ApiNoContentResponse()
  async deleteIdentity(
    @Param('id', ParseIdPipe) id: string,
    @Param('identityId', ParseIdPipe) identityId: string,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    withCustomerEtag(reply, await this.identities.remove(principal, id, identityId, ifMatch));
  }
}
