import { Body, Controller, Get, HttpCode, Patch, Post, Put, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Auth, CurrentPrincipal, IfMatch, type Principal, withEtag } from '@libs/core';
import { CompaniesPermission as P } from './companies.permissions';
import { CompaniesService } from './companies.service';
import { BillingDetailsResponseDto, PutBillingDetailsDto } from './dto/billing-details.dto';
import {
  CompanyResponseDto,
  CreateCompanyDto,
  MyCompanyResponseDto,
  UpdateCompanyDto,
} from './dto/company.dto';

@ApiTags('companies')
@Controller('companies')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  /** Creates a company; the caller becomes its owner. */
  @Post()
  @Auth()
  @HttpCode(201)
  @ApiCreatedResponse({ type: CompanyResponseDto })
  async createCompany(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateCompanyDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CompanyResponseDto> {
    const company = await this.companies.create(principal, dto);
    return withEtag(reply, company);
  }

  /** The caller's memberships: company, role, status, default. */
  @Get('mine')
  @Auth()
  @ApiOkResponse({ type: [MyCompanyResponseDto] })
  async listMyCompanies(@CurrentPrincipal() principal: Principal): Promise<{ data: MyCompanyResponseDto[] }> {
    return { data: principal.userId ? await this.companies.mine(principal.userId) : [] };
  }

  /** The active company. */
  @Get('current')
  @Auth(P.CompanyRead)
  @ApiOkResponse({ type: CompanyResponseDto })
  async getCurrentCompany(@Res({ passthrough: true }) reply: FastifyReply): Promise<CompanyResponseDto> {
    const company = await this.companies.current();
    return withEtag(reply, CompanyResponseDto.from(company));
  }

  /** Changes the active company (If-Match honoured). */
  @Patch('current')
  @Auth(P.CompanyUpdate)
  @ApiOkResponse({ type: CompanyResponseDto })
  async updateCurrentCompany(
    @Body() dto: UpdateCompanyDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CompanyResponseDto> {
    const company = await this.companies.updateCurrent(dto, ifMatch);
    return withEtag(reply, CompanyResponseDto.from(company));
  }

  /** The billing details of the active company. */
  @Get('current/billing-details')
  @Auth(P.CompanyRead)
  @ApiOkResponse({ type: BillingDetailsResponseDto })
  async getBillingDetails(
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BillingDetailsResponseDto> {
    const details = await this.companies.billingDetails();
    return withEtag(reply, BillingDetailsResponseDto.from(details));
  }

  /** Replaces the billing details of the active company (phone E.164, tax id checked per country). */
  @Put('current/billing-details')
  @Auth(P.CompanyUpdate)
  @ApiOkResponse({ type: BillingDetailsResponseDto })
  async putBillingDetails(
    @Body() dto: PutBillingDetailsDto,
    @IfMatch() ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BillingDetailsResponseDto> {
    const details = await this.companies.putBillingDetails(dto, ifMatch);
    return withEtag(reply, BillingDetailsResponseDto.from(details));
  }
}
