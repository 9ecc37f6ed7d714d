import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DATASET_DATA_DIR, DATASET_FILES } from './dataset-files';

describe('bundled dataset files', () => {
  const dir = join(__dirname, 'data');

  it.each(Object.entries(DATASET_FILES))(
    '%s is a byte-for-byte copy of the upstream file',
    (_key, file) => {
      const bytes = readFileSync(join(dir, file.fileName));
      expect(bytes.length).toBe(file.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(
        file.sha256,
      );
    },
  );

  it('has a licence note naming every data file, and no unlisted data file', () => {
    const listed = Object.values(DATASET_FILES).map((file) => file.fileName);
    const present = readdirSync(dir).filter(
      (name) => !['LICENSE.md', '.gitattributes'].includes(name),
    );
    expect(present.sort()).toEqual([...listed].sort());
    const licence = readFileSync(join(dir, 'LICENSE.md'), 'utf8');
    for (const file of Object.values(DATASET_FILES)) {
      expect(licence).toContain(file.fileName);
      expect(licence).toContain(file.sha256);
      expect(licence).toContain(file.source.commit);
    }
  });

  it('DATASET_DATA_DIR points at this folder from the repository root', () => {
    expect(
      join(__dirname, 'data').replace(/\\/g, '/').endsWith(DATASET_DATA_DIR),
    ).toBe(true);
  });
});
