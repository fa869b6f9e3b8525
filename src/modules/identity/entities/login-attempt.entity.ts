import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Failed-login counter per `email:<e>` or `ip:<ip>`, with its window and lock. */
@Entity({ schema: 'identity', name: 'login_attempts' })
export class LoginAttempt {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'int', default: 0 })
  failures: number;

  @Column({ type: 'timestamptz', precision: 3 })
  windowStart: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lockedUntil: Date | null;
}
