import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReportError } from '../../render/errors';
import { createMarkdown, newEnv, type RefTarget } from '../../render/html/markdown';

function render(src: string, refs: [string, RefTarget][] = []) {
  const env = newEnv(new Map(refs));
  env.where = 'test.ipynb cell 0';
  return { html: createMarkdown().render(src, env), env };
}

test('inline and display math are rendered by KaTeX at build time', () => {
  const { html } = render('Loss $\\mathcal{L}(\\theta)$ and\n\n$$\n\\hat y = \\operatorname{softmax}(Wx + b)\n$$\n\nand $$a^2$$ inline.');
  assert.match(html, /class="katex"/);
  assert.match(html, /class="katex-display"/);
  assert.match(html, /<div class="math-display">/);
  assert.ok(!html.includes('$$'), 'no raw $$ left');
  assert.ok(!html.includes('$\\mathcal'), 'no raw inline math left');
  assert.ok(!/\\hat y/.test(html.replace(/<annotation[^>]*>[\s\S]*?<\/annotation>/g, '')), 'TeX source only in the MathML annotation');
});

test('one-line display math and math next to punctuation', () => {
  const { html } = render('$$E = mc^2$$\n\nAn error rate of $4.88\\%$.');
  assert.equal((html.match(/class="katex"/g) ?? []).length, 2);
  assert.ok(!html.includes('$'));
});

test('dollar amounts that are not math stay text', () => {
  const { html } = render('It costs $5 and $10 per run, and \\$x\\$ is escaped.');
  assert.ok(!html.includes('katex'));
  assert.match(html, /\$5 and \$10/);
  assert.match(html, /\$x\$ is escaped/);
});

test('math in code spans is left alone', () => {
  const { html } = render('Use `$x$` literally.');
  assert.match(html, /<code>\$x\$<\/code>/);
});

test('bad TeX is an error naming the cell and the formula', () => {
  assert.throws(() => render('Broken $\\frac{1}{$ here'), (e: unknown) => {
    assert.ok(e instanceof ReportError);
    assert.match(e.message, /test\.ipynb cell 0/);
    assert.match(e.message, /\\frac\{1\}\{/);
    return true;
  });
});

test('@fig and @tab references become numbered links', () => {
  const { html } = render('As @fig-loss-curve shows (and @tab-acc.), see also me@fig-x.org.', [
    ['fig-loss-curve', { label: 'Figure', number: 3 }],
    ['tab-acc', { label: 'Table', number: 1 }],
  ]);
  assert.match(html, /<a href="#fig-loss-curve" class="xref">Figure\u00a03<\/a> shows/);
  assert.match(html, /<a href="#tab-acc" class="xref">Table\u00a01<\/a>\.\)/);
  assert.match(html, /me@fig-x\.org/, 'an e-mail address is not a reference');
});

test('an unknown reference is an error naming it and where it is', () => {
  assert.throws(() => render('See @fig-missing for details.', [['fig-loss', { label: 'Figure', number: 1 }]]), (e: unknown) => {
    assert.ok(e instanceof ReportError);
    assert.match(e.message, /unknown reference @fig-missing/);
    assert.match(e.message, /test\.ipynb cell 0/);
    assert.match(e.message, /fig-loss/);
    return true;
  });
});

test('references inside code spans are not resolved', () => {
  const { html } = render('Write `@fig-anything` to refer to a figure.');
  assert.match(html, /<code>@fig-anything<\/code>/);
});

test('headings are numbered across cells and shifted below the report title', () => {
  const env = newEnv();
  const md = createMarkdown();
  const a = md.render('# Data\n\n## Splits\n\n## Augmentation $\\alpha$', env);
  const b = md.render('# Models\n\n## Baseline', env);
  assert.match(a, /<h2 id="sec-1-data" class="section-heading level-1"><span class="secno">1<\/span> Data<\/h2>/);
  assert.match(a, /<h3 id="sec-1-2-augmentation[^"]*"[^>]*><span class="secno">1.2<\/span> Augmentation <span class="katex">/);
  assert.match(b, /<span class="secno">2.1<\/span> Baseline/);
  assert.deepEqual(env.toc?.map((t) => t.number), ['1', '1.1', '1.2', '2', '2.1']);
});

test('a number and its percent sign never part at a line end, also when the number is a glued value', () => {
  const { html } = render('accuracy 96.80 % here');
  assert.match(html, /96\.80\u00a0%/);
  const env = newEnv();
  env.where = 'test.ipynb cell 0';
  env.glue = new Map([['acc', { text: '97.26', where: 'x.ipynb cell 1' }]]);
  const glued = createMarkdown().render('reads {glue}`acc` % of them', env);
  assert.match(glued, /97\.26\u00a0% of them/);
  assert.doesNotMatch(render('20 %-point and 3 items').html, /3\u00a0items/);
});
