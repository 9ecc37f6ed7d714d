import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { ApiProblem } from '@quorum/web/shared/util';

/** Shows an API problem: its title, detail and every field error the server listed. */
@Component({
  selector: 'q-problem-alert',
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (problem(); as p) {
      <div class="alert" role="alert">
        <mat-icon class="icon" svgIcon="error" aria-hidden="true" />
        <div class="body">
          <p class="title">{{ p.title }}</p>
          @if (p.detail) {
            <p class="detail">{{ p.detail }}</p>
          }
          @if (fieldErrors().length) {
            <ul class="errors">
              @for (e of fieldErrors(); track $index) {
                <li>
                  <span class="where">{{ e.where }}</span
                  >{{ e.message }}
                </li>
              }
            </ul>
          }
          @if (p.requestId) {
            <p class="request-id">Reference: {{ p.requestId }}</p>
          }
        </div>
      </div>
    }
  `,
  styles: `
    .alert {
      display: flex;
      gap: 12px;
      padding: 12px 16px;
      margin-bottom: 16px;
      border-radius: 12px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .icon {
      flex: none;
    }
    .body p {
      margin: 0;
    }
    .title {
      font: var(--mat-sys-title-small);
    }
    .detail,
    .errors {
      font: var(--mat-sys-body-medium);
    }
    .errors {
      margin: 4px 0 0;
      padding-left: 18px;
    }
    .where {
      font-weight: 500;
    }
    .request-id {
      margin-top: 4px;
      font: var(--mat-sys-body-small);
      opacity: 0.8;
    }
  `,
})
export class ProblemAlert {
  readonly problem = input<ApiProblem | null>(null);

  protected readonly fieldErrors = computed(() =>
    (this.problem()?.errors ?? []).map((e) => ({
      where:
        e.line !== undefined
          ? `Line ${e.line}${e.path ? ` (${e.path})` : ''}: `
          : e.path
            ? `${e.path}: `
            : '',
      message: e.message,
    })),
  );
}
