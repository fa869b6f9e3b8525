import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPreconditionFailedResponse,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Auth, IfMatch, type Page, PageResponseOf, ParseIdPipe, withEtag } from '@libs/core';
import { OrdersPermission } from '../orders.permissions';
import { ContractsService } from './contracts.service';
import { RenewContractDto, TerminateContractDto } from './dto/contract.dto';
import { ContractResponseDto } from './dto/contract.response.dto';
import { ListContractsQueryDto } from './dto/list-contracts.query.dto';

const IF_MATCH_REQUIRED = {
  status: 428,
  description: '`precondition_required`: send If-Match with the ETag',
};
const STALE = { description: '`precondition_failed`: the contract changed since its ETag was read' };

/** Subscription contracts of the active company (SPEC §7); every change needs If-Match. */
@ApiTags('contracts')
@Controller('contracts')
export class ContractsController {
  constructor(private readonly contracts: ContractsService) {}

  /** Contracts, filtered by status, customer, product and end date; cursor. */
  @Get()
  @Auth(OrdersPermission.ContractRead)
  @ApiOkResponse({ type: PageResponseOf(ContractResponseDto) })
  listContracts(@Query() query: ListContractsQueryDto): Promise<Page<ContractResponseDto>> {
    return this.contracts.list(query);
  }

  /** One contract of the active company, with its ETag. */
  @Get(':id')
  @Auth(OrdersPermission.ContractRead)
  @ApiOkResponse({ type: ContractResponseDto })
  @ApiNotFoundResponse({ description: 'No such contract in the active company.' })
  async getContract(
    @Param('id', ParseIdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContractResponseDto> {
    return withEtag(reply, await this.contracts.get(id));
  }

  /** pending → active, before its start date if need be. */
  @Post(':id/activate')
  @HttpCode(200)
  @Auth(OrdersPermission.ContractManage)
  @ApiOkResponse({ type: ContractResponseDto })
  @ApiConflictResponse({ description: '`invalid_transition`' })
  @ApiPreconditionFailedResponse(STALE)
  @ApiResponse(IF_MATCH_REQUIRED)
  async activateContract(
    @Param('id', ParseIdPipe) id: string,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContractResponseDto> {
    return withEtag(reply, await this.contracts.activate(id, ifMatch));
  }

  /** pending or active → terminated, with a reason. */
  @Post(':id/terminate')
  @HttpCode(200)
  @Auth(OrdersPermission.ContractManage)
  @ApiOkResponse({ type: ContractResponseDto })
  @ApiConflictResponse({ description: '`invalid_transition`' })
  @ApiPreconditionFailedResponse(STALE)
  @ApiResponse(IF_MATCH_REQUIRED)
  async terminateContract(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: TerminateContractDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContractResponseDto> {
    return withEtag(reply, await this.contracts.terminate(id, dto.reason, ifMatch));
  }

  /** A new pending contract continuing an active or expired one; answers the new contract. */
  @Post(':id/renew')
  @Auth(OrdersPermission.ContractManage)
  @ApiCreatedResponse({ type: ContractResponseDto })
  @ApiConflictResponse({ description: '`invalid_transition`, `already_renewed`' })
  @ApiPreconditionFailedResponse(STALE)
  @ApiResponse(IF_MATCH_REQUIRED)
  async renewContract(
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: RenewContractDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContractResponseDto> {
    return withEtag(reply, await this.contracts.renew(id, dto, ifMatch));
  }
}
