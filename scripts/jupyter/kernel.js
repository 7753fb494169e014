// Loaded by the classic Jupyter Notebook (6.x) from the tslab kernelspec when a notebook runs on it
// (scripts/install-kernel.mjs copies it there). It collapses the code of cells whose metadata has
// "jupyter": {"source_hidden": true} (the report's hide-input cells), as JupyterLab and Notebook 7 do by
// themselves, so a reader sees the same output-only cells as in the report. A click on the stub shows
// or hides the code again. It also shows glued values in place of their references, in markdown cells and in
// markdown outputs (captions, prose): {glue}`name` reads as the text a code cell published with glue(name, …)
// (src/notebook/glue.ts), in this notebook or, through the glue store (src/notebook/glue-store.ts, served
// from the kernelspec folder), in another one; and citations [@key] read as the report's numbers (author and
// year before any report ran), linked to the work, with the full reference from notebooks/references.json.
// And it draws figures (application/vnd.plotly.v1+json) interactively with the plotly.js the project ships
// (install-kernel.mjs copies plotly.js-dist-min next to this file), which Notebook 6 cannot by itself.
// Outputs drawn before plotly.js has loaded, and every figure of a notebook whose metadata has
// "assignment_one": {"static_figures": true}, keep the static SVG fallback (src/notebook/static-svg.ts).
define(['jquery', 'base/js/namespace', 'base/js/events', 'notebook/js/outputarea'], function ($, Jupyter, events, outputarea) {
  'use strict';

  var PLOTLY_MIME = 'application/vnd.plotly.v1+json';

  function staticFigures() {
    var meta = (Jupyter.notebook && Jupyter.notebook.metadata.assignment_one) || {};
    return meta.static_figures === true;
  }

  // Called by OutputArea.append_mime_type with the output area as `this`; a throw makes it fall through to
  // the next MIME type of the bundle, the SVG fallback.
  function appendPlotly(Plotly) {
    return function (figure, md, element) {
      if (staticFigures()) throw new Error('static figures requested in the notebook metadata (assignment_one.static_figures)');
      var toinsert = this.create_output_subarea(md, 'output_plotly', PLOTLY_MIME);
      var div = $('<div class="plotly-figure"></div>');
      toinsert.append(div);
      element.append(toinsert);
      var config = $.extend({ displaylogo: false, responsive: true }, figure.config || {});
      // After insertion, so plotly measures the output's real width.
      setTimeout(function () { Plotly.newPlot(div[0], figure.data || [], figure.layout || {}, config); }, 0);
      return toinsert;
    };
  }

  function loadPlotly() {
    var url = Jupyter.notebook.base_url + 'kernelspecs/tslab/plotly.min.js';
    requirejs([url], function () {
      // plotly.min.js is no AMD module: it sets window.Plotly.
      var Plotly = window.Plotly;
      if (!Plotly || typeof Plotly.newPlot !== 'function') {
        window.assignmentOnePlotly = 'failed';
        console.warn('kernel.js: ' + url + ' defined no Plotly; figures stay static');
        return;
      }
      outputarea.OutputArea.prototype.register_mime_type(PLOTLY_MIME, appendPlotly(Plotly), { safe: true, index: 0 });
      window.assignmentOnePlotly = 'ready';
    }, function (err) {
      window.assignmentOnePlotly = 'failed';
      console.warn('kernel.js: plotly.js did not load from ' + url + '; figures stay static', err);
    });
  }

  function collapse(cell) {
    var meta = cell.metadata.jupyter || {};
    if (cell.cell_type !== 'code' || meta.source_hidden !== true || cell.element.find('.source-hidden-stub').length) return;
    var input = cell.element.find('.input');
    var stub = $('<div class="source-hidden-stub" title="Show or hide the code of this cell">▸ code hidden</div>').css({
      cursor: 'pointer', color: '#888', fontSize: '85%', fontFamily: 'monospace', padding: '2px 0 2px 14ex',
    });
    stub.on('click', function () {
      input.toggle();
      stub.text(input.is(':visible') ? '▾ code' : '▸ code hidden');
    });
    input.hide();
    input.before(stub);
  }

  function collapseAll() {
    if (Jupyter.notebook) Jupyter.notebook.get_cells().forEach(collapse);
  }

  var GLUE_MIME = 'application/vnd.assignment-one.glue+json';
  // The report's citation syntax (render/html/citations.ts): [@key] or [@key1; @key2].
  var CITATION = /\[(@[a-z]+\d{4}[a-z]?(?:\s*;\s*@[a-z]+\d{4}[a-z]?)*)\]/g;
  // The glue store (src/notebook/glue-store.ts) as last fetched, and notebooks/references.json by key.
  var store = { glue: {}, citations: [] };
  var references = {};

  function kernelName() {
    var k = Jupyter.notebook.kernel;
    return (k && k.name) || (Jupyter.notebook.metadata.kernelspec || {}).name || 'tslab';
  }

  // The server serves the kernelspec folder, where the store lives, at /kernelspecs/<name>/; a missing store
  // (no report and no Jupyter session has glued anything yet) leaves other notebooks' names as written.
  function loadStore() {
    var url = Jupyter.notebook.base_url + 'kernelspecs/' + encodeURIComponent(kernelName()) + '/glue-store.json?t=' + Date.now();
    return fetch(url, { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) { if (s && s.format === 1 && s.glue) store = { glue: s.glue, citations: s.citations || [] }; })
      .catch(function (err) { console.warn('kernel.js: no glue store at ' + url, err); });
  }

  // references.json sits beside the notebooks (docs/NOTEBOOK-OUTPUTS.md, "Citations").
  function loadReferences() {
    var path = Jupyter.notebook.notebook_path.replace(/[^/]*$/, '') + 'references.json';
    return Jupyter.notebook.contents.get(path, { type: 'file', format: 'text' }).then(function (model) {
      JSON.parse(model.content).forEach(function (e) { references[e.key] = e; });
    }).catch(function (err) { console.warn('kernel.js: cannot read ' + path + '; citations stay as written', err); });
  }

  // This notebook's own glue outputs are what its reader just ran, so they win over the store.
  function glueValues() {
    var values = {};
    Object.keys(store.glue).forEach(function (name) { values[name] = String(store.glue[name].text); });
    Jupyter.notebook.get_cells().forEach(function (cell) {
      if (cell.cell_type !== 'code') return;
      (cell.output_area.outputs || []).forEach(function (o) {
        var g = o.data && o.data[GLUE_MIME];
        if (g && typeof g.name === 'string') values[g.name] = String(g.text);
      });
    });
    return values;
  }

  // Markdown cells and markdown outputs (captions, prose) are where the report substitutes too.
  function rendered() {
    return Jupyter.notebook.element.find('.text_cell_render, .output_markdown');
  }

  // Markdown renders {glue}`name` as the text "{glue}" followed by <code>name</code>. The span keeps the name,
  // so a later refresh writes the value anew when a cell glued it again.
  function substituteGlue(values) {
    rendered().find('code').each(function () {
      var before = this.previousSibling;
      var name = this.textContent;
      if (!before || before.nodeType !== 3 || !/\{glue\}$/.test(before.nodeValue) || !(name in values)) return;
      before.nodeValue = before.nodeValue.replace(/\{glue\}$/, '');
      $(this).replaceWith($('<span class="glue-value"></span>').attr({ 'data-glue': name, title: name }));
    });
    rendered().find('.glue-value').each(function () {
      var name = this.getAttribute('data-glue');
      if (name in values) this.textContent = values[name];
    });
  }

  // "Glorot and Bengio 2010", "He et al. 2015": the label when no report has numbered the work yet.
  function authorYear(e) {
    var authors = e.authors.split(/,\s*|\s+and\s+/);
    var surname = function (a) { return a.trim().split(/\s+/).pop(); };
    var who = authors.length === 1 && !/et al\./.test(e.authors) ? surname(authors[0])
      : authors.length === 2 ? surname(authors[0]) + ' and ' + surname(authors[1]) : surname(authors[0].replace(/\s*et al\.$/, '')) + ' et al.';
    return who + ' ' + e.year;
  }

  // The report's number (its order of first citation, from the store) with the full reference as a tooltip.
  function citationLink(key) {
    var e = references[key];
    var n = store.citations.indexOf(key);
    var link = $('<a class="cite" target="_blank" rel="noopener"></a>').text(n >= 0 ? String(n + 1) : authorYear(e))
      .attr('title', e.authors + ' (' + e.year + '). ' + e.title + '. ' + e.venue + '.');
    if (e.url) link.attr('href', e.url);
    return link;
  }

  function citationSpan(keys) {
    var span = $('<span class="citation"></span>').attr('data-cite', keys.join(';')).append('[');
    keys.forEach(function (k, i) { span.append(i > 0 ? ', ' : '', citationLink(k)); });
    return span.append(']');
  }

  function textNodesWithCitations(root) {
    var nodes = [];
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, null);
    for (var n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeValue.indexOf('[@') >= 0 && !$(n.parentNode).closest('code, pre, script, .MathJax, .citation').length) nodes.push(n);
    }
    return nodes;
  }

  // A citation whose keys are all in references.json becomes a span; one with an unknown key stays as written.
  function substituteCitations() {
    rendered().find('.citation').each(function () {
      $(this).replaceWith(citationSpan(this.getAttribute('data-cite').split(';')));
    });
    rendered().each(function () {
      textNodesWithCitations(this).forEach(function (node) {
        var text = node.nodeValue;
        var parts = [];
        var last = 0;
        text.replace(CITATION, function (whole, list, at) {
          var keys = list.split(';').map(function (k) { return k.trim().slice(1); });
          if (!keys.every(function (k) { return k in references; })) return whole;
          parts.push(document.createTextNode(text.slice(last, at)), citationSpan(keys)[0]);
          last = at + whole.length;
          return whole;
        });
        if (parts.length === 0) return;
        parts.push(document.createTextNode(text.slice(last)));
        parts.forEach(function (p) { node.parentNode.insertBefore(p, node); });
        node.parentNode.removeChild(node);
      });
    });
  }

  function substitute() {
    if (!Jupyter.notebook) return;
    substituteGlue(glueValues());
    substituteCitations();
  }

  // Fetches the store anew: a cell of this notebook or another one may have glued a new value since.
  function reloadAndSubstitute() {
    return loadStore().then(substitute);
  }

  function refresh() {
    collapseAll();
    substitute();
  }

  return {
    onload: function () {
      if (!window.assignmentOnePlotly) loadPlotly();
      refresh();
      Promise.all([loadStore(), loadReferences()]).then(function () {
        substitute();
        window.assignmentOneStore = 'ready';
      });
      events.on('notebook_loaded.Notebook', refresh);
      events.on('rendered.MarkdownCell', substitute);
      events.on('finished_execute.CodeCell', reloadAndSubstitute);
      // Back from another notebook's tab, whose cells may have glued new values.
      document.addEventListener('visibilitychange', function () { if (!document.hidden) reloadAndSubstitute(); });
    },
  };
});
