import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TaskSchema, TaskType, VendorProfile } from '@quorum/contracts';
import {
  banking77ToClassification,
  cocoToBbox,
  DATASET_DATA_DIR,
  DATASET_FILES,
  DatasetItem,
  oasstToPairwise,
  oasstToRanking,
  promptsFromOasst,
  splitGold,
  wnut17ToNer,
} from '@quorum/api/jobs';

/** Data files are read relative to the repository root (the seed bundle has no useful __dirname). */
const read = (file: keyof typeof DATASET_FILES, root: string) => readFileSync(join(root, DATASET_DATA_DIR, DATASET_FILES[file].fileName), 'utf8');

export const DEMO_VENDOR_PROFILES: Record<string, VendorProfile> = {
  'Lattice Data': {
    skills: ['classification', 'ner', 'bbox', 'pairwise_preference', 'ranking', 'rating', 'response_writing'],
    languages: ['en', 'de', 'fr'],
    capacityPerHour: 2000,
    prices: { classification: 0.03, ner: 0.07, bbox: 0.1, pairwise_preference: 0.3, ranking: 0.55, rating: 0.22, response_writing: 2.2 },
  },
  'Fernway Annotations': {
    skills: ['classification', 'ner', 'pairwise_preference', 'ranking', 'rating', 'response_writing'],
    languages: ['en', 'es'],
    capacityPerHour: 600,
    prices: { classification: 0.04, ner: 0.08, pairwise_preference: 0.32, ranking: 0.6, rating: 0.25, response_writing: 2.5 },
  },
  'Kestrel Labeling': { skills: ['bbox', 'classification', 'ner'], languages: ['en'], capacityPerHour: 400, prices: { bbox: 0.12, classification: 0.035, ner: 0.08 } },
  'Orchard & Vale': {
    skills: ['pairwise_preference', 'ranking', 'rating', 'response_writing'],
    languages: ['en'],
    capacityPerHour: 300,
    prices: { pairwise_preference: 0.28, ranking: 0.5, rating: 0.2, response_writing: 2 },
  },
  'Tessellate Labs': {
    skills: ['classification', 'ner', 'bbox', 'pairwise_preference', 'ranking', 'rating', 'response_writing'],
    languages: ['en', 'de'],
    capacityPerHour: 500,
    prices: { classification: 0.04, ner: 0.09, bbox: 0.12, pairwise_preference: 0.35, ranking: 0.6, rating: 0.25, response_writing: 2.8 },
  },
};

export interface DemoJob {
  title: string;
  taskType: TaskType;
  schema: TaskSchema;
  instructions: string;
  overlap: number;
  minDistinctVendors: number;
  pricePerAnswer: number;
  goldRatio: number;
  items: DatasetItem<TaskType>[];
  gold: DatasetItem<TaskType>[];
  source: string;
}

/** One job of every task type, on the real public data the repository ships (see its LICENSE.md). */
export function demoJobs(root: string): DemoJob[] {
  const banking = banking77ToClassification(read('banking77Test', root), read('banking77Categories', root), { limit: 154 });
  const bankingSplit = splitGold(banking.items, 0.1);
  const ner = wnut17ToNer(read('wnut17Test', root), { limit: 80 });
  const nerSplit = splitGold(ner.items, 0.1);
  const oasst = read('oasstTrees', root);
  const pairwise = oasstToPairwise(oasst, { limit: 60 });
  const pairwiseSplit = splitGold(pairwise.items, 0.1);
  const ranking = oasstToRanking(oasst, { limit: 40, maxResponses: 4 });
  const rankingSplit = splitGold(ranking.items, 0.1);
  const coco = cocoToBbox(read('cocoMmdetDummy', root));
  const prompts = promptsFromOasst(oasst, { limit: 30 });
  // Rating items: a prompt and one reply, from the pairwise pairs (the first response shown).
  const rating: DatasetItem<'rating'>[] = pairwise.items.slice(0, 40).map((i) => ({
    externalId: `${i.externalId}-rating`,
    data: { prompt: i.data.prompt, response: i.data.responses[0] },
  }));
  return [
    { title: 'Banking77 customer intents', taskType: 'classification', schema: banking.schema, instructions: 'Read the customer message and choose the **intent** it expresses. Use the closest label; when two fit, prefer the more specific one.', overlap: 3, minDistinctVendors: 3, pricePerAnswer: 0.05, goldRatio: 0.1, items: bankingSplit.items, gold: bankingSplit.gold, source: 'Banking77 (CC BY 4.0)' },
    { title: 'Emerging entities in social media posts', taskType: 'ner', schema: ner.schema, instructions: 'Mark every **person, location, group, creative work, corporation and product** named in the post. Select the exact characters; do not include punctuation.', overlap: 2, minDistinctVendors: 2, pricePerAnswer: 0.1, goldRatio: 0.1, items: nerSplit.items, gold: nerSplit.gold, source: 'WNUT-17 (CC BY 4.0)' },
    { title: 'Objects in street photographs', taskType: 'bbox', schema: coco.schema, instructions: 'Draw a tight box around every visible object of the listed kinds.', overlap: 2, minDistinctVendors: 2, pricePerAnswer: 0.15, goldRatio: 0, items: coco.items.map(({ answer: _answer, ...rest }) => rest), gold: [], source: 'COCO val2017 annotations via mmdetection (CC BY 4.0)' },
    { title: 'Assistant reply preferences', taskType: 'pairwise_preference', schema: pairwise.schema, instructions: 'Which reply answers the prompt better? Consider helpfulness, honesty and harmlessness; choose a tie only when they are equally good.', overlap: 3, minDistinctVendors: 3, pricePerAnswer: 0.4, goldRatio: 0.1, items: pairwiseSplit.items, gold: pairwiseSplit.gold, source: 'Open-Assistant `en_100_tree` (Apache-2.0)' },
    { title: 'Rank assistant replies', taskType: 'ranking', schema: ranking.schema, instructions: 'Order the replies from best to worst.', overlap: 3, minDistinctVendors: 2, pricePerAnswer: 0.8, goldRatio: 0.1, items: rankingSplit.items, gold: rankingSplit.gold, source: 'Open-Assistant `en_100_tree` (Apache-2.0)' },
    { title: 'Rate assistant replies', taskType: 'rating', schema: { criteria: ['helpfulness', 'harmlessness', 'honesty'], scale: { min: 1, max: 7 } }, instructions: 'Rate the reply on each criterion from 1 (poor) to 7 (excellent).', overlap: 3, minDistinctVendors: 2, pricePerAnswer: 0.3, goldRatio: 0, items: rating, gold: [], source: 'Open-Assistant `en_100_tree` (Apache-2.0)' },
    { title: 'Write a helpful reply', taskType: 'response_writing', schema: { minLength: 40, maxLength: 4000 }, instructions: 'Write the reply a careful, helpful assistant would give. Cite no sources you cannot check.', overlap: 1, minDistinctVendors: 1, pricePerAnswer: 3, goldRatio: 0, items: prompts.items, gold: [], source: 'Open-Assistant `en_100_tree` prompts (Apache-2.0)' },
  ];
}
