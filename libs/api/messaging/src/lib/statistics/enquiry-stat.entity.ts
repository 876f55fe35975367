import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per enquiry for the lead's statistics: its month, the minutes to the first answer and
 * the promise that applied. No timestamp and nothing that refers to an account, so the row tells
 * nothing about who wrote and survives the erasure of the conversation.
 */
@Entity('enquiry_stat')
export class EnquiryStatEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** `YYYY-MM` in the centre's time zone. */
  @Column({ type: 'varchar', length: 7 })
  month!: string;

  @Column({ name: 'first_answer_minutes', type: 'integer', nullable: true })
  firstAnswerMinutes!: number | null;

  @Column({ name: 'response_days', type: 'integer' })
  responseDays!: number;
}
