/** "1 epoch", "2 epochs": a count with its noun, plural unless the count is exactly 1. */
export function plural(n: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : pluralNoun}`;
}
