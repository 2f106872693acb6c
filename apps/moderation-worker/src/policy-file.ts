import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicy, type ModerationPolicy } from '@eventline/moderation-policies';

/** The checked-in default, beside the sources in the checkout and in the app's build alike. */
const DEFAULT_POLICY_FILE = join(__dirname, '..', 'config', 'moderation-policy.json');

/** MODERATION_POLICY_FILE when set (tests and tenants with stricter rules), else the checked-in default. */
export function loadPolicyFile(path = process.env.MODERATION_POLICY_FILE ?? DEFAULT_POLICY_FILE): ModerationPolicy {
  return parsePolicy(JSON.parse(readFileSync(path, 'utf8')));
}
