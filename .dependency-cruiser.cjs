// The structure DESIGN.md draws, checked by `pnpm lint` (dependency-cruiser): no import cycle,
// type-only imports included, and imports that point down the layers only.

/** Tests, fixtures and their helpers: they may reach across the layers; production code may not. */
const testCode =
  '(\\.test\\.tsx?$|(playwright|vitest)\\.config\\.ts$|\\.spec\\.ts$|/testing/|/testing\\.ts$|test-helpers\\.ts$|test-postgres\\.ts$|test-setup\\.ts$|^apps/[^/]+/(test|e2e|bench)/|^test/)';

/** A production file of one workspace package. */
const production = (folder) => ({ path: `^${folder}/`, pathNot: testCode });

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle, type-only imports included: break it with a leaf file.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'validators-are-a-leaf',
      comment: 'packages/validators runs in the browser and on the server: zod and itself only.',
      severity: 'error',
      from: production('packages/validators'),
      to: { pathNot: ['^packages/validators/', 'node_modules/zod/'] },
    },
    {
      name: 'db-is-below-the-domain',
      comment: 'packages/db knows no other workspace package.',
      severity: 'error',
      from: production('packages/db'),
      to: { path: '^(apps|packages)/', pathNot: '^packages/db/' },
    },
    {
      name: 'domain-knows-no-transport',
      comment: 'packages/auth knows nothing of tRPC, HTTP, the API or the apps.',
      severity: 'error',
      from: production('packages/auth'),
      to: { path: ['^apps/', '^packages/(api|client)/', 'node_modules/(@trpc|fastify|@fastify)/'] },
    },
    {
      name: 'api-is-below-the-apps',
      comment: 'packages/api serves any adapter: no app, no HTTP framework.',
      severity: 'error',
      from: production('packages/api'),
      to: { path: ['^apps/', '^packages/client/', 'node_modules/(fastify|@fastify)/'] },
    },
    {
      name: 'api-reads-no-database',
      comment: 'packages/api reaches the database through the domain only (types aside).',
      severity: 'error',
      from: production('packages/api'),
      to: { path: '^packages/db/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'browser-and-client-take-types-from-the-api',
      comment: 'apps/web and packages/client import the router for its types only (import type).',
      severity: 'error',
      from: { path: '^(apps/web|packages/client)/', pathNot: testCode },
      to: { path: '^packages/api/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'browser-and-client-stay-off-the-server',
      comment: 'apps/web and packages/client never load the domain, the database or the server.',
      severity: 'error',
      from: { path: '^(apps/web|packages/client)/', pathNot: testCode },
      to: { path: ['^packages/(auth|db)/', '^apps/server/'] },
    },
    {
      name: 'apps-are-on-top',
      comment:
        'Nothing imports the production code of an app from outside it (a type, which leaves ' +
        'no code behind, may be shared with a test).',
      severity: 'error',
      from: { path: '^(apps/[^/]+|packages/[^/]+)/' },
      to: { path: '^apps/[^/]+/src/', pathNot: '^$1/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'flows-hold-use-cases-only',
      comment:
        'packages/auth/src/flows/ holds use cases, exported by index.ts: nothing else in the ' +
        'domain builds on them (shared helpers live below, in sessions/, account/, codes/).',
      severity: 'error',
      from: { path: '^packages/auth/src/', pathNot: ['^packages/auth/src/index\\.ts$', testCode] },
      to: { path: '^packages/auth/src/flows/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)dist/', '^packages/db/src/generated/', '^test/lint-fixtures/'] },
    // Type-only imports are edges too: a cycle through types is still a cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
