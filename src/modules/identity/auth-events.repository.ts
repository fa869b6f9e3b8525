import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { v7 as uuidv7 } from 'uuid';
import { currentContext } from '@libs/core';
import { AuthEvent, type AuthEventType } from './entities/auth-event.entity';

export interface AuthEventSubject {
  userId?: string | null;
  email?: string | null;
  sessionId?: string | null;
}

/**
 * Writes the security log. The request's ip, user agent and id come from the request context; callers
 * pass only who the event is about, never a password, token or hash (there is no field for them).
 */
@Injectable()
export class AuthEventsRepository {
  constructor(
    @Inject(TransactionHost) private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  async record(type: AuthEventType, subject: AuthEventSubject = {}): Promise<void> {
    const context = currentContext();
    await this.txHost.tx.getRepository(AuthEvent).insert({
      id: uuidv7(),
      type,
      userId: subject.userId ?? null,
      email: subject.email?.trim().toLowerCase() ?? null,
      sessionId: subject.sessionId ?? null,
      ip: context.ip ?? null,
      userAgent: context.userAgent ?? null,
      requestId: context.requestId ?? null,
    });
  }
}
