#!/usr/bin/env node
// The `eventline` command. Runs the TypeScript sources through tsx, so the CLI needs no build step.
// The Node check comes first: an older node would otherwise fail inside an ESM-only dependency.
require('tsx/cjs');
require('../../../libs/node-runtime/src/check.ts');
require('../src/main.ts');
