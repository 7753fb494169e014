// Loaded by the classic Jupyter Notebook (6.x) from the tslab kernelspec when a notebook runs on it
// (scripts/install-kernel.mjs copies it there). It collapses the code of cells whose metadata has
// "jupyter": {"source_hidden": true} (the report's hide-input cells), as JupyterLab and Notebook 7 do by
// themselves, so a reader sees the same output-only cells as in the report. A click on the stub shows
// or hides the code again. It also shows glued values in place of their references: a markdown
// {glue}`name` reads as the text a code cell of the same notebook published with glue(name, …)
// (src/notebook/glue.ts), as the report does; a name glued in another notebook stays as written.
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

  function glueValues() {
    var values = {};
    Jupyter.notebook.get_cells().forEach(function (cell) {
      if (cell.cell_type !== 'code') return;
      (cell.output_area.outputs || []).forEach(function (o) {
        var g = o.data && o.data[GLUE_MIME];
        if (g && typeof g.name === 'string') values[g.name] = String(g.text);
      });
    });
    return values;
  }

  // markdown renders {glue}`name` as the text "{glue}" followed by <code>name</code>.
  function substituteGlue() {
    if (!Jupyter.notebook) return;
    var values = glueValues();
    Jupyter.notebook.get_cells().forEach(function (cell) {
      if (cell.cell_type !== 'markdown') return;
      cell.element.find('.rendered_html code').each(function () {
        var before = this.previousSibling;
        var name = this.textContent;
        if (!before || before.nodeType !== 3 || !/\{glue\}$/.test(before.nodeValue) || !(name in values)) return;
        before.nodeValue = before.nodeValue.replace(/\{glue\}$/, '');
        $(this).replaceWith($('<span class="glue-value"></span>').attr('title', name).text(values[name]));
      });
    });
  }

  function refresh() {
    collapseAll();
    substituteGlue();
  }

  return {
    onload: function () {
      if (!window.assignmentOnePlotly) loadPlotly();
      refresh();
      events.on('notebook_loaded.Notebook', refresh);
      events.on('rendered.MarkdownCell', substituteGlue);
      events.on('finished_execute.CodeCell', substituteGlue);
    },
  };
});
