/** Injection tokens for what has no class of its own. Every constructor parameter names its token with @Inject, because tsx (esbuild) emits no decorator metadata. */
export const STACK_ENDPOINTS = Symbol('STACK_ENDPOINTS');
export const CATALOG = Symbol('CATALOG');
export const KAFKA = Symbol('KAFKA');
export const PG_POOL = Symbol('PG_POOL');
export const PLATFORM_OPTIONS = Symbol('PLATFORM_OPTIONS');
export const METRICS = Symbol('METRICS');
/** A Kafka client for probes (start-up, readiness): no retries or log lines of its own, so each probe is one quick answer. */
export const KAFKA_PROBE = Symbol('KAFKA_PROBE');
/** The data subjects' key store (crypto-shredding), or null when no master key is configured. */
export const SUBJECT_KEYS = Symbol('SUBJECT_KEYS');
