import type { TaskAnswers } from '@quorum/contracts';
import {
  type ConvertedDataset,
  type DatasetItem,
  DatasetFormatError,
} from './dataset.types';
import { WarningLog } from './warning-log';

export interface CocoOptions {
  limit?: number;
  /**
   * Where the image files are served. Used for images without `coco_url`/`flickr_url` (the SAHI
   * file has only `file_name`): imageUrl = baseUrl + file_name. Without it such images are skipped.
   */
  baseUrl?: string;
  /** externalId = prefix + COCO image id; default 'coco-image-'. */
  idPrefix?: string;
  /** schema.labels lists every category of the file, not only those with a box. Default false. */
  allCategories?: boolean;
}

type Box = TaskAnswers['bbox']['boxes'][number];

interface CocoImage {
  id: number | string;
  width?: number;
  height?: number;
  url: string | null;
  fileName: string | null;
}

/**
 * A COCO instances file (`images`, `annotations`, `categories`) → a `bbox` job: one item per image
 * `{ imageUrl, width, height }`, answer `{ boxes }` from each annotation's `bbox` `[x, y, w, h]`
 * (pixels) with its category name as label.
 *
 * - imageUrl: `coco_url`, else `flickr_url`, else `baseUrl` + `file_name`; otherwise skipped.
 * - `iscrowd` annotations are left out (a crowd region is a mask over many objects, not a box):
 *   the gold for an image that has one misses the objects inside it, which the warnings name.
 * - `area` is ignored; annotations whose `area` exceeds their box (SAHI terrain stores the image
 *   area in every annotation) are counted in the warnings.
 * - Boxes that reach outside the image are clipped to it; empty boxes are skipped.
 * - schema.labels: the category names used by the kept boxes, in category-id order.
 */
export function cocoToBbox(
  cocoJson: string,
  options: CocoOptions = {},
): ConvertedDataset<'bbox'> {
  const idPrefix = options.idPrefix ?? 'coco-image-';
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const log = new WarningLog();
  const coco = parseCoco(cocoJson);

  const categories = new Map<number | string, string>();
  const categoryOrder: (number | string)[] = [];
  for (const category of coco.categories) {
    if (
      !isRecord(category) ||
      !isId(category['id']) ||
      typeof category['name'] !== 'string' ||
      category['name'].trim() === ''
    ) {
      log.add(
        `category ${JSON.stringify(category)}: needs an id and a name; ignored`,
      );
      continue;
    }
    const name = category['name'].trim();
    if ([...categories.values()].includes(name))
      log.add(
        `category name "${name}" is used by more than one id; their boxes share the label`,
      );
    categories.set(category['id'], name);
    categoryOrder.push(category['id']);
  }

  const boxesByImage = new Map<number | string, Box[]>();
  const crowdByImage = new Map<number | string, number>();
  let wrongArea = 0;
  let clipped = 0;
  const images = new Map<number | string, CocoImage>();
  for (const image of coco.images) {
    const parsed = readImage(image, options.baseUrl);
    if (parsed === null)
      log.add(
        `image ${JSON.stringify(image).slice(0, 80)}: needs an id; skipped`,
      );
    else images.set(parsed.id, parsed);
  }

  for (const annotation of coco.annotations) {
    if (!isRecord(annotation)) continue;
    const where = `annotation ${String(annotation['id'])}`;
    const imageId = annotation['image_id'];
    const image = isId(imageId) ? images.get(imageId) : undefined;
    if (image === undefined) {
      log.add(`${where}: image ${String(imageId)} is not in "images"; skipped`);
      continue;
    }
    if (annotation['iscrowd'] === 1 || annotation['iscrowd'] === true) {
      crowdByImage.set(image.id, (crowdByImage.get(image.id) ?? 0) + 1);
      continue;
    }
    const label = isId(annotation['category_id'])
      ? categories.get(annotation['category_id'])
      : undefined;
    if (label === undefined) {
      log.add(
        `${where}: unknown category ${String(annotation['category_id'])}; skipped`,
      );
      continue;
    }
    const bbox = annotation['bbox'];
    if (
      !Array.isArray(bbox) ||
      bbox.length !== 4 ||
      !bbox.every((v) => typeof v === 'number' && Number.isFinite(v))
    ) {
      log.add(`${where}: bbox must be [x, y, w, h] numbers; skipped`);
      continue;
    }
    const [x, y, w, h] = bbox as number[];
    const area = annotation['area'];
    if (typeof area === 'number' && area > w * h * (1 + 1e-6)) wrongArea += 1;
    const box = clip({ x, y, w, h, label }, image);
    if (box === null) {
      log.add(
        `${where}: box [${bbox.join(', ')}] is empty or outside the image; skipped`,
      );
      continue;
    }
    if (box.x !== x || box.y !== y || box.w !== w || box.h !== h) clipped += 1;
    const boxes = boxesByImage.get(image.id) ?? [];
    boxes.push(box);
    boxesByImage.set(image.id, boxes);
  }

  const items: DatasetItem<'bbox'>[] = [];
  const usedLabels = new Set<string>();
  let withoutUrl = 0;
  for (const image of images.values()) {
    if (items.length >= limit) break;
    if (image.url === null) {
      withoutUrl += 1;
      log.add(
        `image ${image.id} (${image.fileName ?? 'no file_name'}): no coco_url or flickr_url and no baseUrl given; skipped`,
      );
      continue;
    }
    const boxes = boxesByImage.get(image.id) ?? [];
    boxes.forEach((box) => usedLabels.add(box.label));
    const crowd = crowdByImage.get(image.id) ?? 0;
    if (crowd > 0) {
      log.add(
        `image ${image.id}: ${crowd} iscrowd region(s) left out; its gold boxes miss the objects inside them`,
      );
    }
    items.push({
      externalId: `${idPrefix}${image.id}`,
      data: {
        imageUrl: image.url,
        ...(image.width !== undefined ? { width: image.width } : {}),
        ...(image.height !== undefined ? { height: image.height } : {}),
      },
      answer: { boxes },
    });
  }
  log.note(
    withoutUrl,
    `${withoutUrl} images skipped for lack of a URL; pass { baseUrl } where the files are served`,
  );
  log.note(
    wrongArea,
    `${wrongArea} annotations have an "area" larger than their bbox (wrong in the source); area is ignored, boxes come from "bbox"`,
  );
  log.note(
    clipped,
    `${clipped} boxes reached outside their image and were clipped to it`,
  );

  const labels = categoryOrder
    .map((id) => categories.get(id) as string)
    .filter(
      (name, index, all) =>
        all.indexOf(name) === index &&
        (options.allCategories === true || usedLabels.has(name)),
    );
  return {
    taskType: 'bbox',
    schema: { labels },
    items,
    warnings: log.toArray(),
  };
}

