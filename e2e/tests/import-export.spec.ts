/**
 * Import and export: real-world definitions from ../shared/corpus render one node per state and export back
 * byte-identical; a malformed file is refused with its line, leaving the open workflow untouched.
 */
import path from 'node:path';
import { pickCorpus } from './corpus';
import {
  expect,
  expectCanvasShows,
  exportDocument,
  importFile,
  openApp,
  readSample,
  snap,
  test,
  writeTestFile,
} from './fixtures';

const sample = readSample();
const corpus = pickCorpus(10);

test.describe('importing real-world definitions', () => {
  test.skip(corpus.length === 0, '../shared/corpus/defs is not beside this checkout');

  for (const [i, c] of corpus.entries()) {
    test(`${c.name}: one node per state, and Export gives back the same text`, async ({ page }) => {
      await openApp(page);
      await importFile(page, c.file);
      await expectCanvasShows(page, c.def);
      if (i < 3) await snap(page, `import-${path.basename(c.name, '.asl.json')}`);

      const exported = await exportDocument(page);
      expect(exported.name).toMatch(/\.asl\.json$/);
      expect(exported.text).toBe(c.text);
    });
  }
});

test('Export of the untouched sample is the sample file', async ({ page }) => {
  await openApp(page);
  await expectCanvasShows(page, sample.def);
  const exported = await exportDocument(page);
  expect(exported.name).toMatch(/\.asl\.json$/);
  expect(JSON.parse(exported.text)).toEqual(sample.def);
});

test('a malformed file is refused with its line, and the workflow stays as it was', async ({ page }, testInfo) => {
  await openApp(page);
  await expectCanvasShows(page, sample.def);
  const before = await exportDocument(page);

  // Line 5 lacks the comma that should end line 4.
  const malformed = [
    '{',
    '  "StartAt": "A",',
    '  "States": {',
    '    "A": { "Type": "Pass", "Next": "B" }',
    '    "B": { "Type": "Pass", "End": true }',
    '  }',
    '}',
    '',
  ].join('\n');
  await importFile(page, writeTestFile(testInfo, 'malformed.asl.json', malformed));

  await expect(page.getByText(/line 5\b/i).first()).toBeVisible();
  await snap(page, 'import-malformed');
  await expectCanvasShows(page, sample.def);
  expect((await exportDocument(page)).text).toBe(before.text);
});
