import '@eventline/node-runtime/check';
import { join } from 'node:path';
import { loadCatalog } from '../catalog/load-catalog';
import { generateTypes } from './generate-types';

const outDir = join(__dirname, '..', 'generated');
const count = generateTypes(loadCatalog(), outDir);
console.log(`contracts: generated TypeScript for ${count} event types into libs/contracts/src/generated/`);