function parseCoco(cocoJson: string): {
  images: unknown[];
  annotations: unknown[];
  categories: unknown[];
} {
  let value: unknown;
  try {
    value = JSON.parse(cocoJson);
  } catch (error) {
    throw new DatasetFormatError(
      'coco',
      `not JSON: ${(error as Error).message}`,
    );
  }
  if (!isRecord(value))
    throw new DatasetFormatError('coco', 'expected a JSON object');
  const { images, annotations, categories } = value;
  if (
    !Array.isArray(images) ||
    !Array.isArray(annotations) ||
    !Array.isArray(categories)
  ) {
    throw new DatasetFormatError(
      'coco',
      'expected "images", "annotations" and "categories" arrays',
    );
  }
  return { images, annotations, categories };
}

function readImage(
  value: unknown,
  baseUrl: string | undefined,
): CocoImage | null {
  if (!isRecord(value) || !isId(value['id'])) return null;
  const fileName =
    typeof value['file_name'] === 'string' && value['file_name'] !== ''
      ? value['file_name']
      : null;
  const url =
    nonEmptyString(value['coco_url']) ??
    nonEmptyString(value['flickr_url']) ??
    (baseUrl !== undefined && fileName !== null
      ? new URL(fileName, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).href
      : null);
  return {
    id: value['id'],
    width: positive(value['width']),
    height: positive(value['height']),
    url,
    fileName,
  };
}

/** The part of the box inside the image (when its size is known); null when nothing is left. */
function clip(box: Box, image: CocoImage): Box | null {
  const x0 = Math.max(0, box.x);
  const y0 = Math.max(0, box.y);
  const x1 =
    image.width !== undefined
      ? Math.min(image.width, box.x + box.w)
      : box.x + box.w;
  const y1 =
    image.height !== undefined
      ? Math.min(image.height, box.y + box.h)
      : box.y + box.h;
  if (!(x1 > x0 && y1 > y0)) return null;
  if (
    x0 === box.x &&
    y0 === box.y &&
    x1 === box.x + box.w &&
    y1 === box.y + box.h
  )
    return box;
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0, label: box.label };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isId(value: unknown): value is number | string {
  return (
    (typeof value === 'number' && Number.isFinite(value)) ||
    (typeof value === 'string' && value !== '')
  );
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0
    ? value
    : undefined;
}
