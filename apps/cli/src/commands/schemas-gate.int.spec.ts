import { TempGitRepo } from '@eventline/test-harness';
import { eventline } from '../testing/run-cli';

const FINALIZED = 'schemas/billing/INVOICE_FINALIZED.avsc';
const FINALIZED_SUBJECT = 'billing.events.v1-dev.eventline.billing.InvoiceFinalized';
const GENERATED_SUBJECT = 'billing.events.v1-dev.eventline.billing.InvoiceGenerated';

/** `eventline schemas gate` on a repository of its own, against the stack's registry. */
describe('eventline schemas gate', () => {
  jest.setTimeout(60_000);
  let repo: TempGitRepo;
  let original: Record<string, unknown>;

  beforeAll(() => {
    repo = new TempGitRepo().copyFromWorkspace('schemas/_envelope', 'schemas/billing/domain.json', FINALIZED, 'schemas/billing/INVOICE_GENERATED.avsc');
    original = repo.readJson(FINALIZED);
    repo.commit('two billing contracts');
  });
  afterAll(() => repo.dispose());

  it('fails on an uncommitted breaking edit, naming the subject and the field, and passes once it is undone', async () => {
    const required = { name: 'paidAt', type: 'long', doc: 'When it was paid.' };
    repo.writeJson(FINALIZED, { ...original, fields: [...(original.fields as unknown[]), required] });
    const failing = await eventline('schemas', 'gate', '--repo', repo.root, '--list-without-history');
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain(`✗ ${FINALIZED_SUBJECT} (${FINALIZED})`);
    expect(failing.stdout).toMatch(/^ {4}field payload\.paidAt: added without a default, .* \(against commit [0-9a-f]{8}\)$/m);
    expect(failing.stdout).toContain(`○ ${GENERATED_SUBJECT} (schemas/billing/INVOICE_GENERATED.avsc): no history, committed only as in the working tree`);
    expect(failing.stderr).toMatch(
      /eventline: schemas:gate: 2 contracts in [\d.]+ s; 1 with history \(1 committed versions replayed under gate-\S+\): 0 compatible, 1 incompatible; 1 without history/,
    );

    repo.writeJson(FINALIZED, original);
    const passing = await eventline('schemas', 'gate', '--repo', repo.root);
    expect(passing).toMatchObject({ code: 0, stdout: expect.stringMatching(/schemas:gate: 2 contracts .* 0 with history .* 2 without history \(2 committed only as in the working tree\)/) });
    expect(passing.stdout).not.toContain('○ ');
  });
});
