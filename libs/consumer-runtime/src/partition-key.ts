/** One name per topic partition, for the maps that track partitions. */
export const partitionKey = (topic: string, partition: number) => `${topic}/${partition}`;
