/**
 * Fails when two folders under src/ import each other, directly or round a longer loop: file-level cycles are
 * caught by dependency-cruiser's no-circular rule, but a cycle between features (movies -> favorites -> movies)
 * can run through different files and so escape it. Part of `npm run lint`.
 */
import { cruise } from 'dependency-cruiser';

const folderOf = (path) => /^src\/([^/]+)\//.exec(path)?.[1];

const result = await cruise(['src'], {
  tsPreCompilationDeps: true,
  doNotFollow: { path: 'node_modules' },
  exclude: { path: '^(dist|coverage|node_modules)/' },
});

const edges = new Map();
for (const module of result.output.modules) {
  const from = folderOf(module.source);
  if (!from) continue;
  for (const dependency of module.dependencies) {
    const to = folderOf(dependency.resolved);
    if (!to || to === from) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from).add(to);
  }
}

// Depth-first search for a back edge; the stack at that moment is the cycle.
const state = new Map();
const stack = [];
const cycles = [];
const visit = (folder) => {
  state.set(folder, 'open');
  stack.push(folder);
  for (const next of edges.get(folder) ?? []) {
    if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].join(' -> '));
    else if (!state.has(next)) visit(next);
  }
  stack.pop();
  state.set(folder, 'done');
};
for (const folder of [...edges.keys()].sort()) if (!state.has(folder)) visit(folder);

if (cycles.length > 0) {
  process.stderr.write(`folders under src/ that import each other:\n${cycles.map((cycle) => `  ${cycle}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(
  `no cycle between the ${new Set([...edges.keys(), ...[...edges.values()].flatMap((to) => [...to])]).size} folders of src/\n`,
);
