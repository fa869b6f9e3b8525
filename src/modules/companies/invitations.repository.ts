import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { type KeysetPageRequest, keysetPaginate, type Page } from '@libs/core';
import { Invitation, type InvitationStatus } from './entities/invitation.entity';
import { requireCompanyId } from '@libs/persistence';

/** Invitations. Everything is scoped to the request's company except the lookup by token hash. */
@Injectable()
export class InvitationsRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  private get repo() {
    return this.txHost.tx.getRepository(Invitation);
  }

  async listPage(request: KeysetPageRequest & { status?: InvitationStatus[] }): Promise<Page<Invitation>> {
    const companyId = requireCompanyId();
    await this.expireOverdue(companyId);
    const query = this.repo.createQueryBuilder('i').where('i.company_id = :companyId', { companyId });
    if (request.status?.length) query.andWhere('i.status IN (:...status)', { status: request.status });
    return keysetPaginate(query, request, {
      sortable: { createdAt: 'i.created_at', expiresAt: 'i.expires_at' },
      defaultSort: '-createdAt',
      tieBreaker: { key: 'id', column: 'i.id' },
    });
  }

  async findInCompany(id: string): Promise<Invitation | null> {
    return this.repo.findOne({ where: { id, companyId: requireCompanyId() } });
  }

  async findPendingByEmail(email: string): Promise<Invitation | null> {
    return this.repo.findOne({ where: { companyId: requireCompanyId(), email, status: 'pending' } });
  }

  /** By token (the token itself is the capability): locked for the accepting transaction. */
  async findByTokenHash(tokenHash: string, lock = false): Promise<Invitation | null> {
    const query = this.repo.createQueryBuilder('i').where('i.token_hash = :tokenHash', { tokenHash });
    if (lock) query.setLock('pessimistic_write');
    return query.getOne();
  }

  async insert(invitation: Partial<Invitation>): Promise<Invitation> {
    const entity = this.repo.create({ ...invitation, companyId: requireCompanyId() });
    await this.repo.insert(entity);
    return entity;
  }

  /** Saves an invitation of the current company, or (for accept, which has no company yet) the one given. */
  async save(invitation: Invitation, companyId = requireCompanyId()): Promise<Invitation> {
    if (invitation.companyId !== companyId) throw new Error('Refusing to write another company');
    return this.repo.save(invitation);
  }

  /** pending -> expired for the company's invitations past their expiry ("on read"). */
  async expireOverdue(companyId: string): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE companies.invitations SET status = 'expired', version = version + 1, updated_at = now()
        WHERE company_id = $1 AND status = 'pending' AND expires_at <= now() AND deleted_at IS NULL`,
      [companyId],
    );
  }
}
