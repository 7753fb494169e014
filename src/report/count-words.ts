/**
 * "one seed", "three seeds", "12 seeds": a count in words with its noun, plural unless the count is 1, for
 * captions and prose outputs, so that no notebook cell chooses an ending with a ternary of its own.
 */
import { countWord } from './format';

export function countWords(n: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${countWord(n)} ${n === 1 ? noun : pluralNoun}`;
}
