import { INestApplication } from '@nestjs/common';
import { Roles } from '@confidant/shared/api-interfaces';
import { AccountService } from '../lib/account/account.service';
import { makeIdentity } from './test-identity';

/**
 * A lead account, so that clients may register: the centre counts as set up once it has a lead.
 * Tests that do not care how the centre was set up use this instead of the setup link.
 */
export async function openRegistration(
  app: INestApplication,
  username = 'test-lead',
): Promise<void> {
  const identity = await makeIdentity();
  await app.get(AccountService).create({ username, role: Roles.lead, ...identity.body });
}
