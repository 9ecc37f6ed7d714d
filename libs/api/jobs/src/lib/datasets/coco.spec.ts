import { cocoToBbox } from './coco';
import { allContractProblems, readDataFile } from './datasets.test-helpers';

interface CocoFile {
  images: { id: number; coco_url?: string; width: number; height: number }[];
  annotations: {
    id: number;
    image_id: number;
    bbox: number[];
    category_id: number;
    iscrowd: number;
  }[];
  categories: { id: number; name: string }[];
}

describe('cocoToBbox', () => {
  describe('on the mmdetection COCO val2017 dummy (2 images)', () => {
    const json = readDataFile('cocoMmdetDummy');
    const coco = JSON.parse(json) as CocoFile;
    const converted = cocoToBbox(json);

    it('gives one item per image with its coco_url and size, and the 36 non-crowd boxes as answers', () => {
      expect(converted.taskType).toBe('bbox');
      expect(converted.items.map((item) => item.externalId)).toEqual([
        'coco-image-255917',
        'coco-image-139',
      ]);
      expect(converted.items.map((item) => item.data)).toEqual([
        {
          imageUrl: 'http://images.cocodataset.org/val2017/000000255917.jpg',
          width: 640,
          height: 427,
        },
        {
          imageUrl: 'http://images.cocodataset.org/val2017/000000000139.jpg',
          width: 640,
          height: 426,
        },
      ]);
      expect(converted.items.map((item) => item.answer!.boxes.length)).toEqual([
        16, 20,
      ]);
    });

    it('copies every non-crowd bbox [x, y, w, h] with its category name, and leaves out the crowd region', () => {
      const names = new Map(
        coco.categories.map((category) => [category.id, category.name]),
      );
      const expected = (imageId: number) =>
        coco.annotations
          .filter(
            (annotation) =>
              annotation.image_id === imageId && annotation.iscrowd === 0,
          )
          .map(({ bbox: [x, y, w, h], category_id }) => ({
            x,
            y,
            w,
            h,
            label: names.get(category_id),
          }));
      expect(converted.items[0].answer!.boxes).toEqual(expected(255917));
      expect(converted.items[1].answer!.boxes).toEqual(expected(139));
      expect(
        coco.annotations
          .filter((annotation) => annotation.iscrowd === 1)
          .map((annotation) => annotation.id),
      ).toEqual([900300255917]);
      expect(converted.warnings).toEqual([
        'image 255917: 1 iscrowd region(s) left out; its gold boxes miss the objects inside them',
      ]);
    });

    it('lists as labels only the categories that have a box, in category order (or all 80 on request)', () => {
      const used = new Set(
        converted.items.flatMap((item) =>
          item.answer!.boxes.map((box) => box.label),
        ),
      );
      expect(converted.schema.labels).toHaveLength(13);
      expect(new Set(converted.schema.labels)).toEqual(used);
      expect(converted.schema.labels.slice(0, 3)).toEqual([
        'person',
        'car',
        'truck',
      ]);
      expect(cocoToBbox(json, { allCategories: true }).schema.labels).toEqual(
        coco.categories.map((category) => category.name),
      );
    });

    it('matches the contract shapes and is deterministic', () => {
      expect(allContractProblems(converted)).toEqual([]);
      expect(cocoToBbox(json)).toEqual(converted);
    });
  });

  describe('on the SAHI terrain file (3 images, file names only, wrong areas)', () => {
    const json = readDataFile('sahiTerrain');

    it('skips images it has no URL for, and says so', () => {
      const converted = cocoToBbox(json);
      expect(converted.items).toEqual([]);
      expect(converted.warnings).toEqual([
        'image 1 (terrain3.png): no coco_url or flickr_url and no baseUrl given; skipped',
        'image 2 (terrain2.png): no coco_url or flickr_url and no baseUrl given; skipped',
        'image 3 (terrain1.jpg): no coco_url or flickr_url and no baseUrl given; skipped',
        '3 images skipped for lack of a URL; pass { baseUrl } where the files are served',
        '22 annotations have an "area" larger than their bbox (wrong in the source); area is ignored, boxes come from "bbox"',
      ]);
    });

    it('uses baseUrl + file_name when given: 3 items, 22 boxes of human and car', () => {
      const converted = cocoToBbox(json, {
        baseUrl: 'https://static.quorum.local/terrain',
        idPrefix: 'sahi-terrain-',
      });
      expect(
        converted.items.map((item) => [
          item.externalId,
          item.data.imageUrl,
          item.answer!.boxes.length,
        ]),
      ).toEqual([
        [
          'sahi-terrain-1',
          'https://static.quorum.local/terrain/terrain3.png',
          10,
        ],
        [
          'sahi-terrain-2',
          'https://static.quorum.local/terrain/terrain2.png',
          5,
        ],
        [
          'sahi-terrain-3',
          'https://static.quorum.local/terrain/terrain1.jpg',
          7,
        ],
      ]);
      expect(converted.schema).toEqual({ labels: ['human', 'car'] });
      expect(converted.items[0].answer!.boxes[0]).toEqual({
        x: 705,
        y: 1446,
        w: 130,
        h: 233,
        label: 'human',
      });
      expect(converted.warnings).toEqual([
        '22 annotations have an "area" larger than their bbox (wrong in the source); area is ignored, boxes come from "bbox"',
      ]);
      expect(allContractProblems(converted)).toEqual([]);
    });
  });

  it('clips boxes to the image and skips empty or unknown ones', () => {
    const converted = cocoToBbox(
      JSON.stringify({
        images: [
          {
            id: 1,
            width: 100,
            height: 50,
            coco_url: 'https://example.org/1.jpg',
          },
        ],
        categories: [{ id: 7, name: 'cat' }],
        annotations: [
          {
            id: 1,
            image_id: 1,
            category_id: 7,
            bbox: [-10, 10, 30, 60],
            iscrowd: 0,
          },
          {
            id: 2,
            image_id: 1,
            category_id: 7,
            bbox: [10, 10, 0, 5],
            iscrowd: 0,
          },
          {
            id: 3,
            image_id: 1,
            category_id: 8,
            bbox: [10, 10, 5, 5],
            iscrowd: 0,
          },
          {
            id: 4,
            image_id: 2,
            category_id: 7,
            bbox: [10, 10, 5, 5],
            iscrowd: 0,
          },
        ],
      }),
    );
    expect(converted.items[0].answer).toEqual({
      boxes: [{ x: 0, y: 10, w: 20, h: 40, label: 'cat' }],
    });
    expect(converted.warnings).toEqual([
      'annotation 2: box [10, 10, 0, 5] is empty or outside the image; skipped',
      'annotation 3: unknown category 8; skipped',
      'annotation 4: image 2 is not in "images"; skipped',
      '1 boxes reached outside their image and were clipped to it',
    ]);
  });
});
