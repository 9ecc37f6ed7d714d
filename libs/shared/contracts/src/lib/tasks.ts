import type { TaskSchema, TaskType } from './jobs';

export interface NextTaskRequest {
  jobId?: string;
}

/** What an annotator receives. Gold items look exactly like real ones. */
export interface TaskView {
  assignmentId: string;
  jobId: string;
  jobTitle: string;
  taskType: TaskType;
  schema: TaskSchema;
  instructions: string;
  item: { id: string; data: unknown };
  leaseExpiresAt: string;
}

export interface SubmitAnswerRequest {
  answer: unknown;
  timeSpentMs: number;
}

export interface SubmitAnswerResponse {
  answerId: string;
}

export interface ReviewView {
  reviewId: string;
  jobId: string;
  jobTitle: string;
  taskType: TaskType;
  schema: TaskSchema;
  instructions: string;
  item: { id: string; data: unknown };
  answers: { answer: unknown; annotator: string }[];
  aggregate: unknown;
  agreement: number;
  leaseExpiresAt: string;
}

export interface ResultLine {
  itemId: string;
  externalId: string | null;
  data: unknown;
  aggregate: unknown;
  confidence: number | null;
  agreement: number | null;
  answerCount: number;
  status: 'pending' | 'aggregated' | 'review' | 'reviewed';
  vendors: { vendorOrgId: string; neutrality: string }[];
}

export interface AnnotatorStats {
  annotatorId: string;
  answers: number;
  answersToday: number;
  goldAnswers: number;
  goldAccuracy: number | null;
  abandoned: number;
  earnings: number;
}

export const WEBHOOK_EVENTS = ['job.completed', 'item.completed', 'conflict.opened'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookView {
  id: string;
  url: string;
  events: WebhookEvent[];
  active: boolean;
  createdAt: string;
  /** Shown once, when the webhook is created. */
  secret?: string;
}

export interface WebhookDeliveryView {
  id: string;
  webhookId: string;
  event: WebhookEvent;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface VendorEarnings {
  vendorOrgId: string;
  total: number;
  answers: number;
  byAnnotator: { annotatorId: string; displayName: string; answers: number; earnings: number; goldAccuracy: number | null; abandoned: number }[];
  byJob: { jobId: string; title: string; labName: string; answers: number; earnings: number }[];
}
