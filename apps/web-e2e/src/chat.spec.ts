import { findInOutbox, registerClient } from './support/client-account';
import {
  addEmail,
  expect,
  expectNoViolations,
  openSection,
  staffBrowser,
  takeOver,
  test,
  thread,
  writeEnquiry,
} from './support/counselling';

/** Date and time as the centre's clock (Europe/Berlin) shows them, for the proposal form. */
function centreClock(instant: Date): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Berlin',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}

/**
 * A chat appointment through the real UI, with the client and her counsellor in two browsers:
 * the counsellor proposes a date, the client accepts, the counsellor opens the room, the client
 * is told and enters, they chat both ways (typing, delivery), the counsellor ends the chat, and
 * the transcript is in the conversation's thread.
 */
test.describe('chat appointments and the live chat room', () => {
  test('propose, accept, open, enter, chat both ways, end; the transcript stays in the thread', async ({
    page,
    browser,
    staffPortal,
    team,
  }) => {
    test.setTimeout(120_000);
    const [berg] = team.counsellors;
    const client = await registerClient(page);
    const email = `stern-${Math.random().toString(36).slice(2, 10)}@example.org`;
    await addEmail(page, client.password, email);
    await writeEnquiry(page, 'Können wir chatten?', 'Psychische Belastung');

    const staff = await staffBrowser(browser, staffPortal.url, berg);
    await takeOver(staff.page, 'Psychische Belastung');
    const appointments = staff.page.getByRole('region', { name: 'Chat-Termine' });
    await expect(appointments).toContainText('deutsche Zeit');

    // A date five minutes from now: the room may be opened from ten minutes before the start.
    const since = Date.now() - 1000;
    const start = centreClock(new Date(Date.now() + 5 * 60_000));
    await appointments.getByLabel('Datum').fill(start.date);
    await appointments.getByLabel('Uhrzeit').fill(start.time);
    await appointments.getByLabel('Dauer').selectOption('30');
    await appointments.getByRole('button', { name: 'Vorschlagen' }).click();
    await expect(appointments.getByRole('status')).toContainText('Der Vorschlag ist gesendet');
    await expect(appointments.getByTestId('appointment-state')).toHaveText('Vorgeschlagen');
    await expectNoViolations(staff.page);

    // The client is told there is news, without the date or any name.
    const mail = await findInOutbox(
      since,
      new RegExp(`^[\\s\\S]*${email.replace(/[.]/g, '\\.')}[\\s\\S]*$`),
      staffPortal.dataDir,
    );
    expect(mail).toContain(staffPortal.url);
    for (const secret of [start.time, 'Berg', client.username, 'Psychische Belastung', 'Chat']) {
      expect(mail).not.toContain(secret);
    }

    // She sees the proposal in her conversation and accepts it.
    await openSection(page, 'Nachrichten');
    await page.getByRole('link', { name: /Psychische Belastung/ }).click();
    const hers = page.getByRole('region', { name: 'Chat-Termine' });
    await expect(hers.getByTestId('appointment')).toContainText(`${start.time}`);
    await expect(hers.getByTestId('appointment')).toContainText('(deutsche Zeit)');
    await hers.getByRole('button', { name: 'Termin annehmen' }).click();
    await expect(hers.getByTestId('appointment-state')).toHaveText('Vereinbart');
    await expect(hers.getByText('Einen Kalendereintrag können andere sehen')).toBeVisible();
    await expect(hers.getByRole('link', { name: 'In den Kalender übernehmen' })).toBeVisible();
    await expectNoViolations(page);

    // Her counsellor learns it at once and opens the room.
    await appointments.getByRole('button', { name: 'Chatraum öffnen' }).click();
    await expect(staff.page.getByTestId('presence')).toHaveText(
      /Die Klientin ist noch nicht im Chatraum/,
    );

    // She is told her counsellor is waiting, and enters.
    await expect(hers.getByTestId('counsellor-waiting')).toHaveText(
      'Ihre Beraterin wartet im Chatraum.',
    );
    await hers.getByRole('link', { name: 'Chatraum betreten' }).click();
    await expect(page.getByTestId('presence')).toHaveText(/Ihre Beraterin ist im Chatraum/);
    await expect(staff.page.getByTestId('presence')).toHaveText(/Die Klientin ist im Chatraum/);
    await expectNoViolations(page);

    // Both ways, with typing and delivery.
    await page.getByLabel('Ihre Nachricht').fill('Hallo, ich bin da');
    await expect(staff.page.getByText('Die Klientin schreibt …')).toBeVisible();
    await page.getByLabel('Ihre Nachricht').press('Enter');
    await expect(
      staff.page.getByTestId('chat-message').filter({ hasText: 'Hallo, ich bin da' }),
    ).toBeVisible();
    await expect(
      page
        .getByTestId('chat-message')
        .filter({ hasText: 'Hallo, ich bin da' })
        .getByTestId('send-state'),
    ).toHaveText('Zugestellt');
    await staff.page.getByLabel('Ihre Nachricht').fill('Schön, dass Sie da sind.');
    await staff.page.getByRole('button', { name: 'Senden', exact: true }).click();
    await expect(
      page.getByTestId('chat-message').filter({ hasText: 'Schön, dass Sie da sind.' }),
    ).toContainText('Frau Berg');

    // The counsellor ends the chat for both.
    await staff.page.getByRole('button', { name: 'Chat beenden' }).click();
    await staff.page.getByRole('button', { name: 'Jetzt beenden' }).click();
    await expect(staff.page.getByTestId('chat-ended')).toBeVisible();
    await expect(page.getByTestId('chat-ended')).toContainText('Der Chat ist beendet');
    await expect(page.getByLabel('Ihre Nachricht')).toHaveCount(0);

    // The transcript is part of the thread.
    await page.getByRole('link', { name: 'Zurück zur Beratung' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Psychische Belastung' }),
    ).toBeVisible();
    const chatLines = thread(page).getByTestId('message').filter({ hasText: 'im Chat' });
    await expect(chatLines).toHaveCount(2);
    await expect(thread(page)).toContainText('Hallo, ich bin da');
    await expect(thread(page)).toContainText('Schön, dass Sie da sind.');

    expect(staff.foreignRequests).toEqual([]);
    expect(staff.errors).toEqual([]);
    await staff.context.close();
  });

  test('she accepts a proposed date on her appointments page, and her counsellor sees it agreed', async ({
    page,
    browser,
    staffPortal,
    team,
  }) => {
    test.setTimeout(120_000);
    const [berg] = team.counsellors;
    await registerClient(page);
    await writeEnquiry(page, 'Geht auch ein Chat?', 'Sonstiges');

    const staff = await staffBrowser(browser, staffPortal.url, berg);
    await takeOver(staff.page, 'Sonstiges');
    const appointments = staff.page.getByRole('region', { name: 'Chat-Termine' });
    const start = centreClock(new Date(Date.now() + 2 * 86_400_000));
    await appointments.getByLabel('Datum').fill(start.date);
    await appointments.getByLabel('Uhrzeit').fill(start.time);
    await appointments.getByRole('button', { name: 'Vorschlagen' }).click();
    await expect(appointments.getByTestId('appointment-state')).toHaveText('Vorgeschlagen');

    await openSection(page, 'Termine');
    const proposal = page.getByTestId('appointment');
    await expect(proposal).toContainText(start.time);
    await expect(proposal).toContainText('Vorgeschlagen');
    await expectNoViolations(page);
    await proposal.getByRole('button', { name: 'Termin annehmen' }).click();

    await expect(page.getByRole('main').getByRole('status')).toHaveText(
      'Sie haben den Termin angenommen.',
    );
    await expect(proposal).toContainText('Vereinbart');
    await expect(proposal.getByRole('button', { name: 'Termin annehmen' })).toHaveCount(0);
    await expect(appointments.getByTestId('appointment-state')).toHaveText('Vereinbart');

    expect(staff.foreignRequests).toEqual([]);
    expect(staff.errors).toEqual([]);
    await staff.context.close();
  });
});
