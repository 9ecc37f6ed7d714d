import {
  ChangeDetectionStrategy,
  Component,
  input,
  output,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

/** What a page shows when it has nothing to list yet, and why. */
@Component({
  selector: 'q-empty-state',
  imports: [MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (icon(); as icon) {
      <mat-icon class="icon" [svgIcon]="icon" aria-hidden="true" />
    }
    <h2 class="heading">{{ heading() }}</h2>
    @if (message()) {
      <p class="message">{{ message() }}</p>
    }
    <ng-content />
    @if (actionLabel(); as label) {
      <button mat-stroked-button type="button" (click)="action.emit()">
        {{ label }}
      </button>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 8px;
      padding: 48px 24px;
      text-align: center;
      border: 1px dashed var(--mat-sys-outline-variant);
      border-radius: 16px;
      color: var(--mat-sys-on-surface-variant);
    }
    .icon {
      width: 48px;
      height: 48px;
      color: var(--mat-sys-primary);
    }
    .heading {
      margin: 8px 0 0;
      font: var(--mat-sys-title-large);
      color: var(--mat-sys-on-surface);
    }
    .message {
      max-width: 56ch;
      margin: 0 0 8px;
      font: var(--mat-sys-body-large);
    }
  `,
})
export class EmptyState {
  readonly icon = input<string>();
  readonly heading = input.required<string>();
  readonly message = input<string>();
  readonly actionLabel = input<string>();
  readonly action = output<void>();
}
