const nxPreset = require('@nx/jest/preset').default;

// CI runs every project's suite on two cores, several at once: module tests that register and log
// in with the real protocol (argon2id, PBKDF2) can take longer than Jest's 5 s default there.
const preset = { ...nxPreset, testTimeout: 20_000 };

// TEST_DATABASE_ENGINE=postgres (npm run test:unit:postgres): each project's run starts a throw-away
// PostgreSQL, and every module test gets a fresh database copied from the migrated template.
if (process.env.TEST_DATABASE_ENGINE === 'postgres') {
  const testing = `${__dirname}/libs/api/persistence/src/testing`;
  preset.globalSetup = `${testing}/jest-global-setup.ts`;
  preset.globalTeardown = `${testing}/jest-global-teardown.ts`;
}

module.exports = preset;
