import { defineConfig } from 'vitest/config'

// One suite, run once per database driver: each project only supplies its connection
// (scripts/run-tests.mjs decides which backends answer and passes them in).
const postgresUrl = process.env.TEST_DATABASE_URL
const redisUrl = process.env.TEST_REDIS_URL

const shared = {
  include: ['src/**/*.test.ts'],
  globalSetup: ['src/server/testing/global-setup.ts'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
}

export default defineConfig({
  test: {
    projects: [
      { extends: true as const, test: { ...shared, name: 'pglite', provide: { driver: 'pglite' as const } } },
      ...(postgresUrl
        ? [{ extends: true as const, test: { ...shared, name: 'postgres', provide: { driver: 'postgres' as const, postgresUrl, redisUrl: redisUrl ?? '' } } }]
        : []),
    ],
  },
})
