/**
 * Rules a reader of the printed report would hold against it, checked on the PDF's text (pdftotext):
 * markup that never rendered, and "tool voice", words that describe our machinery instead of the work.
 * The text is what a grader reads, so the rules run on it rather than on the notebooks' sources.
 */

export interface TextRule {
  name: string;
  /** What a reader sees wrong, in a sentence. */
  why: string;
  pattern: RegExp;
}

export interface TextFinding {
  rule: string;
  why: string;
  /** 1-based PDF page. */
  page: number;
  excerpt: string;
}

/** Markup that should have become typeset text, a link or a number. */
export const RAW_MARKUP_RULES: TextRule[] = [
  { name: 'tex-dollar', why: 'a $ next to TeX: inline maths left untypeset', pattern: /\$\s*\\[A-Za-z]|\$\$|\\(?:sqrt|frac|mathrm|text|kappa|sigma|alpha|beta|mu|tau|lambda|varepsilon|cdot|left|right)\b|=\s\$(?=\s|$)/ },
  { name: 'tex-script', why: 'a TeX sub- or superscript in braces (x_{i}, e^{−x}) printed as ASCII', pattern: /[A-Za-z0-9)][_^]\{/ },
  { name: 'ascii-subscript', why: 'an ASCII subscript (p_i, x_out, fan_in, θ_t) where the report typesets maths', pattern: /(?<![A-Za-z0-9_])[A-Za-z∂α-ωΑ-Ω]{1,3}_(?:[a-z0-9]{1,2}|in|out)(?![A-Za-z0-9_])/ },
  { name: 'glue', why: 'an unresolved {glue} value', pattern: /\{glue\}/ },
  { name: 'citation', why: 'an unresolved [@key] citation', pattern: /\[@[A-Za-z]/ },
  { name: 'cross-reference', why: 'an unresolved @fig-/@tab- reference', pattern: /@(?:fig|tab|sec|eq)-[a-z0-9]/ },
  { name: 'markdown', why: 'markdown emphasis or code marks printed literally', pattern: /`|\*\*\S|(?<!\S)__\S/ },
  { name: 'e-notation', why: 'a programming-language exponent (1e-8) where the report writes 10⁻⁸', pattern: /(?<![A-Za-z0-9.])\d+(?:\.\d+)?e[-+]?\d+(?![A-Za-z0-9])/ },
  { name: 'padded-number', why: 'a table-padded number in prose or a caption (0.5000, 0.01000)', pattern: /(?<![\d.])0\.(?:[1-9]0{3,}|0[1-9]0{3,})(?![\d])/ },
];

/** Words about our files, tools and working conditions, which a reader of the report has no use for. */
export const TOOL_VOICE_RULES: TextRule[] = [
  { name: 'source-path', why: 'a path into the repository', pattern: /(?<![A-Za-z])(?:src|data|scripts|render|notebooks|test)\/[A-Za-z0-9_./-]/ },
  { name: 'file-name', why: 'a file name (predictions.csv, fans.ts)', pattern: /\b[\w-]+\.(?:ts|mjs|js|py|json|csv|ipynb)\b/ },
  { name: 'notebook-cell', why: '"the cell", "this cell": the notebook, not the report', pattern: /\b(?:the|this|next|previous) cell\b/i },
  { name: 'build', why: 'the build or the rendering instead of the report', pattern: /\b(?:the build|this rendering|in this rendering|the renderer)\b/i },
  { name: 'library-agent', why: '"the library rejects …": our code as the actor', pattern: /\bthe library (?:rejects|refuses|throws|checks)\b/i },
  { name: 'our-history', why: 'our working history ("our earlier runs")', pattern: /\bour (?:earlier|previous|old) (?:\d+-epoch )?runs?\b/i },
  { name: 'this-machine', why: 'the machine we happened to use ("this two-core CPU")', pattern: /\bthis (?:two-core |2-core )?(?:CPU|machine|laptop|computer)\b/i },
  { name: 'identifier', why: 'a code identifier (camelCase or a kebab-case run name)', pattern: /\b(?!arXiv\b)[a-z]+[A-Z][a-z]+[A-Za-z]*\b|\b(?:xavier|he|lecun|pytorch)-(?:uniform|normal|default|augment)\b|\bfinal-(?:labeled|fixmatch|student)\b/ },
];

/** The one place a commit may be named: the reproducibility note at the end. */
const COMMIT = /\bcommit\s+[0-9a-f]{7,40}\b/;

function excerpt(line: string, at: number): string {
  return line.slice(Math.max(0, at - 40), at + 60).trim();
}

/** Every match of every rule, page by page (pages split on form feeds, as pdftotext writes them). */
export function findTextDefects(pdfText: string, rules: TextRule[]): TextFinding[] {
  const found: TextFinding[] = [];
  pdfText.split('\f').forEach((page, i) => {
    for (const line of page.split('\n')) {
      for (const rule of rules) {
        const m = rule.pattern.exec(line);
        if (m) found.push({ rule: rule.name, why: rule.why, page: i + 1, excerpt: excerpt(line, m.index) });
      }
    }
  });
  return found;
}

/** Tool voice, plus a commit hash anywhere but in the reproducibility note. */
export function findToolVoice(pdfText: string): TextFinding[] {
  const found = findTextDefects(pdfText, TOOL_VOICE_RULES);
  pdfText.split('\f').forEach((page, i) => {
    for (const line of page.split('\n')) {
      const m = COMMIT.exec(line);
      if (m && !/Reproducibility\./.test(line)) found.push({ rule: 'commit', why: 'a commit hash outside the reproducibility note', page: i + 1, excerpt: excerpt(line, m.index) });
    }
  });
  return found;
}

export function findRawMarkup(pdfText: string): TextFinding[] {
  return findTextDefects(pdfText, RAW_MARKUP_RULES);
}

export function describeFindings(findings: TextFinding[]): string {
  return findings.map((f) => `p.${f.page} [${f.rule}] ${f.why}: "${f.excerpt}"`).join('\n');
}
