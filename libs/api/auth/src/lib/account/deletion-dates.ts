import { Injectable } from '@nestjs/common';
import { AccountEntity } from './account.entity';

/** Computes when an account will be erased; null when it never is by itself (staff). */
export type DeletionDateRule = (account: AccountEntity) => Promise<Date | null>;

/**
 * Where the retention module tells the account answers how to compute the deletion date, without
 * the auth module depending on retention (which depends on it).
 */
@Injectable()
export class DeletionDates {
  private rule: DeletionDateRule | null = null;

  use(rule: DeletionDateRule): void {
    this.rule = rule;
  }

  async of(account: AccountEntity): Promise<Date | null> {
    return this.rule ? this.rule(account) : null;
  }
}
