/** Unit tests sit beside the code; e2e tests under test/e2e boot the real app against real PostgreSQL and Redis. */
const moduleNameMapper = {
  '^@steppingstone/([a-z-]+)$': '<rootDir>/libs/$1/src',
  '^@steppingstone/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] };

module.exports = {
  // Per-project testTimeout is not honoured when jest runs several projects; set it for all.
  testTimeout: 60_000,
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts'],
      moduleNameMapper,
      transform,
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      moduleNameMapper,
      transform,
      testTimeout: 60_000,
      slowTestThreshold: 20,
    },
  ],
};
