import {
  type ConvertedDataset,
  type DatasetItem,
  DatasetFormatError,
} from './dataset.types';
import { seededShuffle, seededUnit } from './deterministic-random';
import { parseJsonLines } from './json-lines';
import { WarningLog } from './warning-log';

/** One message of an Open-Assistant (OASST1) message tree, as exported in `*_tree.jsonl`. */
export interface OasstMessage {
  message_id: string;
  text: string;
  role: 'prompter' | 'assistant';
  /** 0 = best among its ranked siblings; null or absent when the siblings were never ranked. */
  rank?: number | null;
  synthetic?: boolean;
  deleted?: boolean;
  review_result?: boolean | null;
  emojis?: Record<string, number>;
  replies: OasstMessage[];
}

export interface OasstOptions {
  limit?: number;
  /**
   * Keep model-generated (`synthetic`) messages. Default false: in en_100_tree.jsonl the 5 synthetic
   * trees are a test model's prompts and replies, not crowd data.
   */
  includeSynthetic?: boolean;
  /**
   * Keep replies that volunteers flagged with the `red_flag` emoji (inappropriate or harmful).
   * Default false: three of the six are ranked best among their siblings, which would make a
   * flagged reply the gold "best" answer. Dropping a reply keeps the relative order of the rest.
   */
  includeRedFlagged?: boolean;
  /**
   * 'none' (default): the prompt is the prompter message's own text, even for a follow-up turn.
   * 'dialogue': the prompt is the whole conversation up to that message ("User: …\n\nAssistant: …").
   */
  context?: 'none' | 'dialogue';
}

export interface OasstRankingOptions extends OasstOptions {
  /** Keep at most this many (best-ranked) replies per item; default 20. */
  maxResponses?: number;
}

/** A prompter message and its usable ranked assistant replies, best first. */
interface RankedGroup {
  prompter: OasstMessage;
  prompt: string;
  replies: OasstMessage[];
  /** The prompter message answers an assistant reply (it is not the tree's root). */
  followUp: boolean;
}

const DATASET = 'oasst';

/**
 * OASST trees → `ranking`: one item per prompter message (at any depth: follow-up turns count)
 * with at least two usable ranked assistant replies. Responses are shuffled, seeded by the
 * prompter's message_id (the export lists replies best first, which would give the answer away);
 * the answer `order` lists response indexes best first, from the volunteers' ranks.
 */
export function oasstToRanking(
  jsonlText: string,
  options: OasstRankingOptions = {},
): ConvertedDataset<'ranking'> {
  const log = new WarningLog();
  const maxResponses = options.maxResponses ?? 20;
  if (!(Number.isInteger(maxResponses) && maxResponses >= 2))
    throw new RangeError('oasstToRanking: maxResponses must be an integer ≥ 2');
  let truncated = 0;
  const items = rankedGroups(jsonlText, options, log).map(
    ({ prompter, prompt, replies }): DatasetItem<'ranking'> => {
      if (replies.length > maxResponses) truncated += 1;
      const shown = seededShuffle(
        replies.slice(0, maxResponses),
        prompter.message_id,
      );
      const order = shown
        .map((reply, index) => ({ index, rank: reply.rank ?? 0 }))
        .sort((x, y) => x.rank - y.rank)
        .map(({ index }) => index);
      return {
        externalId: prompter.message_id,
        data: { prompt, responses: shown.map((reply) => reply.text) },
        answer: { order },
      };
    },
  );
  log.note(
    truncated,
    `${truncated} items had more than ${maxResponses} ranked replies; kept the best ${maxResponses}`,
  );
  return { taskType: 'ranking', schema: {}, items, warnings: log.toArray() };
}

/**
 * OASST trees → `pairwise_preference`: for every prompter message with at least two usable ranked
 * replies, the best- and the worst-ranked reply. Which one is `a` is decided by a hash of the
 * message_id (about half each way); the answer `choice` points at the better one. The schema
 * allows ties and names no criteria, so the gold answers (`{ choice }` only) satisfy it.
 */
