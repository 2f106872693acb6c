import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';

const workspaceRoot = join(__dirname, '..', '..', '..', '..');
const fixture = join(__dirname, 'typed-handlers.fixture.ts');
const source = readFileSync(fixture, 'utf8');
const DIRECTIVE = /^\s*\/\/ @ts-expect-error.*$/;

const lines = source.split('\n');
const expected = lines.flatMap((line, index) => (DIRECTIVE.test(line) ? [index] : []));
// Blank the directives (keeping line numbers): each marked line must then be an error of its own.
const unmarked = join(__dirname, 'typed-handlers.unmarked.ts');
const unmarkedText = lines.map((line) => (DIRECTIVE.test(line) ? '' : line)).join('\n');

/** One program for both texts, so the contracts' types are checked once: diagnostics per file. */
function typeCheck(): Map<string, ts.Diagnostic[]> {
  const config = ts.readConfigFile(join(workspaceRoot, 'tsconfig.base.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, workspaceRoot);
  const compilerOptions = { ...options, noEmit: true, skipLibCheck: true, types: [] };
  const host = ts.createCompilerHost(compilerOptions);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, ...rest) => (file === unmarked ? ts.createSourceFile(file, unmarkedText, language) : read(file, language, ...rest));
  const exists = host.fileExists.bind(host);
  host.fileExists = (file) => file === unmarked || exists(file);
  const program = ts.createProgram([fixture, unmarked], compilerOptions, host);
  const all = ts.getPreEmitDiagnostics(program);
  return new Map([fixture, unmarked].map((file) => [file, all.filter((d) => d.file?.fileName === file)]));
}

const checked = typeCheck();

const lineOf = (d: ts.Diagnostic) => d.file!.getLineAndCharacterOfPosition(d.start!).line;
const message = (d: ts.Diagnostic) => ts.flattenDiagnosticMessageText(d.messageText, ' ');

describe('@OnEvent typing', () => {
  it('compiles the well-typed handlers, with every @ts-expect-error meeting its error', () => {
    expect(expected.length).toBe(5);
    expect(checked.get(fixture)!.map(message)).toEqual([]);
  });

  it('fails to compile an unknown event type, a handler of another type, a payload field the contract lacks, a wider context, and stages out of order', () => {
    const found = checked.get(unmarked)!;
    expect([...new Set(found.map(lineOf))].sort((a, b) => a - b)).toEqual(expected.map((line) => line + 1));
    expect(found.map(message).join('\n')).toMatch(/"TICKET_ASIGNED"/);
    expect(found.map(message).join('\n')).toMatch(/assigneeEmail/);
  });
});
