import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicy, type ModerationPolicy } from '@eventline/moderation-policies';
import { findWorkspaceRoot } from '@eventline/stack-config';

/** MODERATION_POLICY_FILE when set (tests and tenants with stricter rules), else the checked-in default. */
export function loadPolicyFile(path = process.env.MODERATION_POLICY_FILE ?? join(findWorkspaceRoot(), 'apps/moderation-worker/config/moderation-policy.json')): ModerationPolicy {
  return parsePolicy(JSON.parse(readFileSync(path, 'utf8')));
}
