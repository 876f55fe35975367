import baseConfig from '../../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // The library runs unchanged in browsers and Node: WebCrypto only, no Node APIs, no
    // third-party crypto, no console output that could end up holding secrets.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*'],
              message: 'Use WebCrypto (globalThis.crypto.subtle) and web APIs only.',
            },
          ],
          paths: ['crypto', 'buffer', 'crypto-js', 'node-forge', 'tweetnacl', 'elliptic'].map(
            (name) => ({ name, message: 'Use WebCrypto (globalThis.crypto.subtle) only.' }),
          ),
        },
      ],
      'no-restricted-globals': [
        'error',
        'console',
        'Buffer',
        'process',
        'require',
        'localStorage',
        'sessionStorage',
        'indexedDB',
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use crypto.getRandomValues.' },
      ],
    },
  },
];
