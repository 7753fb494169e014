// The report's look: a serif text column (~48rem), light-ruled tables, captioned figures; print CSS for
// the PDF (A4, code folded away, figures never split across pages, the appendix on a fresh page).
export const REPORT_CSS = String.raw`
:root {
  --text: #1f2328; --muted: #5d6470; --rule: #d5d9de; --accent: #1f4e8c; --code-bg: #f6f8fa;
  --serif: 'Charter', 'Bitstream Charter', 'Liberation Serif', 'DejaVu Serif', Georgia, 'Times New Roman', serif;
  --sans: 'Liberation Sans', 'DejaVu Sans', Helvetica, Arial, sans-serif;
  --mono: 'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, monospace;
}
html { font-size: 18px; }
body { margin: 0; background: #fff; color: var(--text); font-family: var(--serif); line-height: 1.6;
  font-kerning: normal; text-rendering: optimizeLegibility; -webkit-font-smoothing: antialiased; }
main.report { max-width: 48rem; margin: 0 auto; padding: 3.5rem 1.5rem 5rem; }
p { margin: 0 0 1rem; hyphens: auto; }
a { color: var(--accent); }

.title-block { text-align: center; margin: 0 0 2.5rem; padding-bottom: 2rem; border-bottom: 1px solid var(--rule); }
.title-block .title { font-size: 2.3rem; line-height: 1.15; font-weight: 700; margin: 0 0 .6rem; letter-spacing: -.01em; }
.title-block .subtitle { font-size: 1.2rem; font-style: italic; color: var(--muted); margin: 0 0 1rem; }
.title-block .date { font-family: var(--sans); font-size: .8rem; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); margin: 0; }
.title-block .version { font-family: var(--sans); font-size: .75rem; color: var(--muted); margin: .4rem 0 0; }
.title-block .version code { background: none; padding: 0; }

nav.toc { margin: 0 0 3rem; }
nav.toc h2 { font-family: var(--sans); font-size: .8rem; letter-spacing: .08em; text-transform: uppercase; color: var(--muted); margin: 0 0 .6rem; font-weight: 600; }
nav.toc ol { list-style: none; margin: 0; padding: 0; }
nav.toc ol ol { padding-left: 1.6rem; }
nav.toc li { margin: .2rem 0; }
nav.toc li.level-1 { margin-top: .5rem; }
nav.toc li.level-1 > a { font-weight: 600; }
nav.toc a { color: var(--text); text-decoration: none; }
nav.toc a:hover { color: var(--accent); }
nav.toc .secno { display: inline-block; min-width: 1.9rem; margin-right: 0; color: var(--muted); font-variant-numeric: tabular-nums; }
/* Filled in by the PDF stage (render/toc-pages.ts); fixed width so filling it does not move the layout. */
nav.toc .toc-page { float: right; min-width: 2.2em; text-align: right; color: var(--muted); font-weight: 400; font-variant-numeric: tabular-nums; }
nav.toc li.level-1 > a > .secno { min-width: 1.9rem; }

h2, h3, h4, h5, h6 { line-height: 1.25; margin: 2.2rem 0 .8rem; font-weight: 700; }
h2.level-1 { font-size: 1.65rem; margin-top: 3.5rem; padding-bottom: .35rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.25rem; }
h4 { font-size: 1.05rem; }
.secno { color: var(--accent); margin-right: .55em; font-variant-numeric: tabular-nums; }
section.notebook:first-of-type h2.level-1 { margin-top: 0; }

.math-display { display: block; overflow-x: auto; overflow-y: hidden; margin: 1.1rem 0; }
.katex { font-size: 1.08em; }

figure { margin: 2rem 0; }
figure.report-figure .plotly-figure { width: 100%; min-height: 120px; }
figure img.output-image { display: block; max-width: 100%; height: auto; margin: 0 auto; }
figcaption { font-size: .9rem; line-height: 1.45; color: #333; margin-top: .6rem; }
/* Centred while short, a left-aligned full-width paragraph once it wraps. */
figure.report-table figcaption { display: table; margin: 0 auto .6rem; }
.caption-label { font-weight: 700; }
a.xref { text-decoration: none; }
a.xref:hover { text-decoration: underline; }

.table-wrap { overflow-x: auto; max-width: 100%; }
/* Set by FIT_WIDE on a table still too wide at its smallest type: first cells holding long identifiers
   (file names, hashes) may break anywhere, then, if that is not enough, every cell. */
table.wrap-long td.long-token, table.wrap-anywhere td, table.wrap-anywhere th { overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: 0 auto; font-size: .88rem; line-height: 1.4; font-variant-numeric: tabular-nums;
  border-top: 1.5px solid #333; border-bottom: 1.5px solid #333; }
thead th { border-bottom: 1px solid #333; font-weight: 600; }
th, td { padding: .38rem .85rem; text-align: right; vertical-align: top; }
th:first-child, td:first-child { text-align: left; }
tbody tr + tr td, tbody tr + tr th { border-top: 1px solid #e6e8eb; }
.prose table { margin: 1rem auto; }

pre, code { font-family: var(--mono); }
code { font-size: .85em; background: var(--code-bg); padding: .1em .3em; border-radius: 3px; }
pre code { background: none; padding: 0; font-size: inherit; }
pre { font-size: .75rem; line-height: 1.5; overflow-x: auto; margin: 0; }
details.code-cell { margin: 1rem 0 .6rem; border: 1px solid var(--rule); border-radius: 6px; background: var(--code-bg); }
details.code-cell > summary { cursor: pointer; padding: .3rem .8rem; font-family: var(--sans); font-size: .72rem;
  letter-spacing: .04em; text-transform: uppercase; color: var(--muted); user-select: none; }
details.code-cell[open] > summary { border-bottom: 1px solid var(--rule); }
details.code-cell pre { padding: .7rem .9rem; }
pre.output { margin: .6rem 0 1rem; padding: .55rem .85rem; background: #fbfbfc; border-left: 3px solid var(--rule); color: #333; }
pre.output.stderr { border-left-color: #d9a400; }
pre.output.error { border-left-color: #c62828; color: #8a1c1c; }
.prose { margin: 1rem 0; }
.citation a.cite { text-decoration: none; }
section.references ol.references { list-style: none; padding: 0; margin: 0; font-size: .92rem; line-height: 1.45; }
section.references ol.references li { padding-left: 2.4em; text-indent: -2.4em; margin: 0 0 .45rem; }
section.references .ref-number { display: inline-block; min-width: 2.4em; text-indent: 0; color: var(--muted); font-variant-numeric: tabular-nums; }
.appendix-heading .secno { margin-right: .35em; }
.prose > :last-child { margin-bottom: 0; }

@page { size: A4; }
@media print {
  html { font-size: 10.5pt; }
  main.report { max-width: none; padding: 0; }
  details.code-cell { display: none; }
  .title-block { margin-top: 18mm; }
  nav.toc { break-after: page; }
  /* Sections follow one another on the page (a fresh page per section left pages nearly empty and the
     main part over its 20-page budget); the appendix starts on its own page. */
  div.appendix { break-before: page; }
  section.notebook + section.notebook h2.level-1, section.references h2.level-1, section.appendix-part + section.appendix-part h2.level-1 { margin-top: 2rem; }
  h2.level-1 { margin-top: 0; }
  h2, h3, h4 { break-after: avoid; break-inside: avoid; }
  /* break-after: avoid alone does not keep a heading off the foot of a page when a figure (which may
     not split) follows; reserving 2.5 cm under every heading does: the heading moves to the next page
     unless that much room is left below it. */
  h2::after, h3::after, h4::after { content: ""; display: block; height: 2.5cm; margin-bottom: -2.5cm; }
  /* A caption stays with its figure or table: figures never split, a table's caption (above it) never
     ends a page, a figure's caption (below it) never starts one. */
  figure, .table-wrap, pre.output, .math-display, tr, section.references li { break-inside: avoid; }
  figure.report-figure figcaption { break-before: avoid; }
  figure.report-table figcaption { break-after: avoid; }
  .table-wrap { overflow: visible; }
  table { font-size: .8rem; }
  th, td { padding: .3rem .55rem; }
  a { color: inherit; }
  .modebar-container { display: none !important; }
}
`;

