import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  model,
} from '@angular/core';
import { parseInstructions } from './instructions-text';

/** The job's instructions (a tiny, text-only Markdown subset; HTML shown as typed), collapsible. */
@Component({
  selector: 'q-instructions-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <details [open]="open()" (toggle)="open.set($any($event.target).open)">
      <summary>Instructions <kbd>I</kbd></summary>
      <div class="text">
        @for (block of blocks(); track $index) {
          @if (block.kind === 'gap') {
            <div class="gap"></div>
          } @else {
            <p [class]="block.kind">
              @for (t of block.inlines; track $index) {
                @switch (t.kind) {
                  @case ('strong') {
                    <strong>{{ t.text }}</strong>
                  }
                  @case ('em') {
                    <em>{{ t.text }}</em>
                  }
                  @case ('code') {
                    <code>{{ t.text }}</code>
                  }
                  @case ('link') {
                    <a [href]="$any(t).href" target="_blank" rel="noopener noreferrer">{{ t.text }}</a>
                  }
                  @default {
                    <span>{{ t.text }}</span>
                  }
                }
              }
            </p>
          }
        } @empty {
          <p>No instructions for this job.</p>
        }
      </div>
    </details>
  `,
  styles: `
    details {
      margin-bottom: 16px;
      padding: 8px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    summary {
      cursor: pointer;
      font: var(--mat-sys-title-small);
    }
    .text {
      margin: 8px 0 4px;
      overflow-wrap: anywhere;
      font: var(--mat-sys-body-medium);
    }
    .text p {
      margin: 0;
      white-space: pre-wrap;
    }
    .heading {
      font-weight: 600;
    }
    .bullet::before {
      content: '• ';
    }
    .gap {
      height: 8px;
    }
    kbd {
      margin-left: 4px;
      padding: 0 4px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 4px;
      font: 500 12px/18px ui-monospace, monospace;
    }
  `,
})
export class InstructionsPanel {
  readonly text = input.required<string>();
  readonly open = model(true);

  protected readonly blocks = computed(() =>
    this.text().trim() ? parseInstructions(this.text()) : [],
  );
}
