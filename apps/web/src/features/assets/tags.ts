/** Tags typed as one line: "lead, act 2, night" ⇄ ["lead", "act 2", "night"]. */

/** The tags of a typed line: trimmed, without empties or repeats, in the order typed. */
export function parseTags(line: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of line.split(',')) {
    const tag = raw.trim();
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(tag);
  }
  return tags;
}

export function tagsLine(tags: readonly string[]): string {
  return tags.join(', ');
}
