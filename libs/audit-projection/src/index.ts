export { auditLogRow, domainEventRow } from './audit-rows';
export type { AuditLogRow, DomainEventRow } from './audit-rows';
export { insertAuditRows } from './audit-store';
export type { InsertedAuditRows } from './audit-store';
export { projectAuditEvents, rejectMiskeyed } from './project-audit';
export type { AuditProjectionResult } from './project-audit';
