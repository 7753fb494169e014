/**
 * Progress for long loops: a redrawn bar on a TTY, and plain lines otherwise (CI logs, Jupyter),
 * where a carriage-return bar would print hundreds of lines.
 */
export interface Progress {
  /** Called often; cheap. `done` counts work units out of `total` for the current phase. */
  tick(done: number, total: number, label: string): void;
  /** One durable line, e.g. an epoch summary. */
  line(text: string): void;
  end(): void;
}

export function makeProgress(stream: NodeJS.WriteStream = process.stderr, quiet = false): Progress {
  if (quiet) return { tick() {}, line() {}, end() {} };
  if (!stream.isTTY) {
    return { tick() {}, line: (text) => stream.write(`${text}\n`), end() {} };
  }
  let lastDraw = 0;
  let drawn = false;
  const clear = (): void => {
    if (drawn) stream.write('\r\x1b[2K');
    drawn = false;
  };
  return {
    tick(done, total, label) {
      const now = Date.now();
      if (now - lastDraw < 100 && done < total) return;
      lastDraw = now;
      const width = 30;
      const filled = Math.round((width * done) / Math.max(total, 1));
      clear();
      stream.write(`${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
      drawn = true;
    },
    line(text) {
      clear();
      stream.write(`${text}\n`);
    },
    end: clear,
  };
}