export function oasstToPairwise(
  jsonlText: string,
  options: OasstOptions = {},
): ConvertedDataset<'pairwise_preference'> {
  const log = new WarningLog();
  const items: DatasetItem<'pairwise_preference'>[] = [];
  for (const { prompter, prompt, replies } of rankedGroups(
    jsonlText,
    options,
    log,
  )) {
    const best = replies[0];
    const worst = replies[replies.length - 1];
    if (best.text === worst.text) {
      log.add(
        `message ${prompter.message_id}: best and worst replies have the same text; skipped`,
      );
      continue;
    }
    const bestFirst = seededUnit(prompter.message_id) < 0.5;
    items.push({
      externalId: prompter.message_id,
      data: {
        prompt,
        responses: bestFirst
          ? [best.text, worst.text]
          : [worst.text, best.text],
      },
      answer: { choice: bestFirst ? 'a' : 'b' },
    });
  }
  return {
    taskType: 'pairwise_preference',
    schema: { allowTie: true },
    items,
    warnings: log.toArray(),
  };
}

/**
 * OASST trees → `response_writing`: the root prompt of every tree (the conversation openers), no
 * answer. Synthetic, deleted and red-flagged prompts are skipped unless asked for.
 */
export function promptsFromOasst(
  jsonlText: string,
  options: Omit<OasstOptions, 'context'> = {},
): ConvertedDataset<'response_writing'> {
  const log = new WarningLog();
  const items: DatasetItem<'response_writing'>[] = [];
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  let excluded = 0;
  for (const root of oasstTrees(jsonlText, (message) => log.add(message))) {
    if (items.length >= limit) break;
    if (root.role !== 'prompter') {
      log.add(
        `tree ${root.message_id}: root message is not a prompter message; skipped`,
      );
      continue;
    }
    if (exclusionReason(root, options) !== null) {
      excluded += 1;
      continue;
    }
    items.push({ externalId: root.message_id, data: { prompt: root.text } });
  }
  log.note(
    excluded,
    `${excluded} root prompts skipped (synthetic, deleted, failed review or red-flagged)`,
  );
  return {
    taskType: 'response_writing',
    schema: {},
    items,
    warnings: log.toArray(),
  };
}

/** The root message of every tree line in an OASST `*_tree.jsonl` text; bad lines become warnings. */
export function* oasstTrees(
  jsonlText: string,
  warn: (message: string) => void = () => undefined,
): Generator<OasstMessage> {
  let lines = 0;
  for (const { value, lineNumber } of parseJsonLines(
    jsonlText,
    (line, message) => warn(`line ${line}: ${message}; skipped`),
  )) {
    lines += 1;
    const prompt = isRecord(value) ? value['prompt'] : undefined;
    const root = readMessage(prompt, `line ${lineNumber}`, warn);
    if (root === null) {
      warn(`line ${lineNumber}: no valid "prompt" message tree; skipped`);
      continue;
    }
    yield root;
  }
  if (lines === 0) throw new DatasetFormatError(DATASET, 'no JSON lines found');
}

