/**
 * Architecture rules (ARCHITECTURE §3), checked by `npm run lint`:
 * libs never depend on the app, a module reaches another only through its index.ts, no cycles.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Dependencies point upstream; a cycle means two pieces should be one, or a third.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'libs-not-to-app',
      severity: 'error',
      comment: 'Libraries are reusable foundations: they never import the application (src/).',
      from: { path: '^libs/' },
      to: { path: '^src/' },
    },
    {
      name: 'modules-only-through-index',
      severity: 'error',
      comment: "A module uses another module only through that module's public index.ts.",
      from: { path: '^src/modules/([^/]+)/' },
      to: {
        path: '^src/modules/([^/]+)/.+',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'libs-only-through-barrel',
      severity: 'error',
      comment: 'Code outside a lib imports it through its barrel (@libs/<name>), never a deep path.',
      from: { path: '^(src|libs/([^/]+))/' },
      to: { path: '^libs/([^/]+)/src/.+', pathNot: ['^libs/$2/src/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'app-code-not-to-tests',
      severity: 'error',
      comment: 'Production code never depends on the test harness.',
      from: { path: '^(src|libs/(core|persistence|security))/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^(test/|libs/testing/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|^\\.data/|node_modules)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
