// Loaded by the classic Jupyter Notebook (6.x) from the tslab kernelspec when a notebook runs on it
// (scripts/install-kernel.mjs copies it there). It collapses the code of cells whose metadata has
// "jupyter": {"source_hidden": true} (the report's hide-input cells), as JupyterLab and Notebook 7 do by
// themselves, so a reader sees the same output-only cells as in the report. A click on the stub shows
// or hides the code again. It also shows glued values in place of their references: a markdown
// {glue}`name` reads as the text a code cell of the same notebook published with glue(name, …)
// (src/notebook/glue.ts), as the report does; a name glued in another notebook stays as written.
define(['jquery', 'base/js/namespace', 'base/js/events'], function ($, Jupyter, events) {
  'use strict';

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
      refresh();
      events.on('notebook_loaded.Notebook', refresh);
      events.on('rendered.MarkdownCell', substituteGlue);
      events.on('finished_execute.CodeCell', substituteGlue);
    },
  };
});
