import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@eventline/stack-config';
import { loadCatalog } from './load-catalog';

/**
 * Every event name the seed catalogs write out must be in schemas/. Reads ../shared/seeds, the
 * same documents the contracts were written from, so a seed edit that adds an event fails here.
 */
const seedsDir = join(findWorkspaceRoot(), '..', 'shared', 'seeds');
const seed = (prefix: string) => {
  const file = readdirSync(seedsDir).find((name) => name.startsWith(prefix));
  if (!file) throw new Error(`no seed ${prefix}_* in ${seedsDir}`);
  return readFileSync(join(seedsDir, file), 'utf8');
};
const matches = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1]);

/** `a.b.hide/delete/restore` → a.b.hide, a.b.delete, a.b.restore */
function expandSlashes(name: string): string[] {
  if (!name.includes('/')) return [name];
  const [first, ...rest] = name.split('/');
  const base = first.slice(0, first.lastIndexOf('.') + 1);
  return [first, ...rest.map((alternative) => base + alternative)];
}

describe('seed coverage', () => {
  const catalog = loadCatalog();
  const types = new Set(catalog.events.map((e) => e.eventType));

  it('has the seed documents to compare with', () => {
    expect(existsSync(seedsDir)).toBe(true);
  });

  it('carries at least 250 event types', () => {
    expect(catalog.events.length).toBeGreaterThanOrEqual(250);
  });

  it('has every workflow event of seed 001, proposed and already present', () => {
    const text = seed('001');
    const proposed = matches(text, /`([A-Z][A-Z0-9_]+)` —/g);
    const present = matches(text.slice(text.indexOf('## Already present'), text.indexOf('## Proposed')), /`([A-Z][A-Z0-9_]+)`/g);
    expect(proposed.length).toBeGreaterThan(100);
    expect(new Set(present).size).toBeGreaterThanOrEqual(11);
    expect([...proposed, ...present].filter((name) => !types.has(name))).toEqual([]);
  });

  it('has every event of seed 002', () => {
    const names = matches(seed('002'), /^- `([A-Z][A-Za-z]+)` - /gm);
    expect(names).toHaveLength(7);
    expect(names.filter((name) => !types.has(name))).toEqual([]);
  });

  it('has every system event of seed 003', () => {
    const names = matches(seed('003'), /^\| `([A-Z][A-Z0-9_]+)` \|/gm);
    expect(names).toHaveLength(41);
    expect(names.filter((name) => !types.has(name))).toEqual([]);
  });

  it('has every event and audit action of seed 004', () => {
    const text = seed('004');
    const events = matches(text, /^\| `([a-z_]+\.[a-z_]+)` \|/gm);
    const actionsLine = text.split('\n').find((line) => line.startsWith('**Actions:**')) ?? '';
    const actions = matches(actionsLine, /`([a-z_.]+)`/g);
    expect(events.length).toBe(9);
    expect(actions).toEqual(expect.arrayContaining(['chat_message_sent', 'export_requested', 'cross_case_summary_generated']));
    expect([...events, ...actions].filter((name) => !types.has(name))).toEqual([]);
  });

  it('has every event of seed 000, with groups expanded', () => {
    const tokens = matches(seed('000'), /`([a-z_]+(?:\.[a-z_*]+)+(?:\/[a-z_]+)*)`/g);
    const names = tokens.flatMap(expandSlashes);
    const exact = names.filter((name) => !name.endsWith('.*'));
    const groups = names.filter((name) => name.endsWith('.*')).map((name) => name.slice(0, -1));
    expect(exact.length).toBeGreaterThan(30);
    expect(exact.filter((name) => !types.has(name))).toEqual([]);
    const emptyGroups = groups.filter((prefix) => ![...types].some((type) => type.startsWith(prefix)));
    expect(groups.length).toBeGreaterThan(3);
    expect(emptyGroups).toEqual([]);
  });
});
