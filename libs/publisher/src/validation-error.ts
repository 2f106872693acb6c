export interface FieldProblem {
  /** Dotted path from the event root, e.g. `payload.assignedAt` or `tenant_id`. */
  path: string;
  reason: string;
}

/** An event that does not satisfy its contract. Nothing was published. */
export class EventValidationError extends Error {
  constructor(
    readonly eventType: string,
    readonly problems: FieldProblem[],
  ) {
    super(`Invalid ${eventType || 'event'}: ${problems.map((p) => `${p.path}: ${p.reason}`).join('; ')}`);
    this.name = 'EventValidationError';
  }
}
