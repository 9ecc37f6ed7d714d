import type { JobStatus, RoutingShare, TaskType } from '@quorum/contracts';

export const TASK_TYPE_LABELS: Record<TaskType, string> = {
  classification: 'Classification',
  ner: 'Named entities',
  bbox: 'Bounding boxes',
  pairwise_preference: 'Pairwise preference',
  ranking: 'Ranking',
  rating: 'Rating',
  response_writing: 'Response writing',
};

export const JOB_STATUS_LABELS: Record<JobStatus, string> = {
  draft: 'Draft',
  published: 'Published',
  in_progress: 'In progress',
  completed: 'Completed',
  paused: 'Paused',
  cancelled: 'Cancelled',
};

/** Tone and icon of a status chip (never colour alone: the word is always there). */
export const JOB_STATUS_LOOK: Record<
  JobStatus,
  { tone: 'good' | 'warn' | 'bad' | 'info' | 'neutral'; icon: string }
> = {
  draft: { tone: 'neutral', icon: 'edit' },
  published: { tone: 'info', icon: 'send' },
  in_progress: { tone: 'info', icon: 'play_arrow' },
  completed: { tone: 'good', icon: 'check_circle' },
  paused: { tone: 'warn', icon: 'pause' },
  cancelled: { tone: 'bad', icon: 'block' },
};

export const SHARE_STATUS_LABELS: Record<RoutingShare['status'], string> = {
  offered: 'Offered',
  accepted: 'Accepted',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
};

export function taskTypeLabel(type: TaskType): string {
  return TASK_TYPE_LABELS[type] ?? type;
}

/** Pairwise and ranking results also export as chosen/rejected preference pairs. */
export function hasPreferencePairs(type: TaskType): boolean {
  return type === 'pairwise_preference' || type === 'ranking';
}
