import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { StatisticsResponse } from '@confidant/shared/api-interfaces';
import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { EnquiryStatEntity } from './enquiry-stat.entity';

/** The centre's time zone, for the month an enquiry counts in. */
export const CENTRE_TIME_ZONE = 'Europe/Berlin';

const monthFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: CENTRE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
});

export function monthOf(date: Date): string {
  return monthFormat.format(date).slice(0, 7);
}

/** Anonymous counts for the lead (DESIGN.md section 6): from metadata only, linked to nobody. */
@Injectable()
export class StatisticsService {
  constructor(
    @InjectRepository(EnquiryStatEntity) private readonly stats: Repository<EnquiryStatEntity>,
  ) {}

  /** Counts a new enquiry (inside the transaction that creates it); returns the row's id. */
  async recordEnquiry(manager: EntityManager, now: Date, responseDays: number): Promise<string> {
    const id = randomUUID();
    await manager.insert(EnquiryStatEntity, {
      id,
      month: monthOf(now),
      firstAnswerMinutes: null,
      responseDays,
    });
    return id;
  }

  /** Records the first answer once; later answers do not change it. */
  async recordFirstAnswer(statId: string, enquiryCreatedAt: Date, now: Date): Promise<void> {
    const minutes = Math.max(0, Math.round((now.getTime() - enquiryCreatedAt.getTime()) / 60_000));
    await this.stats.update(
      { id: statId, firstAnswerMinutes: IsNull() },
      { firstAnswerMinutes: minutes },
    );
  }

  async summary(): Promise<StatisticsResponse> {
    const rows = await this.stats.find({ order: { month: 'ASC' } });
    const byMonth = new Map<string, EnquiryStatEntity[]>();
    for (const row of rows) {
      byMonth.set(row.month, [...(byMonth.get(row.month) ?? []), row]);
    }
    return {
      months: [...byMonth.entries()].map(([month, enquiries]) => {
        const answered = enquiries
          .filter((row) => row.firstAnswerMinutes !== null)
          .map((row) => ({
            minutes: row.firstAnswerMinutes ?? 0,
            promise: row.responseDays * 1440,
          }));
        const sorted = answered.map((row) => row.minutes).sort((a, b) => a - b);
        return {
          month,
          enquiries: enquiries.length,
          answered: answered.length,
          medianFirstAnswerHours: sorted.length ? round1(median(sorted) / 60) : null,
          answeredWithinPromise: answered.filter((row) => row.minutes <= row.promise).length,
        };
      }),
    };
  }
}

function median(sorted: number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
