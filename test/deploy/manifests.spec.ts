import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { parse, parseAllDocuments } from 'yaml';
import { EnvironmentVariables } from '../../src/config/environment';

/**
 * The deployment files, read as data: no Docker engine and no helm binary are
 * needed. The chart's templates are Go templates, not YAML, so they are checked
 * for what can be checked without rendering: every `.Values.x.y` they use
 * exists in values.yaml, and their blocks are balanced.
 */
const root = resolve(__dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const chartDir = 'helm/cinemateca';
const templateFiles = readdirSync(join(root, chartDir, 'templates')).map((name) => `${chartDir}/templates/${name}`);
const templates = Object.fromEntries(templateFiles.map((path) => [path, read(path)]));
const values = parse(read(`${chartDir}/values.yaml`)) as Record<string, any>;

/** Every environment variable the application reads (the contract's settings, plus LOG_LEVEL and REDIS_KEY_PREFIX). */
const settingNames = [
  ...new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(EnvironmentVariables, '', true, false)
      .map((meta) => meta.propertyName),
  ),
];
/** Settings that are credentials: the chart reads them from the existing Secret, never from values. */
const secretSettings = [
  'DATABASE_URL',
  'REDIS_URL',
  'JWT_SECRET',
  'TMDB_API_TOKEN',
  'STATIC_API_TOKENS',
  'NOTION_TOKEN',
  'AIRTABLE_TOKEN',
  'ENCRYPTION_KEY',
];

