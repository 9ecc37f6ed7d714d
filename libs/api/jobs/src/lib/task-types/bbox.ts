import type { TaskAnswers, TaskItemData } from '@quorum/contracts';
import { TASK_LIMITS } from './limits';
import { at, expected, index, own, type Problems } from './problems';
import {
  LABEL_RULE,
  readFiniteNumber,
  readHttpUrl,
  readInteger,
  readLabelValue,
  readNameList,
  readObject,
} from './readers';
import type { TaskTypeDefinition } from './task-type-definition';

type Box = TaskAnswers['bbox']['boxes'][number];

/** Sub-pixel coordinates are allowed; this absorbs float noise such as 0.1 + 0.2 at the image edge. */
const EDGE_TOLERANCE = 1e-6;

export const bbox: TaskTypeDefinition<'bbox'> = {
  description:
    'Annotators draw labelled boxes (x, y, width, height in pixels from the top-left corner) around objects in an image.',
  example: {
    schema: { labels: ['car', 'pedestrian', 'bicycle'] },
    item: {
      imageUrl: 'https://example.com/images/street-0001.jpg',
      width: 640,
      height: 480,
    },
    answer: {
      boxes: [
        { x: 12, y: 40, w: 200, h: 120, label: 'car' },
        { x: 400.5, y: 210, w: 48, h: 130, label: 'pedestrian' },
      ],
    },
  },

  schema(p, path, value) {
    const start = p.count;
    const o = readObject(p, path, value, ['labels'], 'an object { labels }');
    if (!o) return undefined;
    const labels = readNameList(
      p,
      at(path, 'labels'),
      own(o, 'labels'),
      LABEL_RULE,
    );
    if (labels === undefined || p.count > start) return undefined;
    return { labels };
  },

  item(p, path, _schema, value) {
    const start = p.count;
    const o = readObject(
      p,
      path,
      value,
      ['imageUrl', 'width', 'height'],
      'an object { imageUrl, width?, height? }',
    );
    if (!o) return undefined;
    const imageUrl = readHttpUrl(p, at(path, 'imageUrl'), own(o, 'imageUrl'));
    const dimension = {
      what: 'a positive integer number of pixels (or omit the field)',
      min: 1,
      max: TASK_LIMITS.maxImageDimension,
    };
    const rawWidth = own(o, 'width');
    const rawHeight = own(o, 'height');
    const width =
      rawWidth === undefined
        ? undefined
        : readInteger(p, at(path, 'width'), rawWidth, dimension);
    const height =
      rawHeight === undefined
        ? undefined
        : readInteger(p, at(path, 'height'), rawHeight, dimension);
    if (imageUrl === undefined || p.count > start) return undefined;
    const data: TaskItemData['bbox'] = { imageUrl };
    if (width !== undefined) data.width = width;
    if (height !== undefined) data.height = height;
    return data;
  },

  answer(p, path, schema, item, value) {
    const start = p.count;
    const o = readObject(
      p,
      path,
      value,
      ['boxes'],
      'an object { boxes: [...] }',
    );
    if (!o) return undefined;
    const boxesPath = at(path, 'boxes');
    const raw = own(o, 'boxes');
    if (!Array.isArray(raw)) {
      expected(
        p,
        boxesPath,
        raw,
        'an array of { x, y, w, h, label } (empty when the image has no objects)',
      );
      return undefined;
    }
    if (raw.length > TASK_LIMITS.maxBoxes) {
      p.add(
        boxesPath,
        `must contain at most ${TASK_LIMITS.maxBoxes} boxes, got ${raw.length}`,
      );
      return undefined;
    }
    const labelSet = new Set(schema.labels);
    // Without the image size we can still refuse coordinates no real image has.
    const width = item.width ?? TASK_LIMITS.maxImageDimension;
    const height = item.height ?? TASK_LIMITS.maxImageDimension;
    const widthName =
      item.width === undefined
        ? `the maximum image size (${width})`
        : `data.width (${width})`;
    const heightName =
      item.height === undefined
        ? `the maximum image size (${height})`
        : `data.height (${height})`;
    const boxes: Box[] = [];
    const seen = new Map<string, number>();
    for (let i = 0; i < raw.length; i++) {
      const before = p.count;
      const bp = index(boxesPath, i);
      const bo = readObject(
        p,
        bp,
        raw[i],
        ['x', 'y', 'w', 'h', 'label'],
        'an object { x, y, w, h, label }',
      );
      if (!bo) continue;
      const x = readFiniteNumber(
        p,
        at(bp, 'x'),
        own(bo, 'x'),
        'a finite number of pixels ≥ 0',
      );
      const y = readFiniteNumber(
        p,
        at(bp, 'y'),
        own(bo, 'y'),
        'a finite number of pixels ≥ 0',
      );
      const w = readFiniteNumber(
        p,
        at(bp, 'w'),
        own(bo, 'w'),
        'a finite number of pixels > 0',
      );
      const h = readFiniteNumber(
        p,
        at(bp, 'h'),
        own(bo, 'h'),
        'a finite number of pixels > 0',
      );
      const label = readLabelValue(
        p,
        at(bp, 'label'),
        own(bo, 'label'),
        labelSet,
        schema.labels,
      );
      checkAxis(p, bp, 'x', 'w', x, w, width, widthName);
      checkAxis(p, bp, 'y', 'h', y, h, height, heightName);
      if (
        p.count > before ||
        x === undefined ||
        y === undefined ||
        w === undefined ||
        h === undefined ||
        label === undefined
      )
        continue;
      // An identical box twice is a double click, and would count twice in IoU matching.
      const key = `${x},${y},${w},${h},${label}`;
      const first = seen.get(key);
      if (first !== undefined) {
        p.add(
          bp,
          `repeats ${index(boxesPath, first)} exactly; remove the duplicate box`,
        );
        continue;
      }
      seen.set(key, i);
      boxes.push({ x, y, w, h, label });
    }
    return p.count === start ? { boxes } : undefined;
  },
};

/** One axis of a box: origin ≥ 0 and inside the image, size > 0, far edge not past the image. */
function checkAxis(
  p: Problems,
  boxPath: string,
  originKey: 'x' | 'y',
  sizeKey: 'w' | 'h',
  origin: number | undefined,
  size: number | undefined,
  limit: number,
  limitName: string,
): void {
  let originOk = origin !== undefined;
  if (origin !== undefined && origin < 0) {
    p.add(at(boxPath, originKey), `must be at least 0, got ${origin}`);
    originOk = false;
  } else if (origin !== undefined && origin >= limit) {
    p.add(
      at(boxPath, originKey),
      `must be less than ${limitName}, got ${origin}`,
    );
    originOk = false;
  }
  if (size !== undefined && size <= 0) {
    p.add(at(boxPath, sizeKey), `must be greater than 0, got ${size}`);
  } else if (
    originOk &&
    origin !== undefined &&
    size !== undefined &&
    origin + size > limit + EDGE_TOLERANCE
  ) {
    p.add(
      at(boxPath, sizeKey),
      `reaches past the image edge: ${originKey} + ${sizeKey} = ${origin + size}, more than ${limitName}`,
    );
  }
}
