import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { JobLeaseEntity } from './job-lease.entity';

/**
 * A lease row per job: when several API instances share one database, only the instance that
 * holds the unexpired lease runs the job. An in-process flag could not see the other instances.
 */
@Injectable()
export class JobLease {
  /** This process's name as a lease holder. */
  readonly holder = randomUUID();

  constructor(
    @InjectRepository(JobLeaseEntity) private readonly leases: Repository<JobLeaseEntity>,
  ) {}

  /** True if this process now holds the lease; false if another one holds it. */
  async acquire(
    name: string,
    ttlMs: number,
    now = new Date(),
    holder = this.holder,
  ): Promise<boolean> {
    const expiresAt = new Date(now.getTime() + ttlMs);
    try {
      await this.leases.insert({ name, holder, expiresAt });
      return true;
    } catch {
      const taken = await this.leases
        .createQueryBuilder()
        .update()
        .set({ holder, expiresAt })
        .where('name = :name AND expires_at < :now', { name, now: now.getTime() })
        .execute();
      return (taken.affected ?? 0) > 0;
    }
  }

  async release(name: string, holder = this.holder): Promise<void> {
    await this.leases.delete({ name, holder });
  }
}
