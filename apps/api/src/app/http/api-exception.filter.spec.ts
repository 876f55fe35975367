import { BadRequestException, ConflictException } from '@nestjs/common';
import { toErrorResponse } from './api-exception.filter';

describe('toErrorResponse', () => {
  it('keeps the status and message of an HTTP exception', () => {
    expect(toErrorResponse(new ConflictException('Already taken'))).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'Already taken',
    });
  });

  it('keeps every validation message', () => {
    const exception = new BadRequestException([
      'username is too short',
      'authKey must be base64url',
    ]);

    expect(toErrorResponse(exception).message).toEqual([
      'username is too short',
      'authKey must be base64url',
    ]);
  });

  it('hides what an unexpected error says and where it happened', () => {
    const body = toErrorResponse(new Error('SQLITE_CORRUPT at /srv/data/confidant.sqlite'));

    expect(body.statusCode).toBe(500);
    expect(JSON.stringify(body)).not.toContain('SQLITE');
    expect(JSON.stringify(body)).not.toContain('/srv');
  });
});
