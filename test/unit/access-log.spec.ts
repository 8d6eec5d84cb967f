import { AccessEntry, AccessLog } from '../../src/infra/logging/access-log';
import { createRootLogger } from '../../src/infra/logging/root-logger';

function capturingLogger(level: 'info' | 'warn') {
  const lines: string[] = [];
  const log = createRootLogger(level, { stdout: { write: (line: string) => void lines.push(line) } });
  return { log, lines };
}

const entry: AccessEntry = {
  reqId: 'df136e42-aadc-4a6c-833c-5c40445ad24b',
  method: 'GET',
  url: '/api/v1/shared-lists/"movie night"\u2028\\',
  route: '/api/v1/shared-lists/:listName',
  status: 200,
  ms: 12.3,
};

describe('AccessLog', () => {
  it('writes the line pino writes for the same entry, field for field and in the same order', () => {
    const { log, lines } = capturingLogger('info');
    log.info(entry, 'request');
    AccessLog.of(log)!.write(entry);

    expect(lines).toHaveLength(2);
    const [byPino, byHand] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(Object.keys(byHand)).toEqual(Object.keys(byPino));
    expect({ ...byHand, time: 't' }).toEqual({ ...byPino, time: 't' });
    expect(byHand).toMatchObject({ level: 'info', service: 'cinemateca', msg: 'request', url: entry.url, status: 200 });
    expect(Math.abs(Date.parse(byHand.time as string) - Date.now())).toBeLessThan(5_000);
    expect(lines[1].endsWith('}\n')).toBe(true);
  });

  it('is off when the level leaves info lines out', () => {
    const { log, lines } = capturingLogger('warn');
    expect(AccessLog.of(log)).toBeUndefined();
    log.info(entry, 'request');
    expect(lines).toEqual([]);
  });
});
