import { Centre1764201600000 } from './1764201600000-centre';
import { Accounts1764205200000 } from './1764205200000-accounts';
import { Invitations1764208800000 } from './1764208800000-invitations';
import { Messaging1764212400000 } from './1764212400000-messaging';
import { Retention1764216000000 } from './1764216000000-retention';
import { Appointments1764219600000 } from './1764219600000-appointments';
import { ConversationAnswered1764223200000 } from './1764223200000-conversation-answered';
import { NoticeFailure1764226800000 } from './1764226800000-notice-failure';
import { ServerSecretCheck1764230400000 } from './1764230400000-server-secret-check';
import { UsernameSkeleton1764234000000 } from './1764234000000-username-skeleton';
import { RecoveryConfirmed1764237600000 } from './1764237600000-recovery-confirmed';

/** Every migration in the order it runs. A schema change adds a file here; committed files never change. */
export const MIGRATIONS = [
  Centre1764201600000,
  Accounts1764205200000,
  Invitations1764208800000,
  Messaging1764212400000,
  Retention1764216000000,
  Appointments1764219600000,
  ConversationAnswered1764223200000,
  NoticeFailure1764226800000,
  ServerSecretCheck1764230400000,
  UsernameSkeleton1764234000000,
  RecoveryConfirmed1764237600000,
];
