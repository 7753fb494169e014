// The live report's page script: every code cell gets Edit, Run, Run all above, Stop and Reset; cells
// run in their notebook's kernel worker (page-kernel.ts) and their outputs replace the static ones,
// drawn by the report's renderers (page-render.ts). Edits are kept in localStorage per cell.
import type { CleanOutput } from '../../clean';
import { escapeHtml } from '../../html/outputs';
import type { CellError } from './protocol';
import type { LiveCellSource, LiveConfig } from './page-config';
import { isolated, Kernel, type CellOutcome, type CellSink } from './page-kernel';
import { OutputRenderer } from './page-render';

const config = JSON.parse(document.getElementById('live-config')!.textContent!) as LiveConfig;
const renderer = new OutputRenderer(new Map(config.refs), new Map(config.glue));
const base = new URL('.', location.href);
const kernels = new Map<string, Kernel>();
const boxes = new Map<string, CellBox>();
const state = { runs: 0, glueUpdates: 0 };
(window as unknown as { __live: unknown }).__live = { state, boxes, kernels, isolated: isolated() };

const storageKey = (nb: string, index: number): string => `live:${location.pathname}:${nb}:${index}`;

function savedSource(nb: string, cell: LiveCellSource): string {
  try {
    return localStorage.getItem(storageKey(nb, cell.index)) ?? cell.source;
  } catch {
    return cell.source;
  }
}

function button(label: string, action: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.dataset.action = action;
  return b;
}

class CellBox implements CellSink {
  readonly el = document.createElement('div');
  readonly outputs = document.createElement('div');
  readonly editor = document.createElement('textarea');
  readonly status = document.createElement('span');
  private cleared = false;
  private ticker: number | undefined;

  constructor(readonly nb: string, readonly cell: LiveCellSource, content: Node[]) {
    this.el.className = 'live-cell';
    this.el.dataset.nb = nb;
    this.el.dataset.cell = String(cell.index);
    this.el.dataset.state = 'idle';
    const bar = document.createElement('div');
    bar.className = 'live-bar';
    bar.append(button('Edit', 'edit'), button('Run', 'run'), button('Run all above', 'run-above'), button('Stop', 'stop'), button('Reset', 'reset'), this.status);
    this.status.className = 'live-status';
    this.editor.className = 'live-editor';
    this.editor.spellcheck = false;
    this.editor.hidden = true;
    this.editor.value = savedSource(nb, cell);
    this.editor.addEventListener('input', () => this.save());
    this.outputs.className = 'live-outputs';
    for (const node of content) (node instanceof HTMLDetailsElement && node.classList.contains('code-cell') ? this.el : this.outputs).append(node);
    this.el.prepend(bar);
    this.el.append(this.editor, this.outputs);
    bar.addEventListener('click', (e) => this.onClick(e));
    if (this.edited()) this.showEditor();
  }

  source(): string {
    return this.editor.value;
  }

  private edited(): boolean {
    return this.editor.value !== this.cell.source;
  }

  private save(): void {
    try {
      if (this.edited()) localStorage.setItem(storageKey(this.nb, this.cell.index), this.editor.value);
      else localStorage.removeItem(storageKey(this.nb, this.cell.index));
    } catch {
      // Storage may be off (private windows); the edit still runs.
    }
    this.el.classList.toggle('live-edited', this.edited());
  }

  private showEditor(): void {
    this.editor.hidden = false;
    this.editor.rows = Math.min(40, this.editor.value.split('\n').length + 1);
    this.el.querySelector('details.code-cell')?.setAttribute('hidden', '');
    this.el.classList.toggle('live-edited', this.edited());
  }

  private onClick(e: Event): void {
    const action = (e.target as HTMLElement).dataset?.action;
    if (action === 'edit') this.showEditor();
    else if (action === 'reset') {
      this.editor.value = this.cell.source;
      this.save();
    } else if (action === 'run') void runCell(this.nb, this.cell.index, true);
    else if (action === 'run-above') void runCell(this.nb, this.cell.index, false);
    else if (action === 'stop') stopKernel(this.nb);
  }

