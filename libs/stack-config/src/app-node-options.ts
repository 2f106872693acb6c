/**
 * V8 sizing for every long-running app, as NODE_OPTIONS: docker-compose.yml sets the same value
 * (a test keeps the two equal), and the bench starts the built apps with it.
 *
 * Why: on a 24 GiB machine V8 sizes its heap for the machine, not for the app. The audit
 * projector's live heap is about 43 MB, yet under the bench's P5 load it grew to 381 MB RSS. The
 * old space is capped at twice the largest live heap measured. The young generation is the
 * latency trade: P5 runs of the built projector gave p99 169–180 ms at 165 MB with 4 MB semi-spaces,
 * 139–160 ms at 173 MB with 8 MB, and 131 ms at 185 MB with 16 MB (fewer scavenges per batch).
 */
export const APP_NODE_OPTIONS = '--max-old-space-size=96 --max-semi-space-size=16';