function rankedGroups(
  jsonlText: string,
  options: OasstOptions,
  log: WarningLog,
): RankedGroup[] {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const groups: RankedGroup[] = [];
  const dropped = {
    prompter: 0,
    synthetic: 0,
    redFlag: 0,
    other: 0,
    tooFew: 0,
  };

  const visit = (
    message: OasstMessage,
    path: readonly OasstMessage[],
  ): void => {
    const dialogue = [...path, message];
    if (message.role === 'prompter') {
      const group = groupFor(message, dialogue);
      if (group !== null && groups.length < limit) groups.push(group);
    }
    for (const reply of message.replies) visit(reply, dialogue);
  };

  const groupFor = (
    prompter: OasstMessage,
    dialogue: readonly OasstMessage[],
  ): RankedGroup | null => {
    const ranked = prompter.replies.filter(
      (reply) => reply.role === 'assistant' && typeof reply.rank === 'number',
    );
    if (ranked.length < 2) return null;
    // In 'none' mode only the prompter message is shown; in 'dialogue' mode every turn up to it is.
    const shownContext = options.context === 'dialogue' ? dialogue : [prompter];
    if (
      shownContext.some((message) => exclusionReason(message, options) !== null)
    ) {
      dropped.prompter += 1;
      return null;
    }
    const replies = ranked.filter((reply) => {
      const reason = exclusionReason(reply, options);
      if (reason !== null) dropped[reason] += 1;
      return reason === null;
    });
    if (replies.length < 2) {
      dropped.tooFew += 1;
      return null;
    }
    replies.sort((x, y) => (x.rank ?? 0) - (y.rank ?? 0));
    const prompt =
      options.context === 'dialogue' && dialogue.length > 1
        ? dialogue
            .map(
              (turn) =>
                `${turn.role === 'prompter' ? 'User' : 'Assistant'}: ${turn.text}`,
            )
            .join('\n\n')
        : prompter.text;
    return { prompter, prompt, replies, followUp: dialogue.length > 1 };
  };

  for (const root of oasstTrees(jsonlText, (message) => log.add(message)))
    visit(root, []);

  log.note(
    dropped.prompter,
    `${dropped.prompter} ranked groups skipped: the prompt (or its conversation) is synthetic, deleted, failed review or red-flagged`,
  );
  log.note(
    dropped.synthetic,
    `${dropped.synthetic} synthetic (model-written) replies left out`,
  );
  log.note(
    dropped.redFlag,
    `${dropped.redFlag} red-flagged replies left out (the rest keep their relative order)`,
  );
  log.note(
    dropped.other,
    `${dropped.other} deleted or review-failed replies left out`,
  );
  log.note(
    dropped.tooFew,
    `${dropped.tooFew} ranked groups skipped: fewer than 2 usable replies left`,
  );
  if (options.context !== 'dialogue') {
    const followUps = groups.filter((group) => group.followUp).length;
    log.note(
      followUps,
      `${followUps} prompts are follow-up turns shown without the conversation before them; pass { context: 'dialogue' } to include it`,
    );
  }
  return groups;
}

type ExclusionReason = 'synthetic' | 'redFlag' | 'other';

function exclusionReason(
  message: OasstMessage,
  options: OasstOptions,
): ExclusionReason | null {
  if (message.deleted === true || message.review_result === false)
    return 'other';
  if (message.synthetic === true && options.includeSynthetic !== true)
    return 'synthetic';
  if (
    (message.emojis?.['red_flag'] ?? 0) > 0 &&
    options.includeRedFlagged !== true
  )
    return 'redFlag';
  return null;
}

function readMessage(
  value: unknown,
  where: string,
  warn: (message: string) => void,
): OasstMessage | null {
  if (!isRecord(value)) return null;
  const {
    message_id: id,
    text,
    role,
    rank,
    synthetic,
    deleted,
    review_result: reviewResult,
    emojis,
    replies,
  } = value;
  if (
    typeof id !== 'string' ||
    typeof text !== 'string' ||
    (role !== 'prompter' && role !== 'assistant')
  ) {
    warn(
      `${where}: a message lacks message_id, text or a prompter/assistant role; it and its replies skipped`,
    );
    return null;
  }
  const message: OasstMessage = {
    message_id: id,
    text,
    role,
    rank: typeof rank === 'number' && Number.isInteger(rank) ? rank : null,
    synthetic: synthetic === true,
    deleted: deleted === true,
    review_result: typeof reviewResult === 'boolean' ? reviewResult : null,
    emojis: isRecord(emojis)
      ? (Object.fromEntries(
          Object.entries(emojis).filter(([, n]) => typeof n === 'number'),
        ) as Record<string, number>)
      : {},
    replies: [],
  };
  if (Array.isArray(replies)) {
    for (const reply of replies) {
      const child = readMessage(reply, where, warn);
      if (child !== null) message.replies.push(child);
    }
  }
  return message;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
