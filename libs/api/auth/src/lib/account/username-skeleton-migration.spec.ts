import { MIGRATIONS, openDatabase, sqliteOptions } from '@confidant/api/persistence';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { usernameKey } from '../credentials/tokens';
import { usernameSkeleton } from '../credentials/username-skeleton';

const MIGRATION = 'UsernameSkeleton1764234000000';

/** The migration fills the skeletons of existing accounts as `usernameSkeleton` computes them. */
describe('the username skeleton migration', () => {
  let dir: string;
  let databasePath: string;
  let dataSource: DataSource | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'confidant-skeleton-'));
    databasePath = join(dir, 'portal.sqlite');
  });

  afterEach(async () => {
    await dataSource?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A database as it was before the migration, with these accounts (oldest first) and a session each. */
  async function databaseBefore(usernames: string[]): Promise<void> {
    const before = MIGRATIONS.slice(
      0,
      MIGRATIONS.findIndex((migration) => migration.name === MIGRATION),
    );
    const old = await openDatabase(
      new DataSource({ ...sqliteOptions({ databasePath }), migrations: before }),
    );
    for (const [index, username] of usernames.entries()) {
      await old.query(
        'INSERT INTO account (id, username, username_key, role, active, auth_hash, kdf_salt, ' +
          'kdf_iterations, public_key, wrapped_private_key, recovery_wrapped_private_key, ' +
          "recovery_verifier_hash, last_activity_at, created_at) VALUES (?, ?, ?, 'client', 1, " +
          "'h', 's', 1000, 'p', '{}', '{}', 'v', ?, ?)",
        [`id-${index}`, username, usernameKey(username), 1000 + index, 1000 + index],
      );
      await old.query(
        'INSERT INTO session (token_hash, account_id, created_at, last_seen_at) VALUES (?, ?, 0, 0)',
        [`token-${index}`, `id-${index}`],
      );
    }
    await old.destroy();
  }

  it('fills each skeleton, keeps null for a later look-alike, and keeps every session', async () => {
    const usernames = ['anna', 'M\u00fcller', '\u15f0arie', 'Iris', '\u0430nna', 'muller', 'marie'];
    await databaseBefore(usernames);

    dataSource = await openDatabase(new DataSource(sqliteOptions({ databasePath })));

    const rows: { username: string; username_skeleton: string | null }[] = await dataSource.query(
      'SELECT username, username_skeleton FROM account ORDER BY created_at',
    );
    expect(rows).toEqual([
      { username: 'anna', username_skeleton: usernameSkeleton('anna') },
      { username: 'M\u00fcller', username_skeleton: usernameSkeleton('M\u00fcller') },
      { username: '\u15f0arie', username_skeleton: usernameSkeleton('\u15f0arie') },
      { username: 'Iris', username_skeleton: usernameSkeleton('Iris') },
      { username: '\u0430nna', username_skeleton: null },
      { username: 'muller', username_skeleton: usernameSkeleton('muller') },
      { username: 'marie', username_skeleton: null },
    ]);
    const [{ n }] = await dataSource.query('SELECT count(*) AS n FROM session');
    expect(n).toBe(usernames.length);
  });

  it('makes the skeleton unique', async () => {
    await databaseBefore(['anna']);
    dataSource = await openDatabase(new DataSource(sqliteOptions({ databasePath })));

    await expect(
      dataSource.query(
        'INSERT INTO account (id, username, username_key, username_skeleton, role, active, ' +
          'auth_hash, kdf_salt, kdf_iterations, public_key, wrapped_private_key, ' +
          'recovery_wrapped_private_key, recovery_verifier_hash, last_activity_at, created_at) ' +
          "VALUES ('id-x', 'аnna', 'аnna', 'anna', 'client', 1, 'h', 's', 1000, 'p', '{}', '{}', " +
          "'v', 0, 0)",
      ),
    ).rejects.toThrow(/UNIQUE constraint failed: account.username_skeleton/);
  });
});
