const nxPreset = require('@nx/jest/preset').default;

// CI runs every project's suite on two cores, several at once: module tests that register and log
// in with the real protocol (argon2id, PBKDF2) can take longer than Jest's 5 s default there.
module.exports = { ...nxPreset, testTimeout: 20_000 };
