import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';

const ANALYSIS = resolve(__dirname, '../../../bench/ANALYSIS.md');
const BENCHMARKS = resolve(__dirname, '../../../BENCHMARKS.md');

export interface Section {
  title: string;
  lines: string[];
}

/** "1b. Ladder ..." -> "1b": sections are numbered, and a re-run replaces the section with its number. */
const numberOf = (title: string) => /^(\d+[a-z]?)\./.exec(title)?.[1] ?? title;
const order = (key: string) => {
  const match = /^(\d+)([a-z]?)$/.exec(key);
  return match ? Number(match[1]) * 100 + (match[2] ? match[2].charCodeAt(0) - 96 : 0) : 1e9;
};

/**
 * Prints each section as it is measured, and writes BENCHMARKS.md at the end: the sections of this run replace
 * those with the same number, the others stay as last measured (each says when), then the hand-written reading
 * of the figures (bench/ANALYSIS.md).
 */
export class BenchReport {
  private readonly sections: Section[] = [];

  add(section: Section): void {
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
    const stamped = {
      title: section.title,
      lines: [`_Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}._`, '', ...section.lines],
    };
    this.sections.push(stamped);
    process.stdout.write(`\n## ${stamped.title}\n${stamped.lines.join('\n')}\n`);
  }

  write(notes: string[]): void {
    const kept = new Map<string, Section>();
    for (const section of existingSections()) kept.set(numberOf(section.title), section);
    for (const section of this.sections) kept.set(numberOf(section.title), section);
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM`;
    const text = [
      '# Benchmarks',
      '',
      `Written by \`npm run bench\` (one benchmark alone: \`npm run bench -- hot-path\`; see bench/run.ts) on ${machine}.`,
      'Each figure is from one run on a shared, noisy machine; ratios are measured side by side in the same run.',
      '',
      ...notes,
      '',
      ...[...kept.entries()]
        .sort(([a], [b]) => order(a) - order(b))
        .flatMap(([, section]) => [`## ${section.title}`, '', ...trimmed(section.lines), '']),
      ...(existsSync(ANALYSIS) ? [readFileSync(ANALYSIS, 'utf8')] : []),
    ].join('\n');
    writeFileSync(BENCHMARKS, text);
  }
}

/** The numbered sections of the current BENCHMARKS.md (the analysis, unnumbered, is rewritten from its file). */
function existingSections(): Section[] {
  if (!existsSync(BENCHMARKS)) return [];
  const sections: Section[] = [];
  let current: Section | undefined;
  for (const line of readFileSync(BENCHMARKS, 'utf8').split('\n')) {
    if (line.startsWith('## ')) {
      current = { title: line.slice(3), lines: [] };
      if (/^\d+[a-z]?\./.test(current.title)) sections.push(current);
      else current = undefined;
    } else {
      current?.lines.push(line);
    }
  }
  return sections;
}

function trimmed(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start].trim() === '') start++;
  while (end > start && lines[end - 1].trim() === '') end--;
  return lines.slice(start, end);
}
