export interface LintIssue {
  file: string;
  /** Dotted path to the offending field, when there is one. */
  path?: string;
  message: string;
}

export const formatIssue = (issue: LintIssue) => `${issue.file}${issue.path ? ` (${issue.path})` : ''}: ${issue.message}`;
