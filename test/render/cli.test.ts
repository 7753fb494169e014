import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { ReportError } from '../../render/errors';
import { parseArgs } from '../../render/report';

test('flags parse, with values as separate or --flag=value arguments', () => {
  const o = parseArgs(['--quick', '--retrain', '--no-execute', '--only', '03', '--out=/tmp/x', '--cell-timeout', '30', '--startup-timeout=5'], '/work');
  assert.ok(o !== 'help');
  assert.equal(o.quick, true);
  assert.equal(o.retrain, true);
  assert.equal(o.execute, false);
  assert.equal(o.only, '03');
  assert.equal(o.outDir, '/tmp/x');
  assert.equal(o.cellTimeout, 30);
  assert.equal(o.startupTimeout, 5);
  const rel = parseArgs(['--out', 'build'], '/work');
  assert.ok(rel !== 'help');
  assert.equal(rel.outDir, join('/work', 'build'));
});

test('an unknown flag is an error listing the valid ones', () => {
  assert.throws(() => parseArgs(['--fast']), (e: unknown) => {
    assert.ok(e instanceof ReportError);
    assert.match(e.message, /unknown option "--fast"/);
    for (const f of ['--quick', '--retrain', '--no-execute', '--only', '--out', '--cell-timeout', '--startup-timeout']) assert.ok(e.message.includes(f), f);
    return true;
  });
});

test('bad values are errors naming the option', () => {
  assert.throws(() => parseArgs(['--cell-timeout', 'soon']), /--cell-timeout expects a positive number of seconds, found "soon"/);
  assert.throws(() => parseArgs(['--only']), /--only needs a value/);
  assert.throws(() => parseArgs(['--only', '--quick']), /--only needs a value/);
});
