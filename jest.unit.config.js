// `npm run test:unit`: every spec that needs no server (no Kafka, schema registry, PostgreSQL or
// browser), in one Jest run across the workspace. `*.int.spec.ts` need the stack; the fault specs
// (`*.fault.spec.ts`, `*.full-fault.spec.ts`) kill and restart parts of it. `npm test` runs them all.
const base = require('./jest.config.js');

module.exports = {
  ...base,
  testPathIgnorePatterns: [...base.testPathIgnorePatterns, '\\.int\\.spec\\.ts$', '\\.fault\\.spec\\.ts$', '\\.full-fault\\.spec\\.ts$'],
};
