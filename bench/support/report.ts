import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';

const ANALYSIS = resolve(__dirname, '../../../bench/ANALYSIS.md');

export interface Section {
  title: string;
  lines: string[];
}

/** Prints each section as it is measured, and writes them all to BENCHMARKS.md at the end. */
export class BenchReport {
  private readonly sections: Section[] = [];

  add(section: Section): void {
    this.sections.push(section);
    process.stdout.write(`\n## ${section.title}\n${section.lines.join('\n')}\n`);
  }

  write(notes: string[]): void {
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`;
    const text = [
      '# Benchmarks',
      '',
      `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}, by \`npm run bench\`.`,
      'Each figure is from one run on a shared, noisy machine; ratios are measured side by side in the same run.',
      '',
      ...notes,
      '',
      ...this.sections.flatMap((section) => [`## ${section.title}`, '', ...section.lines, '']),
      // The hand-written reading of the figures (gaps to targets and their causes), kept with them.
      ...(existsSync(ANALYSIS) ? [readFileSync(ANALYSIS, 'utf8')] : []),
    ].join('\n');
    writeFileSync(resolve(__dirname, '../../../BENCHMARKS.md'), text);
  }
}
