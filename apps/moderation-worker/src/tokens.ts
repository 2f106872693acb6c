export const MODERATION_POLICY = Symbol('MODERATION_POLICY');
export const OUTBOX_WRITER = Symbol('OUTBOX_WRITER');
