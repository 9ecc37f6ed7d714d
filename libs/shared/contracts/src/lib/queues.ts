/** BullMQ queue names. One processor per queue on the worker. */
export const QUEUES = {
  maintenance: 'maintenance',
  neutrality: 'neutrality',
  routing: 'routing',
  tasks: 'tasks',
  quality: 'quality',
  delivery: 'delivery',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Job payloads by job name. Every job name has exactly one handler; the worker checks it at boot. */
export interface JobPayloads {
  /** Recompute the whole audit hash chain and log the outcome. */
  'audit.verify': Record<string, never>;
  /** Verify the chain since the last checkpoint and sign a new one when the head moved. */
  'audit.checkpoint': Record<string, never>;
  /** The ownership registry changed (statement recorded, ended or imported): re-evaluate conflicts. */
  'registry.changed': { reason: 'interest.recorded' | 'interest.ended' | 'bods.imported' | 'entity.created'; entityIds: string[]; auditSeq?: number };
  /** Re-evaluate conflicts for one lab (policy change, job publish) or everything (manual). */
  'neutrality.evaluate': { reason: 'policy.changed' | 'job.published' | 'manual'; labOrgId?: string };
  /** Route a job's unrouted open slots (after publish, new items, a decline or a capacity change). */
  'routing.route': { jobId: string; reason: 'published' | 'items-added' | 'vendor-declined' | 'capacity-changed' | 'resumed' | 'neutrality-changed' | 'lease-expired' };
  /** Return expired leases' slots to the pool (repeatable). */
  'tasks.expire-leases': Record<string, never>;
  /** An item has all its answers: aggregate, score agreement, escalate to review when low. */
  'quality.aggregate': { itemId: string };
  /** Deliver one webhook event (retried with backoff). */
  'webhook.deliver': { deliveryId: string };
  /** A (lab, vendor) decision changed: move open slots off a newly blocked vendor; offer new work to a cleared one. */
  'routing.neutrality-changed': { labOrgId: string; vendorOrgId: string; from: string; to: string };
  /** Expired waivers re-open their conflicts. */
  'neutrality.expire-waivers': Record<string, never>;
}
export type JobName = keyof JobPayloads;

export const JOB_QUEUE: Record<JobName, QueueName> = {
  'audit.verify': QUEUES.maintenance,
  'audit.checkpoint': QUEUES.maintenance,
  'registry.changed': QUEUES.neutrality,
  'neutrality.evaluate': QUEUES.neutrality,
  'neutrality.expire-waivers': QUEUES.neutrality,
  'routing.route': QUEUES.routing,
  'routing.neutrality-changed': QUEUES.routing,
  'tasks.expire-leases': QUEUES.tasks,
  'quality.aggregate': QUEUES.quality,
  'webhook.deliver': QUEUES.delivery,
};

export const JOB_NAMES = Object.keys(JOB_QUEUE) as JobName[];

export interface QueueHealth {
  queues: { name: QueueName; waiting: number; active: number; delayed: number; failed: number; completed: number; paused: boolean }[];
  /** `dead`: rows whose job failed every retry of every relay; they need a person. */
  outbox: { pending: number; dead: number; oldestPendingSeconds: number | null };
  checkedAt: string;
}
