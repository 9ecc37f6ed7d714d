import type { ConflictPolicy, ConflictView } from './neutrality';

export const TASK_TYPES = ['classification', 'ner', 'bbox', 'pairwise_preference', 'ranking', 'rating', 'response_writing'] as const;
export type TaskType = (typeof TASK_TYPES)[number];

/** Job schema per task type (API.md "Task types"). */
export interface ClassificationSchema {
  labels: string[];
  multiple?: boolean;
}
export interface NerSchema {
  labels: string[];
}
export interface BboxSchema {
  labels: string[];
}
export interface PairwiseSchema {
  criteria?: string[];
  allowTie?: boolean;
}
export interface RankingSchema {
  criteria?: string[];
}
export interface RatingSchema {
  criteria: string[];
  scale: { min: number; max: number };
}
export interface ResponseWritingSchema {
  minLength?: number;
  maxLength?: number;
}
export interface TaskSchemas {
  classification: ClassificationSchema;
  ner: NerSchema;
  bbox: BboxSchema;
  pairwise_preference: PairwiseSchema;
  ranking: RankingSchema;
  rating: RatingSchema;
  response_writing: ResponseWritingSchema;
}
export type TaskSchema = TaskSchemas[TaskType];

/** Item data per task type. */
export interface TaskItemData {
  classification: { text: string } | { imageUrl: string };
  ner: { text: string };
  bbox: { imageUrl: string; width?: number; height?: number };
  pairwise_preference: { prompt: string; responses: [string, string] };
  ranking: { prompt: string; responses: string[] };
  rating: { prompt: string; response: string };
  response_writing: { prompt: string };
}

/** Answers (and gold answers, and aggregates) per task type. */
export interface TaskAnswers {
  classification: { label: string } | { labels: string[] };
  ner: { spans: { start: number; end: number; label: string }[] };
  bbox: { boxes: { x: number; y: number; w: number; h: number; label: string }[] };
  pairwise_preference: { choice: 'a' | 'b' | 'tie'; strength?: 1 | 2 | 3; criteria?: Record<string, 'a' | 'b' | 'tie'>; rationale?: string };
  ranking: { order: number[] };
  rating: { scores: Record<string, number> };
  response_writing: { text: string };
}

export const JOB_STATUSES = ['draft', 'published', 'in_progress', 'completed', 'paused', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface CreateJobRequest {
  title: string;
  instructions: string;
  taskType: TaskType;
  schema: TaskSchema;
  overlap: number;
  minDistinctVendors?: number;
  goldRatio?: number;
  pricePerAnswer: number;
  budget?: number;
  deadline?: string;
  priority?: number;
  requiredSkills?: string[];
  languages?: string[];
  conflictPolicy?: ConflictPolicy;
  leaseSeconds?: number;
  agreementThreshold?: number;
}

export interface RoutingShare {
  vendorOrgId: string;
  vendorName: string;
  slots: number;
  openSlots: number;
  status: 'offered' | 'accepted' | 'declined' | 'withdrawn';
}

export interface JobView {
  id: string;
  labOrgId: string;
  title: string;
  instructions: string;
  taskType: TaskType;
  schema: TaskSchema;
  overlap: number;
  minDistinctVendors: number;
  goldRatio: number;
  pricePerAnswer: number;
  budget: number | null;
  deadline: string | null;
  priority: number;
  requiredSkills: string[];
  languages: string[];
  conflictPolicy: ConflictPolicy | null;
  leaseSeconds: number;
  agreementThreshold: number;
  status: JobStatus;
  createdAt: string;
  publishedAt: string | null;
  progress: { items: number; goldItems: number; answers: number; completedItems: number; percent: number };
  /** Accrued cost of accepted answers at the job's price, against `budget`. */
  spend: number;
  routing: RoutingShare[];
  /** Why open slots are not routed (e.g. no eligible vendor), visible to the lab. */
  routingNote: string | null;
  /** Live conflicts between the lab and the vendors this job was routed to. */
  conflicts: ConflictView[];
}

export interface ImportReport {
  accepted: number;
  rejected: number;
  errors: { line: number; message: string }[];
}

export interface VendorProfile {
  skills: TaskType[];
  languages: string[];
  capacityPerHour: number;
  prices: Partial<Record<TaskType, number>>;
}

export interface VendorWorkItem {
  jobId: string;
  title: string;
  labOrgId: string;
  labName: string;
  taskType: TaskType;
  pricePerAnswer: number;
  deadline: string | null;
  status: RoutingShare['status'];
  slots: number;
  openSlots: number;
  jobStatus: JobStatus;
}

/** Charts of a job's life: answers over time, agreement distribution, answers per vendor. */
export interface JobStats {
  jobId: string;
  throughput: { hour: string; answers: number }[];
  agreement: { bucket: number; items: number }[];
  byVendor: { vendorOrgId: string; vendorName: string; answers: number; meanTimeMs: number }[];
  meanAgreement: number | null;
}
