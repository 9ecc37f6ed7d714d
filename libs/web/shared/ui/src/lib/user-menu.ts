import {
  ChangeDetectionStrategy,
  Component,
  input,
  output,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';

/** The toolbar's account button: who is signed in, for which organization, and Sign out. */
@Component({
  selector: 'q-user-menu',
  imports: [MatButtonModule, MatMenuModule, MatIconModule, MatDividerModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button mat-button type="button" class="trigger" [matMenuTriggerFor]="menu">
      <mat-icon svgIcon="account_circle" aria-hidden="true" />
      <span class="name">{{ displayName() }}</span>
    </button>
    <mat-menu #menu="matMenu" xPosition="before">
      <div class="who" role="presentation">
        <span class="display-name">{{ displayName() }}</span>
        @if (email()) {
          <span class="email">{{ email() }}</span>
        }
        <span class="org">{{ orgName() }}</span>
      </div>
      <mat-divider />
      <button mat-menu-item type="button" (click)="signOut.emit()">
        <mat-icon svgIcon="logout" aria-hidden="true" />
        <span>Sign out</span>
      </button>
    </mat-menu>
  `,
  styles: `
    .trigger {
      color: inherit;
    }
    .who {
      display: flex;
      flex-direction: column;
      gap: 2px;
      padding: 8px 16px 12px;
      min-width: 200px;
    }
    .display-name {
      font: var(--mat-sys-title-small);
    }
    .email,
    .org {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    @media (max-width: 599px) {
      .name {
        display: none;
      }
    }
  `,
})
export class UserMenu {
  readonly displayName = input.required<string>();
  readonly orgName = input.required<string>();
  readonly email = input<string>();
  readonly signOut = output<void>();
}
