export { findWorkspaceRoot, localDir, workspaceRootOrUndefined } from './workspace-root';
export { parseEnvFile, formatEnvFile, readEnvFile } from './env-file';
export { loadStackEndpoints, stackEnvPath, STACK_ENV_KEYS } from './stack-env';
export type { StackEndpoints, StackEnvKey } from './stack-env';
export { checkpointKeyFile, masterKeyFile, pseudonymKeyFile, DEV_CHECKPOINT_KEY, DEV_MASTER_KEY, DEV_PSEUDONYM_KEY } from './key-files';
export { appDatabaseUrl, appDatabaseRole, appDatabaseUrlVariable } from './app-database-url';
export { loadSaslStack, saslClientEnv, saslStackEntries, SASL_STACK_KEYS } from './sasl-stack-env';
export type { SaslStack } from './sasl-stack-env';
export { APP_NODE_OPTIONS } from './app-node-options';
