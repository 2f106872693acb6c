/**
 * V8 sizing for every long-running app, as NODE_OPTIONS: docker-compose.yml sets the same value
 * (a test keeps the two equal), and the bench starts the built apps with it.
 *
 * Why: on a 24 GiB machine V8 sizes its heap for the machine, not for the app. The audit
 * projector's live heap is about 43 MB, yet under the bench's P5 load it grew to 381 MB RSS. With
 * this cap it stays at 165 MB with the same p99; an old space of 96 MB is still twice the largest
 * live heap measured.
 */
export const APP_NODE_OPTIONS = '--max-old-space-size=96 --max-semi-space-size=4';
