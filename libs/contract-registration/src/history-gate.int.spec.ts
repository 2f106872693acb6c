import { SchemaRegistryClient } from '@eventline/schema-registry';
import { loadStackEndpoints } from '@eventline/stack-config';
import { TempGitRepo, uniqueName } from '@eventline/test-harness';
import { runHistoryGate, type HistoryGateReport, type HistoryGateResult } from './history-gate';

type Json = Record<string, unknown>;
type Field = { name: string } & Json;

const billing = (event: string) => `schemas/billing/${event}.avsc`;
const subjectOf = (record: string) => `billing.events.v1-dev.eventline.billing.${record}`;
const fields = (json: Json) => json.fields as Field[];
const withFields = (json: Json, next: Field[]) => ({ ...json, fields: next });
const optional = (name: string, type: string): Field => ({ name, type: ['null', type], default: null, doc: `Optional ${name}.` });

/**
 * A repository of five billing contracts with two commits, then working-tree edits:
 * INVOICE_FINALIZED  c1, c2 adds an optional field; the tree adds a required one (breaking)
 * CREDIT_NOTE_CREATED c1, c2 drops optional companyId; the tree brings it back as a long:
 *                    fine after c2, breaking against c1, so only FULL_TRANSITIVE catches it
 * CONTRACT_UPDATED   c1, c2 makes clientId a long (the registry refuses it, as production would
 *                    have); the tree is c1 plus an optional field, compared with c1 only
 * INVOICE_GENERATED  c1; the tree adds an optional field with a default (compatible)
 * CONTRACT_CREATED   c1 only, unchanged (no history to compare with)
 * INVOICE_DISPUTED   written in the tree, never committed (no history)
 */
function buildRepo(): { repo: TempGitRepo; first: string; second: string } {
  const repo = new TempGitRepo().copyFromWorkspace(
    'schemas/_envelope',
    'schemas/billing/domain.json',
    ...['INVOICE_FINALIZED', 'CREDIT_NOTE_CREATED', 'CONTRACT_UPDATED', 'INVOICE_GENERATED', 'CONTRACT_CREATED'].map(billing),
  );
  const first = repo.commit('c1: five billing contracts');
  const contractUpdated = repo.readJson(billing('CONTRACT_UPDATED'));
  repo.editJson(billing('INVOICE_FINALIZED'), (json) => withFields(json, [...fields(json), optional('note', 'string')]));
  repo.editJson(billing('CREDIT_NOTE_CREATED'), (json) =>
    withFields(
      json,
      fields(json).filter((f) => f.name !== 'companyId'),
    ),
  );
  repo.editJson(billing('CONTRACT_UPDATED'), (json) =>
    withFields(
      json,
      fields(json).map((f) => (f.name === 'clientId' ? { ...f, type: 'long' } : f)),
    ),
  );
  const second = repo.commit('c2: compatible edits, and one breaking');
  repo.writeJson(billing('CONTRACT_UPDATED'), withFields(contractUpdated, [...fields(contractUpdated), optional('renewalNote', 'string')]));
  repo.editJson(billing('INVOICE_FINALIZED'), (json) => withFields(json, [...fields(json), { name: 'paidAt', type: 'long', doc: 'When it was paid.' }]));
  repo.editJson(billing('CREDIT_NOTE_CREATED'), (json) => withFields(json, [...fields(json), optional('companyId', 'long')]));
  repo.editJson(billing('INVOICE_GENERATED'), (json) => withFields(json, [...fields(json), optional('poNumber', 'string')]));
  const disputed = repo.readJson(billing('INVOICE_FINALIZED'));
  const metadata = { ...(disputed.eventline as Json), event_type: 'INVOICE_DISPUTED', title: 'Invoice Disputed' };
  repo.writeJson(billing('INVOICE_DISPUTED'), { ...disputed, name: 'InvoiceDisputed', doc: 'Invoice disputed by the client.', eventline: metadata });
  return { repo, first, second };
}

describe('history gate against the real registry', () => {
  const registry = new SchemaRegistryClient(loadStackEndpoints().schemaRegistryUrl);
  const subjectPrefix = uniqueName('gate-test');
  let repo: TempGitRepo;
  let first: string;
  let second: string;
  let report: HistoryGateReport;
  const result = (record: string): HistoryGateResult => report.results.find((r) => r.subject === subjectOf(record))!;

  beforeAll(async () => {
    ({ repo, first, second } = buildRepo());
    report = await runHistoryGate({ repoRoot: repo.root, registry, subjectPrefix });
  });
  afterAll(() => repo.dispose());

  it('fails a required field added without a default, naming the subject and the field', () => {
    const finalized = result('InvoiceFinalized');
    expect(finalized).toMatchObject({ status: 'incompatible', versions: 2, registryRefused: true, file: billing('INVOICE_FINALIZED') });
    expect(finalized.status === 'incompatible' && finalized.problems).toEqual([
      expect.stringMatching(/^field payload\.paidAt: added without a default, .* \(against commit [0-9a-f]{8}, commit [0-9a-f]{8}\)$/),
    ]);
  });

  it('checks against every committed version, not only the latest (FULL_TRANSITIVE)', () => {
    const creditNote = result('CreditNoteCreated');
    expect(creditNote).toMatchObject({ status: 'incompatible', versions: 2, registryRefused: true });
    expect(creditNote.status === 'incompatible' && creditNote.problems).toEqual([`field payload.companyId: type changed from [null, string] to [null, long] (against commit ${first.slice(0, 8)})`]);
  });

  it('passes an optional field with a default', () => {
    expect(result('InvoiceGenerated')).toEqual(expect.objectContaining({ status: 'compatible', versions: 1, refused: [] }));
  });

  it('reports a committed version the registry refuses and leaves it out of the comparison', () => {
    const updated = result('ContractUpdated');
    expect(updated).toMatchObject({ status: 'compatible', versions: 1 });
    expect(updated.status === 'compatible' && updated.refused).toEqual([{ commit: second, error: expect.stringContaining('409') }]);
  });

  it('reports contracts without history as such', () => {
    expect(result('ContractCreated')).toMatchObject({ status: 'no-history', reason: 'committed only as in the working tree' });
    expect(result('InvoiceDisputed')).toMatchObject({ status: 'no-history', reason: 'never committed' });
    expect(report.versionsRegistered).toBe(6);
  });

  it('removes its temporary subjects afterwards', async () => {
    expect(report.cleanupErrors).toEqual([]);
    expect((await registry.subjects({ includeDeleted: true })).filter((s) => s.startsWith(subjectPrefix))).toEqual([]);
    expect(await registry.getCompatibility(`${subjectPrefix}-${subjectOf('InvoiceFinalized')}`)).toBeUndefined();
  });
});
