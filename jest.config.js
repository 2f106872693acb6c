// One Jest configuration for every project. Nx runs it per project with --rootDir <project>;
// `npx jest` at the top level runs them all.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const workspaceRoot = __dirname;
const moduleNameMapper = Object.fromEntries(Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, path.join(workspaceRoot, target)]));

// Against containers (EVENTLINE_STACK=containers), the embedded stack's own lifecycle test would
// start that other stack beside them, and the partitioning test needs the Kafka jars only the
// embedded stack resolves (it runs Kafka's Java producer); they belong to embedded runs.
// The SASL_SSL listener (EVENTLINE_KAFKA_SECURITY=sasl_ssl) is the embedded broker's too.
const embeddedOnly =
  process.env.EVENTLINE_STACK === 'containers'
    ? ['/infra/stack/src/stack\\.int\\.spec\\.ts$', '/libs/kafka-port/src/partitioning/', '/infra/stack/src/kafka-sasl/.*\\.int\\.spec\\.ts$', '/apps/demo/src/sasl-.*\\.int\\.spec\\.ts$']
    : [];

// Fault tests that only the heavy run (`npm run test:faults`) has, e.g. a three-broker cluster of their own.
const fullFaultsOnly = process.env.EVENTLINE_FAULTS === 'full' ? [] : ['\\.full-fault\\.spec\\.ts$'];

module.exports = {
  testEnvironment: 'node',
  testMatch: ['**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.local/', ...embeddedOnly, ...fullFaultsOnly],
  // Built packages (dist/libs, dist/sdk/build) repeat the libraries' package names: Jest's module map must not see them.
  modulePathIgnorePatterns: [`^${path.join(workspaceRoot, 'dist').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/`],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(workspaceRoot, 'tsconfig.base.json') }],
  },
  moduleNameMapper,
  testTimeout: 60_000,
};
