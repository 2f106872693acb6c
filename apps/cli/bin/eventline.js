#!/usr/bin/env node
// The `eventline` command. Runs the TypeScript sources through tsx, so the CLI needs no build step.
require('tsx/cjs');
require('../src/main.ts');
