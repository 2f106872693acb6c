import { randomUUID } from 'node:crypto';

export { eventually } from './eventually';
export { readTopic, readTopicFrom, topicEnd, topicSize } from './read-topic';

/** A name no other test run has used, so tests share one stack without seeing each other's data. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
export { ticketAssigned } from './fixtures';
export { startApp, exited, health, waitForHealth, metricSum, projectNodeMajor } from './app-process';
export type { Health } from './app-process';
export { startAppUnderTest, runToExit, defaultPortVariable, type AppUnderTest, type AppUnderTestOptions } from './app-under-test';
export { LatePort, freePort } from './late-port';
export { TempGitRepo } from './temp-git-repo';
export { createScratchDatabase, type ScratchDatabase } from './scratch-database';
