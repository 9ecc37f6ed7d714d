/** BullMQ queue names. One processor per queue on the worker. */
export const QUEUES = {
  maintenance: 'maintenance',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Job payloads by job name. Every job name has exactly one handler; the worker checks it at boot. */
export interface JobPayloads {
  /** Recompute the audit hash chain and record a checkpoint. */
  'audit.verify': Record<string, never>;
}
export type JobName = keyof JobPayloads;

export const JOB_QUEUE: Record<JobName, QueueName> = {
  'audit.verify': QUEUES.maintenance,
};

export const JOB_NAMES = Object.keys(JOB_QUEUE) as JobName[];
