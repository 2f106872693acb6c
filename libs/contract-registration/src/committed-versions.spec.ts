import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TempGitRepo } from '@eventline/test-harness';
import { committedVersions, type CommittedVersion } from './committed-versions';
import { isShallowClone } from './git-history';

type Json = Record<string, unknown>;

const ENVELOPE = 'schemas/_envelope/envelope.avsc';
const FINALIZED = 'schemas/billing/INVOICE_FINALIZED.avsc';
const FINALIZED_SUBJECT = 'billing.events.v1-dev.eventline.billing.InvoiceFinalized';
const GENERATED_SUBJECT = 'billing.events.v1-dev.eventline.billing.InvoiceGenerated';

const fieldNames = (schema: Json) => (schema.fields as Json[]).map((f) => String(f.name));
const payloadFields = (version: CommittedVersion) => {
  const payload = (version.schema.fields as Json[]).find((f) => f.name === 'payload')!;
  return fieldNames(payload.type as Json);
};
const addField = (name: string) => (json: Json) => ({ ...json, fields: [...(json.fields as Json[]), { name, type: ['null', 'string'], default: null, doc: name }] });

/** Reads git for real, in throwaway repositories; no registry involved. */
describe('committed versions of each contract', () => {
  let repo: TempGitRepo;
  beforeEach(() => {
    repo = new TempGitRepo().copyFromWorkspace('schemas/_envelope', 'schemas/billing/domain.json', FINALIZED, 'schemas/billing/INVOICE_GENERATED.avsc');
  });
  afterEach(() => repo.dispose());

  it('composes each version with the envelope of the same commit, oldest first', () => {
    const first = repo.commit('c1');
    const second = repo.editJson(FINALIZED, addField('note')).commit('c2: payload field');
    const third = repo.editJson(ENVELOPE, addField('trace_id')).commit('c3: envelope field');
    const versions = committedVersions(repo.root).get(FINALIZED_SUBJECT)!;
    expect(versions.map((v) => v.commit)).toEqual([first, second, third]);
    expect(fieldNames(versions[1].schema)).not.toContain('trace_id');
    expect(payloadFields(versions[1])).toContain('note');
    expect(fieldNames(versions[2].schema)).toContain('trace_id');
    expect(payloadFields(versions[2])).toContain('note');
  });

  it('gives every contract a version when only the envelope changed', () => {
    repo.commit('c1');
    const envelopeCommit = repo.editJson(ENVELOPE, addField('trace_id')).commit('c2: envelope field');
    const history = committedVersions(repo.root);
    expect(
      history
        .get(GENERATED_SUBJECT)!
        .map((v) => v.commit)
        .at(-1),
    ).toBe(envelopeCommit);
    expect(history.get(FINALIZED_SUBJECT)).toHaveLength(2);
  });

  it('adds no version for a commit that only reformats a file', () => {
    repo.commit('c1');
    repo.editJson(FINALIZED, (json) => json).commit('c2: same JSON, other layout');
    expect(committedVersions(repo.root).get(FINALIZED_SUBJECT)).toHaveLength(1);
  });

  it('keeps the versions of a contract deleted and written again', () => {
    const original = repo.readJson(FINALIZED);
    repo.commit('c1');
    repo.remove(FINALIZED).commit('c2: deleted');
    repo.writeJson(FINALIZED, addField('note')(original)).commit('c3: back');
    expect(committedVersions(repo.root).get(FINALIZED_SUBJECT)).toHaveLength(2);
  });

  it('reads only what a shallow clone holds, and tells that it is shallow', () => {
    repo.commit('c1');
    repo.editJson(FINALIZED, addField('note')).commit('c2');
    const clone = mkdtempSync(join(tmpdir(), 'eventline-shallow-'));
    try {
      execFileSync('git', ['clone', '--quiet', '--depth', '1', `file://${repo.root}`, clone]);
      expect(isShallowClone(clone)).toBe(true);
      expect(isShallowClone(repo.root)).toBe(false);
      expect(committedVersions(clone).get(FINALIZED_SUBJECT)).toHaveLength(1);
      expect(committedVersions(repo.root).get(FINALIZED_SUBJECT)).toHaveLength(2);
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  it('has no history in a repository without commits', () => {
    expect(committedVersions(repo.root).size).toBe(0);
  });

  it('refuses a directory that is no git repository, naming it', () => {
    const plain = mkdtempSync(join(tmpdir(), 'eventline-plain-'));
    try {
      expect(() => committedVersions(plain)).toThrow(new RegExp(`git rev-parse failed in ${plain}: .*not a git repository`));
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
