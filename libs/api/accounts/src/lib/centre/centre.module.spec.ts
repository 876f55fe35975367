import { INestApplication } from '@nestjs/common';
import { getRepositoryToken } from '@nestjs/typeorm';
import { Test } from '@nestjs/testing';
import { testDatabaseModule } from '@confidant/api/persistence/testing';
import request from 'supertest';
import { Repository } from 'typeorm';
import { CentreSeed } from './centre-seed';
import { CentreEntity } from './centre.entity';
import { CentreModule } from './centre.module';
import { CENTRE_ID, CentreService } from './centre.service';

const seed: CentreSeed = {
  name: 'Frauenberatung Teststadt',
  phone: '0123 456789',
  responseDays: 3,
  retentionMonths: 6,
  exitUrl: 'https://exit.example/',
  notificationSender: 'Beratung <noreply@example.org>',
  notificationSubject: 'Neuigkeiten',
  topics: ['Gewalt', 'Trennung'],
};

describe('CentreModule', () => {
  let app: INestApplication;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [testDatabaseModule(), CentreModule.forRoot({ useFactory: () => seed })],
    }).compile();
    app = moduleRef.createNestApplication();
    await app.init();
  });

  afterEach(() => app.close());

  it('seeds the centre on the first start and serves its public settings', async () => {
    const response = await request(app.getHttpServer()).get('/centre').expect(200);

    expect(response.body).toEqual({
      name: seed.name,
      phone: seed.phone,
      responseDays: 3,
      retentionMonths: 6,
      exitUrl: seed.exitUrl,
      topics: seed.topics,
      teamPublicKey: null,
    });
  });

  it('never overwrites settings a lead changed, however often it starts', async () => {
    const centres = app.get<Repository<CentreEntity>>(getRepositoryToken(CentreEntity));
    await centres.update({ id: CENTRE_ID }, { name: 'Umbenannt', responseDays: 2 });

    await app.get(CentreService).ensureSeeded();
    await app.get(CentreService).ensureSeeded();

    expect(await centres.count()).toBe(1);
    const centre = await app.get(CentreService).getCentre();
    expect(centre.name).toBe('Umbenannt');
    expect(centre.responseDays).toBe(2);
  });

  it('replaces a stored sender that the mailer would refuse with the configured one at start', async () => {
    const centres = app.get<Repository<CentreEntity>>(getRepositoryToken(CentreEntity));
    await centres.update(
      { id: CENTRE_ID },
      { notificationSender: 'Online-Beratung <noreply@localhost>', notificationSubject: 'Eigen' },
    );

    await app.get(CentreService).ensureSeeded();

    expect(await app.get(CentreService).mailIdentity()).toEqual({
      from: seed.notificationSender,
      subject: 'Eigen',
    });
  });

  it('keeps why the last notice failed until one is sent', async () => {
    const centre = app.get(CentreService);
    const at = new Date('2026-03-01T10:00:00Z');

    await centre.recordNoticeFailure({ reason: 'refused', detail: 'SMTP 550' }, at);
    expect((await centre.mailSettings()).lastNoticeFailure).toEqual({
      at: at.toISOString(),
      reason: 'refused',
      detail: 'SMTP 550',
    });

    await centre.recordNoticeSent();
    expect((await centre.mailSettings()).lastNoticeFailure).toBeNull();
  });

  it('does not expose notification settings to the public', async () => {
    const response = await request(app.getHttpServer()).get('/centre').expect(200);

    expect(response.body).not.toHaveProperty('notificationSender');
    expect(response.body).not.toHaveProperty('notificationSubject');
  });
});
