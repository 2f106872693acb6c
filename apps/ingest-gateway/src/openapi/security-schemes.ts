/** Names of the two ways to present a key, shared by the document and the route decorators. */
export const BEARER_SCHEME = 'bearer';
export const API_KEY_SCHEME = 'api_key';
