import { classifyFailure, describeFailure } from './delivery-failure';

describe('classifyFailure', () => {
  it.each([
    [{ code: 'EENVELOPE', responseCode: 451 }, true],
    [{ code: 'EMESSAGE', responseCode: 421 }, true],
    [{ code: 'EENVELOPE', responseCode: 550 }, false],
    [{ code: 'EAUTH', responseCode: 535 }, false],
    [{ code: 'ESOCKET' }, true],
    [{ code: 'ECONNECTION' }, true],
    [{ code: 'ETIMEDOUT' }, true],
    [{ code: 'EACCES' }, false],
    [{ code: 'ETLS' }, false],
    [new Error('no code at all'), false],
    ['a string', false],
  ])('treats %p as transient: %p', (error, transient) => {
    expect(classifyFailure(error).transient).toBe(transient);
  });

  it('keeps only codes, never the reply text or rejected addresses', () => {
    const error = Object.assign(new Error('550 <klientin@mail.example>: no such user'), {
      code: 'EENVELOPE',
      responseCode: 550,
      response: '550 <klientin@mail.example>: no such user',
      rejected: ['klientin@mail.example'],
    });

    const failure = classifyFailure(error);

    expect(failure).toEqual({ transient: false, code: 'EENVELOPE', responseCode: 550 });
    expect(describeFailure(failure)).toBe('SMTP 550, EENVELOPE');
  });

  it('drops a code that is not a plain error code', () => {
    expect(classifyFailure({ code: 'klientin@mail.example' }).code).toBeUndefined();
  });
});
