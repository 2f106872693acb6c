export { ApiKeyStore } from './api-key-store';
export type { RevokeOutcome } from './api-key-store';
export type { ApiKey, CreatedApiKey, NewApiKey } from './api-key';
export { isAllowed, allowsTenant, allowsEventType, matchesEventType, WILDCARD } from './is-allowed';
export type { ApiKeyScope } from './is-allowed';
export { InvalidApiKeyError } from './invalid-api-key-error';
export { validateNewKey } from './validate-new-key';
export { KEY_PREFIX, hashKey } from './key-material';