function hasPath(tree: unknown, path: string[]): boolean {
  let node = tree;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

function valueAt(tree: unknown, path: string[]): unknown {
  return path.reduce<unknown>(
    (node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
    tree,
  );
}

function isEmptyMap(node: unknown): boolean {
  return node !== null && typeof node === 'object' && !Array.isArray(node) && Object.keys(node).length === 0;
}

/** Dotted paths of every leaf (arrays are leaves: their items are free-form lists). */
function leafPaths(tree: Record<string, unknown>, prefix: string[] = []): string[][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0
      ? leafPaths(value as Record<string, unknown>, [...prefix, key])
      : [[...prefix, key]],
  );
}

describe('Helm chart', () => {
  it('has a v2 Chart.yaml whose appVersion is the package version', () => {
    const chart = parse(read(`${chartDir}/Chart.yaml`));
    const pkg = JSON.parse(read('package.json'));
    expect(chart).toEqual(expect.objectContaining({ apiVersion: 'v2', name: 'cinemateca', type: 'application', appVersion: pkg.version }));
    expect(chart.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('references only values that exist in values.yaml', () => {
    const references = Object.entries(templates).flatMap(([file, text]) =>
      [...text.matchAll(/\$?\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)].map((match) => ({ file, path: match[1].slice(1) })),
    );
    expect(references.length).toBeGreaterThan(50);
    const missing = references.filter(({ path }) => !hasPath(values, path.split('.')));
    expect(missing).toEqual([]);
    // Nothing reaches values by a computed key, which this check could not follow.
    expect(Object.values(templates).join('\n')).not.toMatch(/index\s+\$?\.Values/);
  });

  it('leaves no value of values.yaml unused by the templates', () => {
    const used = Object.values(templates).join('\n');
    const unused = leafPaths(values)
      .map((path) => path.join('.'))
      .filter((path) => !used.includes(`.Values.${path}`) && !prefixUsed(used, path));
    expect(unused).toEqual([]);
  });

  it('has balanced template blocks in every file', () => {
    for (const [file, text] of Object.entries(templates)) {
      const actions = [...text.matchAll(/\{\{-?\s*(if|range|with|define|end)\b/g)].map((match) => match[1]);
      const opened = actions.filter((action) => action !== 'end').length;
      const closed = actions.filter((action) => action === 'end').length;
      expect({ file, opened }).toEqual({ file, opened: closed });
    }
  });

  it('documents every key of values.yaml on the line above it, and holds no secret', () => {
    const lines = read(`${chartDir}/values.yaml`).split('\n');
    const undocumented = lines
      .map((line, index) => ({ line, index }))
      .filter(({ line }) => /^\s*(- )?[A-Za-z][A-Za-z0-9]*:/.test(line))
      .filter(({ index }) => !/^\s*#/.test(lines[index - 1] ?? ''))
      .map(({ line, index }) => `${index + 1}: ${line.trim()}`);
    expect(undocumented).toEqual([]);

    const secretLooking = leafPaths(values)
      .filter((path) => /secret|token|password|credential|apikey/i.test(path[path.length - 1]))
      // Names of Secrets are fine; their contents never are.
      .filter((path) => !['secrets.existingSecret', 'imagePullSecrets'].includes(path.join('.')));
    expect(secretLooking).toEqual([]);
    expect(values.secrets.existingSecret).toBe('');
    expect(read(`${chartDir}/values.yaml`)).not.toMatch(/postgres(ql)?:\/\/[^\s'"]*:[^\s'"]*@|rediss?:\/\/[^\s'"]*:[^\s'"]+@/);
  });

  it('wires every setting of the application: non-secret ones through the ConfigMap, credentials through the Secret', () => {
    const configMap = templates[`${chartDir}/templates/configmap.yaml`];
    const throughConfigMap = settingNames.filter((name) => new RegExp(`^\\s*${name}:`, 'm').test(configMap));
    expect([...throughConfigMap, ...secretSettings].sort()).toEqual([...settingNames].sort());
    // The Secret is only referenced by name, and the chart never renders one.
    expect(Object.values(templates).join('\n')).not.toMatch(/^kind:\s*Secret\b/m);
    const envFrom = templates[`${chartDir}/templates/_helpers.tpl`];
    expect(envFrom).toMatch(/secretRef:\s*\n\s*name: \{\{ include "cinemateca.secretName" \. \}\}/);
    expect(envFrom).toMatch(/required "secrets\.existingSecret/);
  });

  it("turns the pods' own import schedule off when the CronJob imports (sync.mode=cronJob)", () => {
    expect(values.sync.mode).toBe('inProcess');
    const configMap = templates[`${chartDir}/templates/configmap.yaml`];
    const cronBranch = /if eq \$mode "cronJob" \}\}([\s\S]*?)\{\{- else \}\}/.exec(configMap)?.[1] ?? '';
    expect(cronBranch).toMatch(/SYNC_INTERVAL_MINUTES: "0"/);
    expect(cronBranch).toMatch(/SYNC_ON_STARTUP: "false"/);
    const cronJob = templates[`${chartDir}/templates/cronjob-sync.yaml`];
    expect(cronJob).toMatch(/^\{\{- if eq \(include "cinemateca\.syncMode" \.\) "cronJob" \}\}/);
    expect(cronJob).toMatch(/kind: CronJob/);
    expect(templates[`${chartDir}/templates/_helpers.tpl`]).toMatch(/has \.Values\.sync\.mode \(list "inProcess" "cronJob"\)/);
  });

  it('runs the API pods non-root on a read-only root filesystem, probed, bounded and rolled one by one', () => {
    const deployment = templates[`${chartDir}/templates/deployment.yaml`];
    expect(deployment).toMatch(/readinessProbe:\s*\n\s*httpGet:\s*\n\s*path: \/health\/ready/);
    expect(deployment).toMatch(/livenessProbe:\s*\n\s*httpGet:\s*\n\s*path: \/health\/live/);
    expect(deployment).toMatch(/type: RollingUpdate/);
    expect(deployment).toMatch(/mountPath: \/tmp/);
    expect(deployment).toMatch(/terminationGracePeriodSeconds: \{\{ \.Values\.terminationGracePeriodSeconds \}\}/);
    expect(templates[`${chartDir}/templates/_helpers.tpl`]).toMatch(/emptyDir:/);
    expect(values.podSecurityContext).toEqual(expect.objectContaining({ runAsNonRoot: true, runAsUser: 1000 }));
    expect(values.securityContext).toEqual(
      expect.objectContaining({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } }),
    );
    expect(values.resources).toEqual({
      requests: expect.objectContaining({ cpu: expect.anything(), memory: expect.anything() }),
      limits: expect.objectContaining({ memory: expect.anything() }),
    });
    expect(values.rollingUpdate).toEqual({ maxSurge: 1, maxUnavailable: 0 });
    // SIGTERM comes after the preStop sleep; the app then needs time for the longest request (a 25 s sync wait).
    expect(values.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(values.preStopSleepSeconds + 30);
  });

  it('migrates in a pre-install/pre-upgrade hook Job, never in the pods', () => {
    const job = templates[`${chartDir}/templates/migration-job.yaml`];
    expect(job).toMatch(/kind: Job/);
    expect(job).toMatch(/"helm\.sh\/hook": pre-install,pre-upgrade/);
    expect(job).toMatch(/"helm\.sh\/hook-delete-policy": before-hook-creation,hook-succeeded/);
    expect(job).toMatch(/restartPolicy: Never/);
    // The ConfigMap does not exist yet at pre-install: the Job must not depend on it.
    expect(job).not.toMatch(/configMapRef/);
    expect(values.migrations.command).toEqual(['node', 'dist/src/tools/run-migrations.cli.js']);
  });

  it('has a Service, an Ingress with class, hosts and TLS from values, an HPA and a PDB', () => {
    const ingress = templates[`${chartDir}/templates/ingress.yaml`];
    expect(ingress).toMatch(/ingressClassName: \{\{ \. \}\}/);
    expect(ingress).toMatch(/\.Values\.ingress\.tls/);
    expect(ingress).toMatch(/range \.Values\.ingress\.hosts/);
    expect(templates[`${chartDir}/templates/service.yaml`]).toMatch(/kind: Service/);
    expect(templates[`${chartDir}/templates/hpa.yaml`]).toMatch(/apiVersion: autoscaling\/v2\s*\n\s*kind: HorizontalPodAutoscaler/);
    expect(templates[`${chartDir}/templates/pdb.yaml`]).toMatch(/apiVersion: policy\/v1\s*\n\s*kind: PodDisruptionBudget/);
    expect(values.autoscaling.minReplicas).toBeGreaterThanOrEqual(2);
  });

  it('routes the API, its docs and health through the ingress, never /metrics', () => {
    const ingress = templates[`${chartDir}/templates/ingress.yaml`];
    // The paths are the chart's list, on every host, as prefixes; nothing else reaches the Service.
    expect(ingress).toMatch(/range \$\.Values\.ingress\.paths \}\}\s*\n\s*- path: \{\{ \. \}\}\s*\n\s*pathType: Prefix/);
    expect(ingress.match(/- path:/g)).toHaveLength(1);
    // A "/" or /metrics path stops the release, before the Ingress is rendered.
    const guard = /range \.Values\.ingress\.paths \}\}\s*\n\{\{- if or \(eq \. "\/"\) \(hasPrefix "\/metrics" \.\) \}\}\s*\n\{\{- fail /;
    expect(ingress).toMatch(guard);
    expect(ingress.search(guard)).toBeLessThan(ingress.indexOf('kind: Ingress'));

    const routed = (path: string, prefixes: string[]) => prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
    const example = parse(read('helm/examples/values-production.yaml')) as Record<string, any>;
    for (const paths of [values.ingress.paths as string[], (example.ingress.paths ?? values.ingress.paths) as string[]]) {
      expect(paths.filter((path) => path === '/' || path.startsWith('/metrics'))).toEqual([]);
      expect(routed('/metrics', paths)).toBe(false);
      // Every operation of the API is reachable through the ingress, except the metrics.
      const operations = Object.keys(JSON.parse(read('openapi.json')).paths as Record<string, unknown>);
      expect(operations.filter((path) => path !== '/metrics' && !routed(path, paths))).toEqual([]);
      for (const docs of ['/docs', '/docs-json']) expect(routed(docs, paths)).toBe(true);
    }
  });

  it("trusts X-Forwarded-For only from the ingress controller's CIDRs, and from nobody with the ingress off", () => {
    expect(hasPath(values, ['config', 'trustProxy'])).toBe(false);
    expect(templates[`${chartDir}/templates/configmap.yaml`]).toMatch(
      /^\s*TRUST_PROXY: \{\{ include "cinemateca\.trustProxy" \. \| quote \}\}$/m,
    );
    const helper =
      /\{\{- define "cinemateca\.trustProxy" -\}\}([\s\S]*?)\{\{- end \}\}\s*\n\s*\n/.exec(
        templates[`${chartDir}/templates/_helpers.tpl`],
      )?.[1] ?? '';
    // The whole body is one `if ingress.enabled`: with the ingress off it renders nothing, so TRUST_PROXY is empty (trust none).
    expect(helper.trim()).toMatch(/^\{\{- if \.Values\.ingress\.enabled \}\}[\s\S]*\{\{- end \}\}$/);
    expect(helper.match(/\{\{-? ?(if|end)\b/g)).toEqual(['{{- if', '{{- if', '{{- end', '{{- end']);
    // With it on, an empty list stops the release rather than trusting nobody (every client would share the controller's IP).
    expect(helper).toMatch(/\{\{- if not \.Values\.ingress\.trustedProxies \}\}\s*\n\{\{- fail /);
    expect(helper).toMatch(/\{\{- join "," \.Values\.ingress\.trustedProxies \}\}/);
    expect(helper).not.toMatch(/\b\d+\b(?!\.\d)|true/);
    expect(values.ingress).toMatchObject({ enabled: false, trustedProxies: [] });

    const example = parse(read('helm/examples/values-production.yaml')) as Record<string, any>;
    expect(example.ingress.enabled).toBe(true);
    expect(example.ingress.trustedProxies.length).toBeGreaterThan(0);
    for (const cidr of example.ingress.trustedProxies as string[]) {
      const [address, bits] = cidr.split('/');
      expect({ cidr, ip: isIP(address) !== 0, bits: Number(bits) >= 8 && Number(bits) <= 128 }).toEqual({ cidr, ip: true, bits: true });
    }
    expect(hasPath(example, ['config', 'trustProxy'])).toBe(false);
  });

  it('names only commands that the build produces', () => {
    const compose = parse(read('docker-compose.yml'), { merge: true }) as Record<string, any>;
    const commands = [
      values.migrations.command,
      values.sync.cronJob.command,
      compose.services.migrate.command,
      ['node', 'dist/src/main.js'],
    ];
    for (const [program, script] of commands) {
      expect(program).toBe('node');
      const source = script.replace(/^dist\//, '').replace(/\.js$/, '.ts');
      expect({ script, exists: existsSync(join(root, source)) }).toEqual({ script, exists: true });
    }
  });

  it('has a production example whose every key exists in values.yaml', () => {
    const example = parse(read('helm/examples/values-production.yaml')) as Record<string, unknown>;
    // Keys under a free-form map of values.yaml (annotations, nodeSelector, extraEnv: `{}` there) are the user's own.
    const freeForm = (path: string[]) => path.some((_, length) => length > 0 && isEmptyMap(valueAt(values, path.slice(0, length))));
    const unknown = leafPaths(example).filter((path) => !hasPath(values, path) && !freeForm(path));
    expect(unknown).toEqual([]);
    expect((example.secrets as Record<string, string>).existingSecret).toMatch(/\S/);
    expect((example.sync as Record<string, string>).mode).toBe('cronJob');
  });
});

function prefixUsed(used: string, path: string): boolean {
  // A map handed to toYaml whole (resources, securityContext...) uses every key under it.
  const parts = path.split('.');
  for (let length = parts.length - 1; length > 0; length--) {
    if (new RegExp(`\\.Values\\.${parts.slice(0, length).join('\\.')}(?![.A-Za-z0-9_])`).test(used)) return true;
  }
  return false;
}

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => line.trim() && !line.trim().startsWith('#'))
    .map((line) => line.trim());
  const stages: string[][] = [];
  for (const line of instructions) {
    if (/^FROM /i.test(line)) stages.push([]);
    stages[stages.length - 1]?.push(line);
  }
  const runtime = stages[stages.length - 1];

  it('builds in one stage and runs in another, from a pinned Node LTS base', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const base = /^ARG NODE_IMAGE=(\S+)/m.exec(dockerfile)?.[1] ?? '';
    // A full version (major.minor.patch) of an even, LTS major: 22.12+ (require(esm)) or 24+.
    const [, major, minor] = /^node:(\d+)\.(\d+)\.\d+-(bookworm|trixie)-slim(@sha256:[a-f0-9]{64})?$/.exec(base) ?? [];
    expect({ base, pinned: Boolean(major) }).toEqual({ base, pinned: true });
    expect(Number(major) % 2).toBe(0);
    expect(Number(major) > 22 || (Number(major) === 22 && Number(minor) >= 12)).toBe(true);
    for (const stage of stages) expect(stage[0]).toMatch(/^FROM \$\{NODE_IMAGE\} AS \w+/);
    expect(stages[0].join('\n')).toMatch(/RUN npm ci\b/);
    expect(stages[0].join('\n')).toMatch(/RUN npm run build/);
  });

  it('installs production dependencies only in the runtime stage, before copying the build (cache-friendly)', () => {
    const text = runtime.join('\n');
    expect(text).toMatch(/RUN npm ci [^\n]*--omit=dev/);
    expect(text).toMatch(/COPY --from=build \/app\/dist \.\/dist/);
    expect(runtime.findIndex((line) => /npm ci/.test(line))).toBeLessThan(runtime.findIndex((line) => /COPY --from=build/.test(line)));
    expect(text).not.toMatch(/COPY (\.|src) /);
  });

  it('runs as a non-root user, in production mode, exposing the port, with a HEALTHCHECK on /health/live', () => {
    const user = runtime.filter((line) => /^USER /.test(line)).pop() ?? '';
    expect(user).toMatch(/^USER \S+/);
    expect(user).not.toMatch(/^USER (root|0)(:|$)/);
    expect(runtime.join('\n')).toMatch(/ENV [^\n]*NODE_ENV=production/);
    expect(runtime.join('\n')).toMatch(/^EXPOSE 3000$/m);
    expect(runtime.join('\n')).toMatch(/^HEALTHCHECK [^\n]*\/health\/live/m);
    expect(runtime[runtime.length - 1]).toBe('CMD ["node", "dist/src/main.js"]');
  });

  it('keeps local state, secrets and dependencies out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim());
    for (const entry of ['node_modules', 'dist', '.data', '.env', '.env.*', '.git', 'coverage', 'test']) expect(ignored).toContain(entry);
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml'), { merge: true }) as Record<string, any>;

  it('runs the API after PostgreSQL and Redis are healthy and the one-shot migration succeeded', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'migrate', 'postgres', 'redis']);
    const { api, migrate, postgres, redis } = compose.services;
    expect(postgres.healthcheck.test.join(' ')).toMatch(/pg_isready/);
    expect(redis.healthcheck.test.join(' ')).toMatch(/redis-cli ping/);
    expect(postgres.volumes).toContain('pgdata:/var/lib/postgresql/data');
    expect(Object.keys(compose.volumes)).toContain('pgdata');
    expect(api.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
      migrate: { condition: 'service_completed_successfully' },
    });
    expect(migrate.command).toEqual(['node', 'dist/src/tools/run-migrations.cli.js']);
    expect(migrate.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(api.healthcheck.test.join(' ')).toMatch(/\/health\/live/);
  });

  it('passes every setting of the application from .env, in production mode, with nothing written to disk', () => {
    const { api, migrate } = compose.services;
    expect(Object.keys(api.environment).sort()).toEqual(settingNames.filter((name) => name !== 'PORT').sort());
    expect(migrate.environment).toEqual(api.environment);
    expect(api.environment.NODE_ENV).toBe('production');
    expect(api.environment.DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(api.environment.REDIS_URL).toBe('redis://redis:6379');
    expect(api.environment.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
    expect(api.environment.TMDB_API_TOKEN).toMatch(/^\$\{TMDB_API_TOKEN:\?/);
    expect(api.read_only).toBe(true);
    expect(api.tmpfs).toEqual(['/tmp']);
  });

  it('is accepted by `docker compose config` (or docker-compose), and refuses to start without the required secrets', () => {
    const cli = composeCli();
    if (!cli) {
      console.warn(
        'test/deploy: NEITHER `docker compose` NOR `docker-compose` IS AVAILABLE HERE: the compose file was only parsed as YAML and checked above, not validated by Compose',
      );
      return;
    }
    const envDir = mkdtempSync(join(tmpdir(), 'cinemateca-compose-'));
    try {
      const emptyEnvFile = join(envDir, 'empty.env');
      writeFileSync(emptyEnvFile, '');
      const run = (extra: Record<string, string>) =>
        spawnSync(cli[0], [...cli.slice(1), '--env-file', emptyEnvFile, '-f', 'docker-compose.yml', 'config'], {
          cwd: root,
          encoding: 'utf8',
          env: { PATH: process.env.PATH, HOME: envDir, ...extra },
          timeout: 20_000,
        });
      const ok = run({ JWT_SECRET: 'x'.repeat(40), TMDB_API_TOKEN: 'tmdb-token', CORS_ORIGINS: 'https://app.example' });
      expect({ status: ok.status, stderr: ok.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
      const rendered = parse(ok.stdout) as Record<string, any>;
      expect(Object.keys(rendered.services).sort()).toEqual(['api', 'migrate', 'postgres', 'redis']);
      expect(rendered.services.api.environment.JWT_SECRET).toBe('x'.repeat(40));

      const missing = run({});
      expect(missing.status).not.toBe(0);
      expect(missing.stderr).toMatch(/set JWT_SECRET/);
    } finally {
      rmSync(envDir, { recursive: true, force: true });
    }
  });
});

/** `docker compose` (the v2 plugin) when present, else the standalone docker-compose; undefined when neither is. */
function composeCli(): string[] | undefined {
  const works = (command: string[]) =>
    spawnSync(command[0], [...command.slice(1), 'version'], { encoding: 'utf8', timeout: 10_000 }).status === 0;
  if (works(['docker', 'compose'])) return ['docker', 'compose'];
  if (works(['docker-compose'])) return ['docker-compose'];
  return undefined;
}

describe('YAML of the example and chart metadata', () => {
  it('parses every plain YAML file of the deployment', () => {
    for (const path of [
      'docker-compose.yml',
      `${chartDir}/Chart.yaml`,
      `${chartDir}/values.yaml`,
      'helm/examples/values-production.yaml',
    ]) {
      const documents = parseAllDocuments(read(path));
      const list = Array.isArray(documents) ? documents : [documents];
      expect({ path, errors: list.flatMap((document) => document.errors.map(String)) }).toEqual({ path, errors: [] });
    }
  });
});
