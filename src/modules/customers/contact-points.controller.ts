import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
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
import { ContactPointsService } from './contact-points.service';
import { CustomersPermission } from './customers.permissions';
import {
  ContactPointResponseDto,
  CreateContactPointDto,
  UpdateContactPointDto,
} from './dto/contact-point.dto';
import { ListOf } from './dto/list-of';

/** A customer's contact points; changes bump the customer and honour its If-Match (ETag in answers). */
@ApiTags('customers')
@Controller('customers/:id/contact-points')
export class ContactPointsController {
  constructor(private readonly points: ContactPointsService) {}

  /** The customer's contact points, oldest first. */
  @Get()
  @Auth(CustomersPermission.CustomerRead)
  @ApiOkResponse({ type: ListOf(ContactPointResponseDto) })
  async listContactPoints(
    @Param('id', ParseIdPipe) id: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ data: ContactPointResponseDto[] }> {
    return { data: withCustomerEtag(reply, await this.points.list(principal, id)) };
  }

  /** The first point of a type becomes primary; `isPrimary: true` takes over from the current one. */
  @Post()
  @Auth(CustomersPermission.CustomerWrite)
  @ApiCreatedResponse({ type: ContactPointResponseDto })
  @ApiConflictResponse({ description: '`contact_point_taken`' })
  async addContactPoint(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: CreateContactPointDto,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContactPointResponseDto> {
    return withCustomerEtag(reply, await this.points.add(principal, id, dto, ifMatch));
  }

  /** Changes a contact point (marking it primary unmarks the other of its type). The customer's If-Match. */
  @Patch(':pointId')
  @Auth(CustomersPermission.CustomerWrite)
  @ApiOkResponse({ type: ContactPointResponseDto })
  @ApiConflictResponse({ description: '`contact_point_taken`' })
  async updateContactPoint(
    @Param('id', ParseIdPipe) id: string,
    @Param('pointId', ParseIdPipe) pointId: string,
    @Body() dto: UpdateContactPointDto,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContactPointResponseDto> {
    return withCustomerEtag(reply, await this.points.update(principal, id, pointId, dto, ifMatch));
  }

  /** Deleting the primary promotes the oldest remaining point of its type. */
  @Delete(':pointId')
  @HttpCode(204)
  @Auth(CustomersPermission.CustomerWrite)
  @ApiNoContentResponse()
  async deleteContactPoint(
    @Param('id', ParseIdPipe) id: string,
    @Param('pointId', ParseIdPipe) pointId: string,
    @IfMatch() ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    withCustomerEtag(reply, await this.points.remove(principal, id, pointId, ifMatch));
  }
}
