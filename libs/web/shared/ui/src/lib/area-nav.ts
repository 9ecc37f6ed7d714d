import {
  ChangeDetectionStrategy,
  Component,
  input,
  output,
} from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { RouterLink, RouterLinkActive } from '@angular/router';
import type { Area } from '@quorum/web/shared/util';

/** The side navigation: one link per area the user may enter, with that area's other pages under it. */
@Component({
  selector: 'q-area-nav',
  imports: [MatListModule, MatIconModule, RouterLink, RouterLinkActive],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-nav-list aria-label="Areas">
      @for (area of areas(); track area.key) {
        <a
          mat-list-item
          [routerLink]="['/', area.path]"
          routerLinkActive
          #areaLink="routerLinkActive"
          [routerLinkActiveOptions]="{ exact: area.subpages.length > 0 }"
          [activated]="areaLink.isActive"
          [attr.aria-current]="areaLink.isActive ? 'page' : null"
          (click)="navigated.emit()"
        >
          <mat-icon matListItemIcon [svgIcon]="area.icon" aria-hidden="true" />
          <span matListItemTitle>{{ area.label }}</span>
        </a>
        @for (page of area.subpages; track page.path) {
          <a
            mat-list-item
            class="subpage"
            [routerLink]="['/', area.path, page.path]"
            routerLinkActive
            #pageLink="routerLinkActive"
            [activated]="pageLink.isActive"
            [attr.aria-current]="pageLink.isActive ? 'page' : null"
            (click)="navigated.emit()"
          >
            <mat-icon
              matListItemIcon
              [svgIcon]="page.icon"
              aria-hidden="true"
            />
            <span matListItemTitle>{{ page.label }}</span>
          </a>
        }
      }
    </mat-nav-list>
  `,
  styles: `
    .subpage {
      padding-left: 40px;
    }
  `,
})
export class AreaNav {
  readonly areas = input.required<readonly Area[]>();
  /** Emitted when a link is followed, so an overlay sidenav can close. */
  readonly navigated = output<void>();
}
