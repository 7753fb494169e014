// The live page's own styles, added to the static report's (which stay as they are).
export const LIVE_CSS = `
.live-banner { position: sticky; top: 0; z-index: 10; background: #fff8e1; border-bottom: 1px solid #e0c060; padding: 6px 12px; font: 13px/1.4 sans-serif; }
.live-cell { border-left: 3px solid #c9d4e3; padding-left: 8px; margin: 0.8em 0; }
.live-cell[data-state="running"], .live-cell[data-state="queued"] { border-left-color: #e9a03b; }
.live-cell[data-state="error"] { border-left-color: #d1495b; }
.live-cell[data-state="done"] { border-left-color: #2a9d8f; }
.live-bar { display: flex; gap: 4px; align-items: center; flex-wrap: wrap; font: 12px sans-serif; }
.live-bar button { font: 12px sans-serif; padding: 1px 8px; cursor: pointer; }
.live-status { color: #555; margin-left: 6px; }
.live-editor { display: block; width: 100%; box-sizing: border-box; font: 12.5px/1.45 "DejaVu Sans Mono", monospace; margin: 4px 0; tab-size: 2; }
.live-edited .live-bar::after { content: "edited"; color: #8c564b; margin-left: 6px; }
.live-glue.live-updated { background: #fff3b0; transition: background 1s; }
.live-error strong { color: #a4161a; }
`;
