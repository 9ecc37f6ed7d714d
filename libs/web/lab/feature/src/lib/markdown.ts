import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';

/** One run of inline text: plain, bold, italic, code, or a link (http, https or mailto only). */
export type MdInline =
  | { kind: 'text' | 'strong' | 'em' | 'code'; text: string }
  | { kind: 'link'; text: string; href: string };

export type MdBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; inlines: MdInline[] }
  | { kind: 'paragraph'; lines: MdInline[][] }
  | { kind: 'list'; ordered: boolean; items: MdInline[][] };

const SAFE_HREF = /^(https?:\/\/|mailto:)/i;
const INLINE =
  /(\*\*([^*]+)\*\*|__([^_]+)__|\*([^*]+)\*|_([^_]+)_|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\))/g;

/** Bold, italic, code and links inside a line; anything else stays literal text. */
export function parseInline(text: string): MdInline[] {
  const out: MdInline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ kind: 'text', text: text.slice(last, at) });
    if (m[2] ?? m[3]) out.push({ kind: 'strong', text: m[2] ?? m[3] });
    else if (m[4] ?? m[5]) out.push({ kind: 'em', text: m[4] ?? m[5] });
    else if (m[6]) out.push({ kind: 'code', text: m[6] });
    else if (SAFE_HREF.test(m[8]))
      out.push({ kind: 'link', text: m[7], href: m[8] });
    // A link to anything else (javascript:, data:, relative) is shown as its text only.
    else out.push({ kind: 'text', text: m[7] });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

/**
 * A small Markdown subset — headings, paragraphs, bullet and numbered lists, bold, italic, code,
 * links — parsed into blocks that a template renders with text bindings. No HTML is ever built from
 * the input, so markup in instructions shows as the characters it is.
 */
export function parseMarkdown(source: string): MdBlock[] {
  const blocks: MdBlock[] = [];
  let paragraph: MdInline[][] | null = null;
  let list: { ordered: boolean; items: MdInline[][] } | null = null;
  const flush = () => {
    if (paragraph) blocks.push({ kind: 'paragraph', lines: paragraph });
    if (list) blocks.push({ kind: 'list', ...list });
    paragraph = null;
    list = null;
  };
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    if (!line.trim()) {
      flush();
    } else if (heading) {
      flush();
      const level = Math.min(3, heading[1].length) as 1 | 2 | 3;
      blocks.push({ kind: 'heading', level, inlines: parseInline(heading[2]) });
    } else if (bullet || numbered) {
      const ordered = !bullet;
      const text = (bullet ?? numbered)?.[1] ?? '';
      if (paragraph || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(parseInline(text));
    } else {
      if (list) flush();
      paragraph ??= [];
      paragraph.push(parseInline(line.trim()));
    }
  }
  flush();
  return blocks;
}

/** Renders instructions written in Markdown, safely (see parseMarkdown). */
@Component({
  selector: 'q-markdown',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-template #runs let-inlines>
      @for (r of inlines; track $index) {
        @switch (r.kind) {
          @case ('strong') {
            <strong>{{ r.text }}</strong>
          }
          @case ('em') {
            <em>{{ r.text }}</em>
          }
          @case ('code') {
            <code>{{ r.text }}</code>
          }
          @case ('link') {
            <a [href]="r.href" target="_blank" rel="noopener noreferrer">{{
              r.text
            }}</a>
          }
          @default {
            {{ r.text }}
          }
        }
      }
    </ng-template>
    @for (b of blocks(); track $index) {
      @switch (b.kind) {
        @case ('heading') {
          <p
            class="heading"
            [class]="'h' + b.level"
            role="heading"
            [attr.aria-level]="headingBase() + b.level - 1"
          >
            <ng-container
              *ngTemplateOutlet="runs; context: { $implicit: b.inlines }"
            />
          </p>
        }
        @case ('list') {
          @if (b.ordered) {
            <ol>
              @for (item of b.items; track $index) {
                <li>
                  <ng-container
                    *ngTemplateOutlet="runs; context: { $implicit: item }"
                  />
                </li>
              }
            </ol>
          } @else {
            <ul>
              @for (item of b.items; track $index) {
                <li>
                  <ng-container
                    *ngTemplateOutlet="runs; context: { $implicit: item }"
                  />
                </li>
              }
            </ul>
          }
        }
        @default {
          <p>
            @for (line of b.lines; track $index) {
              @if (!$first) {
                <br />
              }
              <ng-container
                *ngTemplateOutlet="runs; context: { $implicit: line }"
              />
            }
          </p>
        }
      }
    } @empty {
      <p class="empty">{{ emptyText() }}</p>
    }
  `,
  imports: [NgTemplateOutlet],
  styles: `
    :host {
      display: block;
      font: var(--mat-sys-body-medium);
    }
    p,
    ul,
    ol {
      margin: 0 0 8px;
    }
    .heading {
      margin: 12px 0 4px;
    }
    .h1 {
      font: var(--mat-sys-title-large);
    }
    .h2 {
      font: var(--mat-sys-title-medium);
    }
    .h3 {
      font: var(--mat-sys-title-small);
    }
    code {
      padding: 0 4px;
      border-radius: 4px;
      background: var(--mat-sys-surface-container-high);
    }
    .empty {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class Markdown {
  readonly source = input.required<string>();
  /** aria-level of a "#" heading, so instructions nest under the page's own headings. */
  readonly headingBase = input(3);
  readonly emptyText = input('No instructions.');
  protected readonly blocks = computed(() => parseMarkdown(this.source()));
}
