/**
 * npm run demo:generate — writes the fictional demo files to public/demo:
 * staff.csv (the register's own CSV format), intranet.html (a made-up intranet page) and expected.json
 * (the counts and name matches the demo should show). Tests fail when these files fall out of step.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import { buildDemoFiles } from '../lib/demo';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'demo');

async function main(): Promise<void> {
  const files = buildDemoFiles();
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'staff.csv'), files['staff.csv'], 'utf8');
  writeFileSync(join(outDir, 'intranet.html'), files['intranet.html'], 'utf8');
  const expectedPath = join(outDir, 'expected.json');
  const options = (await prettier.resolveConfig(expectedPath)) ?? {};
  const json = await prettier.format(JSON.stringify(files.expected, null, 2), { ...options, filepath: expectedPath });
  writeFileSync(expectedPath, json, 'utf8');
  const e = files.expected;
  console.log(
    `Wrote ${e.people.total} fictional staff (${e.people.vacant} vacant posts), FTE ${e.fte.total}, to ${outDir}`,
  );
  console.log(`Intranet page names ${e.intranet.mentions.length} mentions.`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
