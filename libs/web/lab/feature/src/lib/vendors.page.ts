import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { VendorListItem } from '@quorum/contracts';
import { AuthStore, VendorsStore } from '@quorum/web/shared/data-access';
import {
  ConflictCard,
  EmptyState,
  NeutralityBadge,
  ProblemAlert,
} from '@quorum/web/shared/ui';
import { LAB_PAGES, NO_VALUE, formatNumber } from '@quorum/web/shared/util';

/** What the vendor list shows for profile fields: the value, or "—" while vendors have not set it. */
export function vendorProfileCells(vendor: VendorListItem) {
  const prices = Object.entries(vendor.prices ?? {});
  return {
    skills: vendor.skills.length ? vendor.skills.join(', ') : NO_VALUE,
    languages: vendor.languages.length ? vendor.languages.join(', ') : NO_VALUE,
    capacity:
      vendor.capacityPerHour === null
        ? NO_VALUE
        : `${formatNumber(vendor.capacityPerHour)} / h`,
    prices: prices.length
      ? prices
          .map(([task, price]) => `${task}: ${formatNumber(price)}`)
          .join(', ')
      : NO_VALUE,
    quality: vendor.quality === null ? NO_VALUE : formatNumber(vendor.quality),
  };
}

/** Every vendor with its neutrality for this lab, and the conflicts behind a flag or a block. */
@Component({
  selector: 'q-lab-vendors-page',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTableModule,
    RouterLink,
    ConflictCard,
    EmptyState,
    NeutralityBadge,
    ProblemAlert,
  ],
  providers: [VendorsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="q-page">
      <h1>Vendors</h1>
      <p class="q-lede">
        Whether {{ auth.user()?.orgName }} can route work to each vendor under
        its <a [routerLink]="['..', pages.policy]">conflict policy</a>.
      </p>
      <q-problem-alert [problem]="store.problem()" />
      @if (store.loading()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading vendors" />
      }
      @if (store.loaded()) {
        @if (store.vendors().length) {
          <div class="scroll">
            <table
              mat-table
              [dataSource]="rows()"
              multiTemplateDataRows
              aria-label="Vendors"
            >
              <ng-container matColumnDef="name">
                <th mat-header-cell *matHeaderCellDef scope="col">Vendor</th>
                <td mat-cell *matCellDef="let r" class="name">
                  {{ r.vendor.name }}
                </td>
              </ng-container>
              <ng-container matColumnDef="neutrality">
                <th mat-header-cell *matHeaderCellDef scope="col">
                  Neutrality
                </th>
                <td mat-cell *matCellDef="let r">
                  <q-neutrality-badge [status]="r.vendor.neutrality.status" />
                </td>
              </ng-container>
              <ng-container matColumnDef="skills">
                <th mat-header-cell *matHeaderCellDef scope="col">Skills</th>
                <td mat-cell *matCellDef="let r">{{ r.cells.skills }}</td>
              </ng-container>
              <ng-container matColumnDef="languages">
                <th mat-header-cell *matHeaderCellDef scope="col">Languages</th>
                <td mat-cell *matCellDef="let r">{{ r.cells.languages }}</td>
              </ng-container>
              <ng-container matColumnDef="capacity">
                <th mat-header-cell *matHeaderCellDef scope="col">Capacity</th>
                <td mat-cell *matCellDef="let r">{{ r.cells.capacity }}</td>
              </ng-container>
              <ng-container matColumnDef="prices">
                <th mat-header-cell *matHeaderCellDef scope="col">Prices</th>
                <td mat-cell *matCellDef="let r">{{ r.cells.prices }}</td>
              </ng-container>
              <ng-container matColumnDef="quality">
                <th mat-header-cell *matHeaderCellDef scope="col">Quality</th>
                <td mat-cell *matCellDef="let r">{{ r.cells.quality }}</td>
              </ng-container>
              <ng-container matColumnDef="reasons">
                <th mat-header-cell *matHeaderCellDef scope="col">Reasons</th>
                <td mat-cell *matCellDef="let r">
                  @if (r.vendor.neutrality.conflicts.length) {
                    <button
                      mat-button
                      type="button"
                      [attr.aria-expanded]="expanded() === r.vendor.orgId"
                      [attr.aria-controls]="'reasons-' + r.vendor.orgId"
                      (click)="toggle(r.vendor.orgId)"
                    >
                      <mat-icon
                        [svgIcon]="
                          expanded() === r.vendor.orgId
                            ? 'expand_less'
                            : 'expand_more'
                        "
                        aria-hidden="true"
                      />
                      {{ r.vendor.neutrality.conflicts.length }}
                      {{
                        r.vendor.neutrality.conflicts.length === 1
                          ? 'conflict'
                          : 'conflicts'
                      }}
                      <span class="cdk-visually-hidden">
                        with {{ r.vendor.name }}</span
                      >
                    </button>
                  } @else {
                    <span class="none">None</span>
                  }
                </td>
              </ng-container>
              <ng-container matColumnDef="detail">
                <td
                  mat-cell
                  *matCellDef="let r"
                  [attr.colspan]="columns.length"
                  class="detail"
                >
                  @if (expanded() === r.vendor.orgId) {
                    <div
                      class="reasons"
                      [id]="'reasons-' + r.vendor.orgId"
                      role="region"
                      [attr.aria-label]="'Conflicts with ' + r.vendor.name"
                    >
                      @for (c of r.vendor.neutrality.conflicts; track c.id) {
                        <q-conflict-card [conflict]="c" [headingLevel]="2" />
                      }
                      <a mat-button [routerLink]="['..', pages.conflicts]"
                        >Decide on conflicts</a
                      >
                    </div>
                  }
                </td>
              </ng-container>
              <tr mat-header-row *matHeaderRowDef="columns"></tr>
              <tr mat-row *matRowDef="let r; columns: columns"></tr>
              <tr
                mat-row
                *matRowDef="let r; columns: ['detail']"
                class="detail-row"
                [class.open]="expanded() === r.vendor.orgId"
              ></tr>
            </table>
          </div>
          @if (noProfiles()) {
            <p class="note">
              Skills, languages, capacity, prices and quality show “—” until
              vendors publish their profiles and quality is measured on your
              jobs.
            </p>
          }
        } @else {
          <q-empty-state
            icon="store"
            heading="No vendors yet"
            message="No vendor organization has joined Quorum yet."
          />
        }
      }
    </section>
  `,
  styles: `
    .scroll {
      overflow-x: auto;
    }
    table {
      width: 100%;
    }
    .name {
      font-weight: 500;
    }
    .none {
      color: var(--mat-sys-on-surface-variant);
    }
    .detail-row {
      height: 0;
    }
    .detail-row:not(.open) .detail {
      padding: 0;
      border-bottom-width: 0;
    }
    .reasons {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 12px;
      padding: 8px 0 16px;
    }
    .reasons q-conflict-card {
      align-self: stretch;
    }
    .note {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class LabVendorsPage implements OnInit {
  protected readonly auth = inject(AuthStore);
  protected readonly store = inject(VendorsStore);
  protected readonly pages = LAB_PAGES;
  protected readonly columns = [
    'name',
    'neutrality',
    'skills',
    'languages',
    'capacity',
    'prices',
    'quality',
    'reasons',
  ];
  protected readonly expanded = signal<string | null>(null);
  protected readonly rows = computed(() =>
    this.store
      .vendors()
      .map((vendor) => ({ vendor, cells: vendorProfileCells(vendor) })),
  );
  protected readonly noProfiles = computed(() =>
    this.store
      .vendors()
      .every(
        (v) =>
          !v.skills.length && v.capacityPerHour === null && v.quality === null,
      ),
  );

  ngOnInit(): void {
    this.store.load();
  }

  protected toggle(orgId: string): void {
    this.expanded.update((current) => (current === orgId ? null : orgId));
  }
}
