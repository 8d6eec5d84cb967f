import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export interface Frame {
  name: string;
  where: string;
  selfPercent: number;
}

interface Profile {
  nodes: ProfileNode[];
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Frames that are not work: the process waiting for I/O, or the profiler's own bookkeeping. */
const NOT_WORK = new Set(['(idle)', '(program)']);

/**
 * The frames with the most self time in the V8 CPU profile(s) `node --cpu-prof` wrote into `dir`, counting only
 * the samples of the last `windowMs` before the profile ended (the load, not the startup), idle excluded.
 */
export function topFrames(dir: string, count: number, windowMs: number): Frame[] {
  const self = new Map<string, { name: string; where: string; hits: number }>();
  let total = 0;
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
    const hitsById = new Map<number, number>();
    let at = profile.endTime;
    for (let i = profile.samples.length - 1; i >= 0 && at >= profile.endTime - windowMs * 1000; i--) {
      hitsById.set(profile.samples[i], (hitsById.get(profile.samples[i]) ?? 0) + 1);
      at -= profile.timeDeltas[i];
    }
    for (const node of profile.nodes) {
      if (NOT_WORK.has(node.callFrame.functionName)) continue;
      const hits = hitsById.get(node.id) ?? 0;
      total += hits;
      const { functionName, url, lineNumber } = node.callFrame;
      const name = functionName || '(anonymous)';
      const where = url ? `${shorten(url)}:${lineNumber + 1}` : '';
      const key = `${name} ${where}`;
      const entry = self.get(key) ?? { name, where, hits: 0 };
      entry.hits += hits;
      self.set(key, entry);
    }
  }
  return [...self.values()]
    .sort((a, b) => b.hits - a.hits)
    .slice(0, count)
    .map(({ name, where, hits }) => ({ name, where, selfPercent: total ? (hits / total) * 100 : 0 }));
}

/** node_modules/<package>/... or the project-relative path, without the file:// prefix. */
function shorten(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('node_modules/');
  if (modules >= 0) return path.slice(modules + 'node_modules/'.length);
  const dist = path.indexOf('/dist/');
  return dist >= 0 ? path.slice(dist + 1) : path;
}
