// Small readers every command's parse() uses.
import { UsageError } from "../cli-error";
import type { Flags } from "../command";

export const single = (values: Flags, name: string): string | undefined => values.get(name)?.[0];

export function required(values: Flags, name: string): string {
  const value = single(values, name);
  if (value === undefined) throw new UsageError(`Missing required option --${name}.`);
  return value;
}

/** Comma-separated words, indented, broken into lines of at most `width` characters. */
export function wrap(words: readonly string[], indent: number, width: number): string {
  const lines: string[] = [];
  let line = "";
  for (const word of words.map((word, index) => (index < words.length - 1 ? `${word},` : word))) {
    if (line && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line].map((text) => " ".repeat(indent) + text).join("\n");
}
