import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

// The server suite runs once per database driver: each project only supplies its connection
// (scripts/run-tests.mjs decides which backends answer and passes them in). The web app's component
// tests run in happy-dom; the browser flows (e2e/) run when a Chromium is available.
const postgresUrl = process.env.TEST_DATABASE_URL
const redisUrl = process.env.TEST_REDIS_URL
const chromiumPath = process.env.TEST_CHROMIUM_PATH

const server = {
  include: ['src/**/*.test.ts'],
  exclude: ['src/web/**'],
  globalSetup: ['src/server/testing/global-setup.ts'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
}

export default defineConfig({
  test: {
    projects: [
      { extends: true as const, test: { ...server, name: 'pglite', provide: { driver: 'pglite' as const } } },
      ...(postgresUrl
        ? [{ extends: true as const, test: { ...server, name: 'postgres', provide: { driver: 'postgres' as const, postgresUrl, redisUrl: redisUrl ?? '' } } }]
        : []),
      { plugins: [vue()], test: { name: 'web', include: ['src/web/**/*.test.ts'], environment: 'happy-dom' } },
      ...(chromiumPath
        ? [
            {
              test: {
                name: 'e2e',
                include: ['e2e/**/*.test.ts'],
                globalSetup: ['e2e/global-setup.ts'],
                provide: { chromiumPath },
                testTimeout: 60_000,
                hookTimeout: 180_000,
                fileParallelism: false,
              },
            },
          ]
        : []),
    ],
  },
})