/** Draws every figure from its JSON block; one Plotly.newPlot per figure, errors to the console. */
export const PLOTLY_BOOT = String.raw`
(function () {
  var base = {
    autosize: true,
    font: { family: 'Liberation Sans, DejaVu Sans, Helvetica, Arial, sans-serif', size: 13, color: '#1f2328' },
    margin: { l: 64, r: 24, t: 24, b: 52 },
    paper_bgcolor: '#ffffff', plot_bgcolor: '#ffffff',
    colorway: ['#1f4e8c', '#d1495b', '#2a9d8f', '#e9a03b', '#6c4f9c', '#5b8e3e', '#8c564b', '#7f7f7f']
  };
  var blocks = document.querySelectorAll('script.plotly-data');
  window.__reportFigures = { total: blocks.length, drawn: 0, failed: 0 };
  blocks.forEach(function (block) {
    var el = document.getElementById(block.getAttribute('data-for'));
    try {
      var spec = JSON.parse(block.textContent);
      var own = spec.layout || {};
      var layout = Object.assign({}, base, own);
      // A title needs room above the plot; keep any margin the notebook set itself.
      layout.margin = Object.assign({}, base.margin, own.title ? { t: 64 } : {}, own.margin || {});
      // A figure narrower than the text column keeps its width (centred); a wider one takes the column,
      // since a fixed width would overflow the A4 page.
      if (typeof own.width === 'number' && own.width <= el.parentElement.clientWidth) {
        el.style.width = own.width + 'px';
        el.style.margin = '0 auto';
      } else {
        delete layout.width;
      }
      var config = Object.assign({ responsive: true, displaylogo: false }, spec.config || {});
      Plotly.newPlot(el, spec.data || [], layout, config).then(function () {
        window.__reportFigures.drawn++;
      }, function (e) {
        window.__reportFigures.failed++;
        console.error('figure ' + el.id + ' failed to draw: ' + e);
      });
    } catch (e) {
      window.__reportFigures.failed++;
      console.error('figure ' + (el && el.id) + ' failed to draw: ' + e);
    }
  });
})();
`;

/**
 * Display math and tables wider than the text column are scaled down to fit (math to no less than 55 %,
 * tables to 75 %, then their cells wrap anywhere), since a printed page cannot scroll; runs after layout,
 * in whatever media the page is laid out for.
 */
export const FIT_WIDE = String.raw`
(function () {
  function fit(el, inner, least) {
    var avail = el.clientWidth, need = inner.scrollWidth;
    if (need > avail + 1 && avail > 0) el.style.fontSize = Math.max(least, Math.floor(100 * avail / need)) + '%';
    return inner.scrollWidth <= el.clientWidth + 1;
  }
  function run() {
    document.querySelectorAll('.math-display').forEach(function (el) { fit(el, el.querySelector('.katex-display') || el, 55); });
    document.querySelectorAll('.table-wrap').forEach(function (el) {
      var t = el.querySelector('table');
      if (!t || fit(el, t, 75)) return;
      t.querySelectorAll('td').forEach(function (td) { if (/\S{15,}/.test(td.textContent || '')) td.classList.add('long-token'); });
      t.classList.add('wrap-long');
      if (t.scrollWidth > el.clientWidth + 1) t.classList.add('wrap-anywhere');
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run); else run();
})();
`;
