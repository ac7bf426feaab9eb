/** The CLI's argument parsing, spec loading and the options it hands to tune() (tune itself is a fake here). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args';
import { parseCsvData } from '../../../src/cli/spec';
import { runCli } from '../../../src/cli/run';
import { thrown } from '../../helpers/thrown';

const dir = mkdtempSync(join(tmpdir(), 'hyperwasm-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hyperwasm CLI', () => {
  it('parses tune with its flags, and refuses what it does not know', () => {
    expect(parseArgs(['tune', 's.json', '--study', 'x', '--storage=j.log', '--trials', '5'])).toEqual({
      command: 'tune',
      spec: 's.json',
      study: 'x',
      storage: 'j.log',
      trials: 5,
    });
    expect(parseArgs([])).toEqual({ command: 'help' });
    thrown(() => parseArgs(['fit', 's.json']), 'CLI_USAGE');
    thrown(() => parseArgs(['tune', 's.json', '--stdy', 'x']), 'CLI_USAGE');
    thrown(() => parseArgs(['tune', 's.json', '--trials', '0']), 'CLI_USAGE');
    thrown(() => parseArgs(['tune', 's.json', '--study', 'x']), 'CLI_USAGE');
    thrown(() => parseArgs(['tune']), 'CLI_USAGE');
  });

  it('reads a CSV with a named target; class names are numbered in order of appearance', () => {
    const d = parseCsvData('a,label,b\n1,cat,2\n3,dog,4\n5,cat,6\n', 'label', 'd.csv');
    expect(d).toEqual({ X: [[1, 2], [3, 4], [5, 6]], y: [0, 1, 0], classes: ['cat', 'dog'] });
    thrown(() => parseCsvData('a,b\n1,x\n', 'a', 'd.csv'), 'CLI_SPEC_INVALID');
    thrown(() => parseCsvData('a,b\n1,2\n', 'c', 'd.csv'), 'CLI_SPEC_INVALID');
  });

  it('hands tune() the spec with the data loaded and the flags applied; bad specs exit 2 with the code', async () => {
    writeFileSync(join(dir, 'd.csv'), 'x,y\n1,0\n2,1\n');
    const spec = { model: 'knn-classifier', data: { csv: 'd.csv' }, space: { nNeighbors: [1, 2] }, search: { strategy: 'grid' } };
    writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
    let seen: Record<string, unknown> = {};
    const lines: string[] = [];
    const code = await runCli(['tune', join(dir, 'spec.json'), '--study', 's', '--storage', 'j.log', '--trials', '3'], {
      tune: (o) => {
        seen = o;
        return Promise.resolve({ best: { params: { nNeighbors: 1 }, score: 1 }, trials: [1, 2] });
      },
      stdout: (t) => lines.push(t),
    });
    expect(code).toBe(0);
    expect(seen).toEqual({
      ...spec,
      data: { X: [[1], [2]], y: [0, 1] },
      search: { strategy: 'grid', trials: 3 },
      study: { name: 's', storage: 'j.log' },
    });
    expect(JSON.parse(lines[0])).toEqual({ trials: 2, best: { params: { nNeighbors: 1 }, score: 1 } });

    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...spec, modle: 'x' }));
    const errors: string[] = [];
    const bad = await runCli(['tune', join(dir, 'bad.json')], { tune: () => Promise.reject(new Error('not called')), stderr: (t) => errors.push(t) });
    expect(bad).toBe(2);
    expect(errors[0]).toContain('CLI_SPEC_INVALID');
    expect(errors[0]).toContain("Did you mean 'model'?");
  });
});
