/** BullMQ queue names. One processor per queue on the worker. */
export const QUEUES = {
  maintenance: 'maintenance',
  neutrality: 'neutrality',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Job payloads by job name. Every job name has exactly one handler; the worker checks it at boot. */
export interface JobPayloads {
  /** Recompute the audit hash chain and record a checkpoint. */
  'audit.verify': Record<string, never>;
  /** The ownership registry changed (statement recorded, ended or imported): re-evaluate conflicts. */
  'registry.changed': { reason: 'interest.recorded' | 'interest.ended' | 'bods.imported' | 'entity.created'; entityIds: string[]; auditSeq?: number };
  /** Re-evaluate conflicts for one lab (policy change, job publish) or everything (manual). */
  'neutrality.evaluate': { reason: 'policy.changed' | 'job.published' | 'manual'; labOrgId?: string };
  /** Expired waivers re-open their conflicts. */
  'neutrality.expire-waivers': Record<string, never>;
}
export type JobName = keyof JobPayloads;

export const JOB_QUEUE: Record<JobName, QueueName> = {
  'audit.verify': QUEUES.maintenance,
  'registry.changed': QUEUES.neutrality,
  'neutrality.evaluate': QUEUES.neutrality,
  'neutrality.expire-waivers': QUEUES.neutrality,
};

export const JOB_NAMES = Object.keys(JOB_QUEUE) as JobName[];
