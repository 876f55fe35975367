import { composeMessage } from './compose-message';
import { MailDeliveryError } from './mail-delivery.error';
import { mailFailureOf } from './mail-failure';

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('nothing thrown');
}

describe('mailFailureOf', () => {
  it('names the refused field of an invalid mail, never its value', () => {
    const error = thrownBy(() =>
      composeMessage({
        to: 'klientin@mail.example',
        from: 'Online-Beratung <noreply@localhost>',
        subject: 'Neuigkeiten',
        text: 'x',
      }),
    );

    expect(mailFailureOf(error)).toEqual({ reason: 'sender', detail: null });
  });

  it('tells a refusal from an unreachable server, with codes only', () => {
    const refused = new MailDeliveryError(1, {
      transient: false,
      responseCode: 550,
      code: 'EENVELOPE',
    });
    const unreachable = new MailDeliveryError(3, { transient: true, code: 'ECONNECTION' });

    expect(mailFailureOf(refused)).toEqual({ reason: 'refused', detail: 'SMTP 550, EENVELOPE' });
    expect(mailFailureOf(unreachable)).toEqual({ reason: 'unreachable', detail: 'ECONNECTION' });
  });

  it('keeps only the class name of any other error', () => {
    const error = new TypeError('could not decrypt klientin@mail.example');

    expect(mailFailureOf(error)).toEqual({ reason: 'other', detail: 'TypeError' });
    expect(JSON.stringify(mailFailureOf(error))).not.toContain('@');
  });
});
