/**
 * A tiny Markdown subset for job instructions: headings (#), bullets (- or *), **bold**, *italic*
 * or _italic_, `code` and [links](https://…). It produces tokens, not HTML: the template renders
 * each as text, so markup typed into instructions is shown, never run.
 */
export type Inline =
  | { kind: 'text' | 'strong' | 'em' | 'code'; text: string }
  | { kind: 'link'; text: string; href: string };

export interface Block {
  kind: 'heading' | 'bullet' | 'line' | 'gap';
  inlines: Inline[];
}

const INLINE =
  /(\*\*[^*\n]+\*\*|__[^_\n]+__|`[^`\n]+`|\[[^\]\n]+\]\(https?:\/\/[^)\s]+\)|\*[^*\s][^*\n]*\*|_[^_\s][^_\n]*_)/g;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let at = 0;
  for (const match of text.matchAll(INLINE)) {
    const token = match[0];
    const index = match.index ?? 0;
    if (index > at) out.push({ kind: 'text', text: text.slice(at, index) });
    if (token.startsWith('**') || token.startsWith('__'))
      out.push({ kind: 'strong', text: token.slice(2, -2) });
    else if (token.startsWith('`')) out.push({ kind: 'code', text: token.slice(1, -1) });
    else if (token.startsWith('[')) {
      const close = token.indexOf('](');
      out.push({ kind: 'link', text: token.slice(1, close), href: token.slice(close + 2, -1) });
    } else out.push({ kind: 'em', text: token.slice(1, -1) });
    at = index + token.length;
  }
  if (at < text.length) out.push({ kind: 'text', text: text.slice(at) });
  return out;
}

export function parseInstructions(text: string): Block[] {
  return text.split(/\r?\n/).map((raw): Block => {
    const line = raw.trimEnd();
    if (!line.trim()) return { kind: 'gap', inlines: [] };
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) return { kind: 'heading', inlines: parseInline(heading[1]) };
    const bullet = /^\s*[-*]\s+(.*)$/.exec(line);
    if (bullet) return { kind: 'bullet', inlines: parseInline(bullet[1]) };
    return { kind: 'line', inlines: parseInline(line) };
  });
}
