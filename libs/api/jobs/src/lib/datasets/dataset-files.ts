/**
 * The third-party data files bundled in `./data` (see data/LICENSE.md). Byte-for-byte copies of
 * upstream files: do not reformat them; `datasets.spec.ts` checks these sizes and checksums.
 */
export interface DatasetFile {
  fileName: string;
  bytes: number;
  sha256: string;
  source: { repo: string; commit: string; path: string };
  /** SPDX identifier of the licence we rely on. */
  licence: string;
  /** Credit to give wherever the data is shown or shipped. */
  attribution?: string;
  /** Must be shown before anyone reads the content. */
  contentWarning?: string;
}

/** Where `./data` is, relative to the repository root (bundled code has no useful __dirname). */
export const DATASET_DATA_DIR = 'libs/api/jobs/src/lib/datasets/data';

export const DATASET_FILES = {
  banking77Test: {
    fileName: 'banking77_test.csv',
    bytes: 239_961,
    sha256: 'd12d6e3bc4c3103966ae786dc435913c0c563dfa328f5a3646d0e62cfeeb474d',
    source: {
      repo: 'PolyAI-LDN/task-specific-datasets',
      commit: '57ec275d8078af65b7731c2a98be812d844a6d6b',
      path: 'banking_data/test.csv',
    },
    licence: 'CC-BY-4.0',
    attribution:
      'Casanueva et al. 2020, "Efficient Intent Detection with Dual Sentence Encoders" (Banking77, PolyAI)',
  },
  banking77Categories: {
    fileName: 'banking77_categories.json',
    bytes: 2_036,
    sha256: '53261da888122daf2d120d925458631d9619e15d82e56052e7a42e535ce32b63',
    source: {
      repo: 'PolyAI-LDN/task-specific-datasets',
      commit: '57ec275d8078af65b7731c2a98be812d844a6d6b',
      path: 'banking_data/categories.json',
    },
    licence: 'CC-BY-4.0',
    attribution:
      'Casanueva et al. 2020, "Efficient Intent Detection with Dual Sentence Encoders" (Banking77, PolyAI)',
  },
  wnut17Test: {
    fileName: 'emerging.test.annotated',
    bytes: 192_425,
    sha256: '2aa79b764e56ec9264a1b30fdd9b70195bd00ff400b62edd8f399d5f13c178f0',
    source: {
      repo: 'leondz/emerging_entities_17',
      commit: 'e52a2d2a71ac1a051ca2d532eef28653c5c02603',
      path: 'emerging.test.annotated',
    },
    licence: 'CC-BY-4.0',
    attribution:
      'Derczynski et al. 2017, "Results of the WNUT2017 Shared Task on Novel and Emerging Entity Recognition"',
  },
  oasstTrees: {
    fileName: 'en_100_tree.jsonl',
    bytes: 979_838,
    sha256: 'a27639214a5098bf9e1cc62a855c85c630b64ab48ee94655e7f6046438b0aedb',
    source: {
      repo: 'LAION-AI/Open-Assistant',
      commit: 'f1e6ed9526f5817531f3ab85441a40b3671ddccb',
      path: 'model/model_eval/manual/data/en_100_tree.jsonl',
    },
    licence: 'Apache-2.0',
  },
  hhRlhfHarmlessTest: {
    fileName: 'hh-rlhf-harmless-base-test.first300.jsonl',
    bytes: 402_495,
    sha256: '5c1ba01dfe7b67142de46367a27f64de621fddefcc6a6f37dcf045c09ba2b87f',
    source: {
      repo: 'anthropics/hh-rlhf',
      commit: '354e5c3cb8960630860dd5774a6ac2a58313bf4d',
      path: 'harmless-base/test.jsonl.gz (first 300 lines, decompressed)',
    },
    licence: 'MIT',
    contentWarning:
      'Offensive content: red-team data with harmful requests, sexual and violent language. Keep it out of customer-facing demos.',
  },
  cocoMmdetDummy: {
    fileName: 'mmdet_coco_dummy_instances_val2017.json',
    bytes: 20_130,
    sha256: '35e008d8a3b713f0cc7935c89143e686f04f415c8687fee51bb58caad00f363d',
    source: {
      repo: 'open-mmlab/mmdetection',
      commit: '2f2f6ab82eea3d7a7995859873ca2755bf9417fd',
      path: 'tests/data/coco_dummy/annotations/instances_val2017.json',
    },
    licence: 'CC-BY-4.0',
    attribution:
      'COCO Consortium (val2017 annotations), via open-mmlab/mmdetection (Apache-2.0). Images are not bundled and keep their own Flickr licences.',
  },
  sahiTerrain: {
    fileName: 'sahi_terrain_all_coco.json',
    bytes: 13_497,
    sha256: '3515d6eb5a17dcd57dcdc0e1652869d7afa1ce83986ab700b1cf7b111feff91a',
    source: {
      repo: 'obss/sahi',
      commit: '9a4e5696bc7995ffc3c075460e14e2d96ae1b412',
      path: 'tests/data/coco_utils/terrain_all_coco.json',
    },
    licence: 'MIT',
  },
} as const satisfies Record<string, DatasetFile>;