  /** Marks the cell running, with the seconds it has run so far (its streams show the rest of its progress). */
  begin(label: string): void {
    this.el.dataset.state = 'running';
    this.status.textContent = label;
    this.cleared = false;
    const t0 = performance.now();
    window.clearInterval(this.ticker);
    this.ticker = window.setInterval(() => { this.status.textContent = `${label} ${Math.round((performance.now() - t0) / 1000)} s`; }, 1000);
  }

  private clearOnce(): void {
    if (this.cleared) return;
    this.outputs.replaceChildren();
    this.cleared = true;
  }

  stream(name: 'stdout' | 'stderr', text: string): void {
    this.clearOnce();
    const last = this.outputs.lastElementChild;
    if (last instanceof HTMLPreElement && last.classList.contains('stream') && last.classList.contains(name)) last.textContent += text;
    else this.outputs.insertAdjacentHTML('beforeend', `<pre class="output stream ${name}">${escapeHtml(text)}</pre>`);
  }

  display(data: Record<string, unknown>, metadata: Record<string, unknown>): void {
    const out = { type: 'data', data, report: metadata.report } as CleanOutput;
    if (out.type === 'data' && out.report?.kind === 'glue') {
      updateGlue(out.report.name, (data['application/vnd.assignment-one.glue+json'] as { text: string }).text);
      return;
    }
    this.clearOnce();
    const holder = document.createElement('div');
    holder.className = 'live-output';
    try {
      holder.innerHTML = renderer.html(out, `${this.nb} cell ${this.cell.index}`);
    } catch (e) {
      holder.innerHTML = `<pre class="output error">${escapeHtml(String((e as Error).message ?? e))}</pre>`;
    }
    this.outputs.append(holder);
    renderer.drawFigures(holder);
  }

  finish(o: CellOutcome): void {
    window.clearInterval(this.ticker);
    this.clearOnce();
    if (o.stopped) {
      this.el.dataset.state = 'stopped';
      this.status.textContent = 'stopped; the notebook\'s kernel was ended (its names are gone: Run starts afresh)';
      return;
    }
    if (o.error) this.outputs.insertAdjacentHTML('beforeend', errorHtml(o.error));
    else if (o.result !== undefined) this.outputs.insertAdjacentHTML('beforeend', `<pre class="output result">${escapeHtml(o.result)}</pre>`);
    this.el.dataset.state = o.error ? 'error' : 'done';
    this.status.textContent = `${o.error ? 'failed' : 'ran'} in ${(o.ms / 1000).toFixed(1)} s`;
  }
}

function errorHtml(e: CellError): string {
  const where = e.line !== undefined ? ` (line ${e.line}${e.column !== undefined ? `:${e.column}` : ''} of the cell)` : '';
  const detail = e.traceback && e.traceback !== e.evalue && !e.traceback.startsWith(`${e.ename}: ${e.evalue}`) ? `\n${e.traceback}` : '';
  return `<pre class="output error live-error" data-line="${e.line ?? ''}"><strong>${escapeHtml(`${e.ename}: ${e.evalue}`)}</strong>${escapeHtml(where)}${escapeHtml(detail)}</pre>`;
}

function updateGlue(name: string, text: string): void {
  const known = renderer.glue.get(name);
  renderer.glue.set(name, { text, where: known?.where ?? 'live' });
  for (const el of Array.from(document.querySelectorAll<HTMLElement>(`span.live-glue[data-glue="${name}"]`))) {
    if (el.textContent === text) continue;
    el.textContent = text;
    el.classList.add('live-updated');
    state.glueUpdates++;
  }
}

/** A sink for cells the report does not show (remove-cell): their glue still updates the prose. */
const hiddenSink: CellSink = {
  stream: () => {},
  display: (data, metadata) => {
    const report = metadata.report as { kind?: string; name?: string } | undefined;
    if (report?.kind === 'glue' && report.name) updateGlue(report.name, (data['application/vnd.assignment-one.glue+json'] as { text: string }).text);
  },
};

