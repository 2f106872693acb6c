import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { loadCatalog, type Catalog } from '@eventline/contracts';
import { checkRuleAgainstCatalog, templateSyntaxProblem } from './catalog-checks';
import type { NotificationRule, NotificationRules, Template } from './rule';
import { checkRuleFile } from './rule-file-schema';

/** The checked-in rules, beside the sources in the checkout and in the app's build alike. */
export const DEFAULT_RULES_DIR = join(__dirname, '..', '..', 'config', 'rules');

/** Every problem of a rules folder, one a line, each naming the file, the rule and the field. */
export class NotificationRulesError extends Error {
  constructor(readonly problems: string[]) {
    super(`notification rules are invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'NotificationRulesError';
  }
}

interface RuleFile {
  file: string;
  rules: NotificationRule[];
  templates: Record<string, Template>;
}

/**
 * Reads and checks every *.yaml of the folder (NOTIFICATION_RULES_DIR, else the shipped config/rules).
 * Synchronous, so a subscription can be computed from the rules before the app starts; throws a
 * NotificationRulesError listing every problem found.
 */
export function loadNotificationRules(dir = process.env.NOTIFICATION_RULES_DIR || DEFAULT_RULES_DIR, catalog: Catalog = loadCatalog()): NotificationRules {
  const problems: string[] = [];
  const files = ruleFileNames(dir).flatMap((name) => readRuleFile(join(dir, name), problems));
  const templates = collectTemplates(files, problems);
  for (const { file, rules } of files) {
    rules.forEach((rule, index) => {
      const template = templates.get(rule.templateId)?.template;
      if (!templates.has(rule.templateId)) problems.push(`${ruleWhere(file, index, rule)}: templateId: no template "${rule.templateId}" in ${dir}`);
      for (const p of checkRuleAgainstCatalog(rule, template, catalog)) problems.push(`${ruleWhere(file, index, rule)}: ${p.field}: ${p.reason}`);
    });
  }
  if (problems.length) throw new NotificationRulesError(problems);
  return indexRules(
    files.flatMap((f) => f.rules),
    Object.fromEntries([...templates].map(([id, t]) => [id, t.template])),
  );
}

/** The event types the rules react to, sorted: what the worker subscribes to. */
export function notificationEventTypes(rules: NotificationRules): string[] {
  return [...new Set(rules.rules.map((rule) => rule.eventType))].sort();
}

function ruleFileNames(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new NotificationRulesError([`${dir}: cannot read the rules folder (${(error as Error).message})`]);
  }
  const yamlFiles = names.filter((name) => /\.ya?ml$/.test(name)).sort();
  if (yamlFiles.length === 0) throw new NotificationRulesError([`${dir}: holds no *.yaml rules file`]);
  return yamlFiles;
}

function readRuleFile(file: string, problems: string[]): RuleFile[] {
  const document = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: true });
  if (document.errors.length) {
    problems.push(...document.errors.map((error) => `${file}: not valid YAML: ${error.message.split('\n')[0]}`));
    return [];
  }
  const content = document.toJS() ?? {};
  const schemaProblems = checkRuleFile(content);
  for (const p of schemaProblems) {
    const where = p.ruleIndex === undefined ? file : ruleWhere(file, p.ruleIndex, content.rules?.[p.ruleIndex]);
    problems.push(`${where}: ${p.field}: ${p.reason}`);
  }
  if (schemaProblems.length) return [];
  return [{ file, rules: content.rules ?? [], templates: content.templates ?? {} }];
}

function collectTemplates(files: RuleFile[], problems: string[]): Map<string, { file: string; template: Template }> {
  const templates = new Map<string, { file: string; template: Template }>();
  for (const { file, templates: own } of files) {
    for (const [id, template] of Object.entries(own)) {
      const earlier = templates.get(id);
      if (earlier) problems.push(`${file}: templates.${id}: already defined in ${earlier.file}`);
      for (const part of ['subject', 'body'] as const) {
        const reason = templateSyntaxProblem(template[part]);
        if (reason) problems.push(`${file}: templates.${id}.${part}: ${reason}`);
      }
      templates.set(id, earlier ?? { file, template });
    }
  }
  return templates;
}

const ruleWhere = (file: string, index: number, rule: unknown) => {
  const eventType = (rule as { eventType?: unknown } | undefined)?.eventType;
  return `${file}: rules[${index}]${typeof eventType === 'string' ? ` (${eventType})` : ''}`;
};

function indexRules(rules: NotificationRule[], templates: Record<string, Template>): NotificationRules {
  const byEventType = new Map<string, NotificationRule[]>();
  for (const rule of rules) byEventType.set(rule.eventType, [...(byEventType.get(rule.eventType) ?? []), rule]);
  return {
    rules,
    templates,
    rulesFor: (eventType) => byEventType.get(eventType) ?? [],
    templateFor: (rule) => templates[rule.templateId],
  };
}
