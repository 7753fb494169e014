// Loaded by the classic Jupyter Notebook (6.x) from the tslab kernelspec when a notebook runs on it
// (scripts/install-kernel.mjs copies it there). It collapses the code of cells whose metadata has
// "jupyter": {"source_hidden": true} (the report's hide-input cells), as JupyterLab and Notebook 7 do by
// themselves, so a reader sees the same output-only cells as in the report. A click on the stub shows
// or hides the code again.
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

  return {
    onload: function () {
      collapseAll();
      events.on('notebook_loaded.Notebook', collapseAll);
    },
  };
});