function kernelFor(nb: string): Kernel {
  let k = kernels.get(nb);
  if (!k || k.stopped) {
    k = new Kernel(base, config.env, showThreads);
    kernels.set(nb, k);
  }
  return k;
}

function stopKernel(nb: string): void {
  kernels.get(nb)?.stop();
  kernels.delete(nb);
}

/**
 * Runs a cell after any cell above it that this kernel has not run yet (so a fresh kernel has the
 * names the cell uses); `andSelf` false is "Run all above": every cell above, not the cell itself.
 */
async function runCell(nb: string, index: number, andSelf: boolean): Promise<void> {
  let kernel: Kernel;
  try {
    kernel = kernelFor(nb);
  } catch (e) {
    boxes.get(`${nb}:${index}`)?.finish({ ms: 0, error: { ename: 'Kernel error', evalue: (e as Error).message, traceback: '' } });
    return;
  }
  const cells = config.notebooks[nb]!.cells;
  const above = cells.filter((c) => c.index < index && (!andSelf || !kernel.ran.has(c.index)));
  const plan = andSelf ? [...above, cells.find((c) => c.index === index)!] : above;
  const target = boxes.get(`${nb}:${index}`);
  for (const c of plan) {
    const box = boxes.get(`${nb}:${c.index}`);
    if (box && c.index !== index) box.el.dataset.state = 'queued';
  }
  for (const c of plan) {
    const box = boxes.get(`${nb}:${c.index}`);
    const source = box?.source() ?? savedSource(nb, c);
    box?.begin('running…');
    if (target && c.index !== index) target.status.textContent = `running cell ${c.index} above first…`;
    const outcome = await kernel.run(source, `${config.notebooks[nb]!.path} cell ${c.index}`, box ?? hiddenSink);
    state.runs++;
    box?.finish(outcome);
    if (!outcome.stopped && !outcome.error) kernel.ran.add(c.index);
    if (outcome.stopped || outcome.error) {
      if (target && target !== box) target.finish(outcome.stopped ? outcome : { ms: 0, error: { ename: 'Not run', evalue: `cell ${c.index} above failed (${outcome.error!.ename}: ${outcome.error!.evalue})`, traceback: '' } });
      return;
    }
  }
}

function collectCells(): void {
  for (const start of Array.from(document.querySelectorAll<HTMLElement>("div.live-start"))) {
    const nb = start.dataset.nb!;
    const index = Number(start.dataset.cell);
    const cell = config.notebooks[nb]?.cells.find((c) => c.index === index);
    const content: Node[] = [];
    let node = start.nextSibling;
    while (node && !(node instanceof HTMLElement && node.classList.contains('live-end'))) {
      content.push(node);
      node = node.nextSibling;
    }
    node?.remove();
    if (!cell) continue;
    const box = new CellBox(nb, cell, content);
    start.replaceWith(box.el);
    boxes.set(`${nb}:${index}`, box);
  }
}

/** The banner's note on the wasm backend's threads, filled in once a kernel has started it. */
const threadsNote = document.createElement('span');
threadsNote.className = 'live-threads';

function showThreads(threads: number): void {
  threadsNote.textContent = ` The WebAssembly backend computes on ${threads} thread${threads === 1 ? '' : 's'}.`;
}

function banner(): void {
  const el = document.createElement('div');
  el.className = 'live-banner';
  const intro = 'Live report: every code cell can be edited and run here (Edit, Run; Stop ends the notebook\'s kernel).';
  el.textContent = isolated() ? `${intro} Cross-origin isolated (SharedArrayBuffer available): training uses the WebAssembly backend's threads, one per logical core.`
    : location.protocol === 'file:'
      ? `${intro} Opened from disk: cells run on one thread, and browsers that refuse workers and file reads from disk (Chromium does) cannot run them at all: use \`npm run serve\`.`
      : `${intro} Not cross-origin isolated (served without the COOP/COEP headers of \`npm run serve\`): no SharedArrayBuffer, cells run on one thread.`;
  el.append(threadsNote);
  document.body.prepend(el);
}

collectCells();
banner();
(window as unknown as { __live: { ready: boolean } }).__live.ready = true;
