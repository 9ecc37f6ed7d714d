import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  output,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import {
  NavigationEnd,
  Router,
  RouterLink,
  RouterLinkActive,
} from '@angular/router';
import type { Area } from '@quorum/web/shared/util';
import { filter, map } from 'rxjs';

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
          [activated]="areaActive(area)"
          [attr.aria-current]="areaActive(area) ? 'page' : null"
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

  private readonly router = inject(Router);
  private readonly url = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => this.router.url),
    ),
    { initialValue: this.router.url },
  );

  /**
   * The area's own link is current on its landing page and on pages the navigation does not list
   * (an entity under Admin), not on its listed subpages, which have links of their own.
   */
  protected areaActive(area: Area): boolean {
    const path = this.url().split(/[?#]/)[0];
    const root = `/${area.path}`;
    if (path !== root && !path.startsWith(`${root}/`)) return false;
    return !area.subpages.some((page) => {
      const own = `${root}/${page.path}`;
      return path === own || path.startsWith(`${own}/`);
    });
  }
}
