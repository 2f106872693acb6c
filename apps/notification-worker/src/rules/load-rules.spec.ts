import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog } from '@eventline/contracts';
import { loadNotificationRules, NotificationRulesError } from './index';

const catalog = loadCatalog();
const TEMPLATE = 'templates:\n  ticket-assigned:\n    subject: Ticket {{payload.ticketId}}\n    body: Assigned by {{payload.actorUserId}}.\n';
const rule = (fields: string) => `rules:\n  - eventType: TICKET_ASSIGNED\n${fields}`;
const GOOD_RULE = rule('    recipients: [ { path: newAssigneeId } ]\n    channels: [ in_app ]\n    templateId: ticket-assigned\n');

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'notification-rules-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes the files, loads the folder and returns its problems (none when it loads). */
function problemsOf(files: Record<string, string>): string[] {
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  try {
    loadNotificationRules(dir, catalog);
    return [];
  } catch (error) {
    if (!(error instanceof NotificationRulesError)) throw error;
    return error.problems;
  }
}

describe('loadNotificationRules', () => {
  it('loads a valid folder: rules by event type, their templates', () => {
    for (const [name, content] of Object.entries({ 'a.yaml': GOOD_RULE + TEMPLATE, 'notes.md': 'not read' })) writeFileSync(join(dir, name), content);
    const loaded = loadNotificationRules(dir, catalog);
    expect(loaded.rulesFor('TICKET_ASSIGNED')).toEqual([{ eventType: 'TICKET_ASSIGNED', recipients: [{ path: 'newAssigneeId' }], channels: ['in_app'], templateId: 'ticket-assigned' }]);
    expect(loaded.rulesFor('TICKET_CLOSED')).toEqual([]);
    expect(loaded.templateFor(loaded.rules[0]).subject).toBe('Ticket {{payload.ticketId}}');
  });

  it('reads NOTIFICATION_RULES_DIR when no folder is given', () => {
    writeFileSync(join(dir, 'a.yaml'), GOOD_RULE + TEMPLATE);
    const before = process.env.NOTIFICATION_RULES_DIR;
    process.env.NOTIFICATION_RULES_DIR = dir;
    try {
      expect(loadNotificationRules(undefined, catalog).rules).toHaveLength(1);
    } finally {
      if (before === undefined) delete process.env.NOTIFICATION_RULES_DIR;
      else process.env.NOTIFICATION_RULES_DIR = before;
    }
  });

  it('names the file, the rule, the field and the reason of a bad field', () => {
    const file = join(dir, 'tickets.yaml');
    expect(
      problemsOf({ 'tickets.yaml': rule('    recipients: [ { path: newAssigneeId } ]\n    channels: [ in_app, sms ]\n    templateId: ticket-assigned\n    priority: high\n') + TEMPLATE }),
    ).toEqual([`${file}: rules[0] (TICKET_ASSIGNED): priority: is not a known field`, `${file}: rules[0] (TICKET_ASSIGNED): channels[1]: must be one of in_app, email, webhook`]);
  });

  it('names a missing field and a recipient that is neither a path, an envelope field nor a role', () => {
    const file = join(dir, 'tickets.yaml');
    expect(problemsOf({ 'tickets.yaml': rule('    recipients: [ { path: newAssigneeId, role: support } ]\n    channels: [ in_app ]\n') + TEMPLATE })).toEqual([
      `${file}: rules[0] (TICKET_ASSIGNED): templateId: is missing`,
      `${file}: rules[0] (TICKET_ASSIGNED): recipients[0]: needs exactly one of path, envelope or role`,
    ]);
  });

  it('names an event type the catalog does not have', () => {
    const content = GOOD_RULE.replace('TICKET_ASSIGNED', 'TICKET_TELEPORTED') + TEMPLATE;
    expect(problemsOf({ 'tickets.yaml': content })).toEqual([`${join(dir, 'tickets.yaml')}: rules[0] (TICKET_TELEPORTED): eventType: "TICKET_TELEPORTED" is not an event type of the catalog`]);
  });

  it('names a payload path the event does not have, and one that holds no id', () => {
    const content = rule('    recipients: [ { path: newAssigneId }, { path: assignedAt } ]\n    channels: [ in_app ]\n    templateId: ticket-assigned\n') + TEMPLATE;
    expect(problemsOf({ 'tickets.yaml': content })).toEqual([
      `${join(dir, 'tickets.yaml')}: rules[0] (TICKET_ASSIGNED): recipients[0].path: "newAssigneId" is not a field of TICKET_ASSIGNED's payload`,
      expect.stringMatching(/rules\[0\] \(TICKET_ASSIGNED\): recipients\[1\]\.path: "assignedAt" holds .*long.*, not an id/),
    ]);
  });

  it('names an unknown template, and a template field the event does not have', () => {
    const unknown = GOOD_RULE.replace('templateId: ticket-assigned', 'templateId: ticket-asigned') + TEMPLATE;
    expect(problemsOf({ 'tickets.yaml': unknown })).toEqual([`${join(dir, 'tickets.yaml')}: rules[0] (TICKET_ASSIGNED): templateId: no template "ticket-asigned" in ${dir}`]);
    const misread = GOOD_RULE + TEMPLATE.replace('{{payload.actorUserId}}', '{{payload.actor}}');
    expect(problemsOf({ 'tickets.yaml': misread })).toEqual([
      `${join(dir, 'tickets.yaml')}: rules[0] (TICKET_ASSIGNED): templateId: template "ticket-assigned" body reads payload.actor, not in TICKET_ASSIGNED's payload`,
    ]);
  });

  it('names a template that does not compile, and one defined twice', () => {
    const broken = GOOD_RULE + TEMPLATE.replace('{{payload.ticketId}}', '{{#if payload.ticketId}}open');
    expect(problemsOf({ 'a.yaml': broken })).toEqual([expect.stringMatching(/a\.yaml: templates\.ticket-assigned\.subject: does not compile: /)]);
    expect(problemsOf({ 'a.yaml': GOOD_RULE + TEMPLATE, 'b.yaml': TEMPLATE })).toEqual([`${join(dir, 'b.yaml')}: templates.ticket-assigned: already defined in ${join(dir, 'a.yaml')}`]);
  });

  it('names a file that is not YAML, with the line', () => {
    expect(problemsOf({ 'a.yaml': GOOD_RULE + TEMPLATE, 'broken.yaml': 'rules:\n  - eventType: [TICKET_ASSIGNED\n' })).toEqual([
      expect.stringMatching(new RegExp(`^${join(dir, 'broken.yaml')}: not valid YAML: .*line \\d+`)),
    ]);
  });

  it('refuses a folder that is missing or holds no rules file', () => {
    expect(problemsOf({})).toEqual([`${dir}: holds no *.yaml rules file`]);
    expect(() => loadNotificationRules(join(dir, 'nowhere'), catalog)).toThrow(/nowhere: cannot read the rules folder/);
  });
});
