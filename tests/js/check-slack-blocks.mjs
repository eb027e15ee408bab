// Type-checks Block Kit JSON with the official @slack/types definitions.
// Usage: node check-slack-blocks.mjs <folder>
// Files named modal-*.json are checked as modal views, home-*.json as Home tab views, options-*.json as the answer to an
// external select's options request ({ options }), every other *.json as a message
// ({ text, blocks }). Each file becomes a TypeScript module whose literal must satisfy the
// type, so a wrong property name, type or shape is a compile error naming the file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const folder = process.argv[2];
if (!folder) {
  console.error('usage: node check-slack-blocks.mjs <folder>');
  process.exit(2);
}

const here = path.dirname(fileURLToPath(import.meta.url));
const files = fs.readdirSync(folder).filter((f) => f.endsWith('.json')).sort();
if (files.length === 0) {
  console.error(`no .json files in ${folder}`);
  process.exit(2);
}

// Inside tests/js so that '@slack/types' resolves from its node_modules.
const work = fs.mkdtempSync(path.join(here, '.check-'));
let problems;
try {
  const sources = files.map((file) => {
    const json = fs.readFileSync(path.join(folder, file), 'utf8');
    const kind = file.startsWith('modal-') ? 'Modal' : file.startsWith('home-') ? 'Home' : file.startsWith('options-') ? 'Options' : 'Message';
    const source = path.join(work, file.replace(/\.json$/, '.ts'));
    fs.writeFileSync(source, [
      "import type { HomeView, KnownBlock, ModalView, PlainTextOption } from '@slack/types';",
      'type Message = { text: string; blocks: KnownBlock[] };',
      "type Modal = Omit<ModalView, 'blocks'> & { blocks: KnownBlock[] };",
      "type Home = Omit<HomeView, 'blocks'> & { blocks: KnownBlock[] };",
      'type Options = { options: PlainTextOption[] };',
      `export const checked = ${json.trim()} satisfies ${kind};`,
      '',
    ].join('\n'));
    return source;
  });

  const program = ts.createProgram(sources, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    types: [],
  });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  for (const d of diagnostics) {
    const where = d.file ? `${path.basename(d.file.fileName).replace(/\.ts$/, '.json')}` : '';
    console.log(`${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  }

  console.log(`${files.length} file(s) checked, ${diagnostics.length} problem(s)`);
  problems = diagnostics.length;
} finally {
  // Before exiting: process.exit would skip this.
  fs.rmSync(work, { recursive: true, force: true });
}

process.exit(problems === 0 ? 0 : 1);
