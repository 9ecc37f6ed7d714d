import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import type { EffectiveOwnerView, InterestView } from '@quorum/contracts';
import {
  AuthStore,
  EntityOwnershipStore,
  RegistryApi,
} from '@quorum/web/shared/data-access';
import {
  Badge,
  EmptyState,
  EntityKindPipe,
  InterestTypePipe,
  OwnershipGraph,
  PercentRangePipe,
  ProblemAlert,
  SharePipe,
} from '@quorum/web/shared/ui';
import {
  ADMIN_PAGES,
  ENTITY_KIND_LABELS,
  interestTypeLabel,
  isoDate,
  parseIsoDate,
} from '@quorum/web/shared/util';
import {
  EndInterestDialog,
  type EndInterestDialogData,
} from './end-interest.dialog';
import { entitySearch, openRecordInterest } from './registry-dialogs';

/** "2 (Rights granted by contract)" for the agreements column. */
export function agreementsText(owner: EffectiveOwnerView): string {
  if (!owner.agreements.length) return '0';
  const types = [
    ...new Set(owner.agreements.map((a) => interestTypeLabel(a.type))),
  ];
  return `${owner.agreements.length} (${types.join(', ')})`;
}

/** One entity: its effective owners as of a date, drawn as a graph and listed, and its statements. */
@Component({
  selector: 'q-admin-entity-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatTableModule,
    RouterLink,
    Badge,
    EmptyState,
    EntityKindPipe,
    InterestTypePipe,
    OwnershipGraph,
    PercentRangePipe,
    ProblemAlert,
    SharePipe,
  ],
  providers: [EntityOwnershipStore, provideNativeDateAdapter()],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="q-page">
      <a mat-button routerLink="/admin" class="back">
        <mat-icon svgIcon="arrow_back" aria-hidden="true" /> Ownership registry
      </a>
      <h1>{{ store.entity()?.name ?? 'Entity' }}</h1>
      @if (store.entity(); as entity) {
        <p class="q-lede">
          {{ kindLabels[entity.kind] }}
          @for (i of entity.identifiers; track $index) {
            · {{ i.scheme }}: {{ i.id }}
          }
        </p>
      }
      <q-problem-alert [problem]="store.problem()" />

      @if (store.entity() || !store.problem()) {
        <div class="bar">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>As of</mat-label>
            <input matInput [matDatepicker]="picker" [formControl]="asOf" />
            <mat-datepicker-toggle matIconSuffix [for]="picker" />
            <mat-datepicker #picker />
          </mat-form-field>
          @if (asOf.value) {
            <button mat-button type="button" (click)="showToday()">
              Today
            </button>
          }
          @if (store.asOf()) {
            <span class="as-of" aria-live="polite"
              >Figures as of {{ asOfDate() | date: 'mediumDate' }}</span
            >
          }
          <span class="spacer"></span>
          @if (canWrite() && store.entity()) {
            <button mat-stroked-button type="button" (click)="openRecord()">
              <mat-icon svgIcon="add" aria-hidden="true" /> Record interest
            </button>
          }
        </div>
      }
      @if (store.loading()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading ownership" />
      }
      @if (store.entity()) {
        <h2>Effective owners</h2>
        @if (store.owners().length) {
          <div class="ownership">
            @if (store.graph(); as graph) {
              <q-ownership-graph
                [nodes]="graph.nodes"
                [edges]="graph.edges"
                [description]="'Ownership graph of ' + store.entity()?.name"
                (nodeClick)="openEntity($event)"
              />
            }
            <div class="scroll">
              <table
                mat-table
                [dataSource]="store.owners()"
                aria-label="Effective owners"
              >
                <ng-container matColumnDef="name">
                  <th mat-header-cell *matHeaderCellDef scope="col">Owner</th>
                  <td mat-cell *matCellDef="let o">
                    <a [routerLink]="['/admin', pages.entities, o.entityId]">{{
                      o.name
                    }}</a>
                    <span class="kind">{{ o.kind | entityKind }}</span>
                    @if (o.cyclic) {
                      <q-badge tone="info">through a cycle</q-badge>
                    }
                  </td>
                </ng-container>
                <ng-container matColumnDef="economic">
                  <th mat-header-cell *matHeaderCellDef scope="col">
                    Economic
                  </th>
                  <td mat-cell *matCellDef="let o">
                    {{ o.economic | percentRange }}
                  </td>
                </ng-container>
                <ng-container matColumnDef="voting">
                  <th mat-header-cell *matHeaderCellDef scope="col">Voting</th>
                  <td mat-cell *matCellDef="let o">
                    {{ o.voting | percentRange }}
                  </td>
                </ng-container>
                <ng-container matColumnDef="controls">
                  <th mat-header-cell *matHeaderCellDef scope="col">
                    Controls
                  </th>
                  <td mat-cell *matCellDef="let o">
                    @if (o.controls) {
                      <q-badge tone="bad">Yes</q-badge>
                    } @else {
                      No
                    }
                  </td>
                </ng-container>
                <ng-container matColumnDef="boardSeats">
                  <th mat-header-cell *matHeaderCellDef scope="col">
                    Board seats
                  </th>
                  <td mat-cell *matCellDef="let o">{{ o.boardSeats }}</td>
                </ng-container>
                <ng-container matColumnDef="agreements">
                  <th mat-header-cell *matHeaderCellDef scope="col">
                    Agreements
                  </th>
                  <td mat-cell *matCellDef="let o">{{ agreementsText(o) }}</td>
                </ng-container>
                <tr mat-header-row *matHeaderRowDef="ownerColumns"></tr>
                <tr mat-row *matRowDef="let row; columns: ownerColumns"></tr>
              </table>
            </div>
          </div>
        } @else if (!store.loading()) {
          <q-empty-state
            icon="account_tree"
            heading="No owners on record"
            message="No interest statement in force on this date links anyone to this entity."
          />
        }

        <h2>Interest statements</h2>
        @if (store.interests().length) {
          <div class="scroll">
            <table
              mat-table
              [dataSource]="store.interests()"
              aria-label="Interest statements"
            >
              <ng-container matColumnDef="party">
                <th mat-header-cell *matHeaderCellDef scope="col">
                  Interested party
                </th>
                <td mat-cell *matCellDef="let i">
                  <a
                    [routerLink]="[
                      '/admin',
                      pages.entities,
                      i.interestedPartyId,
                    ]"
                    >{{ store.nameOf()(i.interestedPartyId) }}</a
                  >
                </td>
              </ng-container>
              <ng-container matColumnDef="type">
                <th mat-header-cell *matHeaderCellDef scope="col">Interest</th>
                <td mat-cell *matCellDef="let i">
                  {{ i.type | interestType }}
                  @if (i.directOrIndirect === 'indirect') {
                    <span class="kind">(declared indirect)</span>
                  }
                </td>
              </ng-container>
              <ng-container matColumnDef="share">
                <th mat-header-cell *matHeaderCellDef scope="col">Share</th>
                <td mat-cell *matCellDef="let i">{{ i.share | share }}</td>
              </ng-container>
              <ng-container matColumnDef="subject">
                <th mat-header-cell *matHeaderCellDef scope="col">In</th>
                <td mat-cell *matCellDef="let i">
                  <a [routerLink]="['/admin', pages.entities, i.subjectId]">{{
                    store.nameOf()(i.subjectId)
                  }}</a>
                </td>
              </ng-container>
              <ng-container matColumnDef="dates">
                <th mat-header-cell *matHeaderCellDef scope="col">In force</th>
                <td mat-cell *matCellDef="let i">
                  {{ i.startDate ?? 'start unknown' }} →
                  {{ i.endDate ?? 'now' }}
                  @if (i.endDate) {
                    <q-badge tone="neutral">Ended</q-badge>
                  }
                </td>
              </ng-container>
              <ng-container matColumnDef="source">
                <th mat-header-cell *matHeaderCellDef scope="col">Source</th>
                <td mat-cell *matCellDef="let i" class="source">
                  @if (i.source.url) {
                    <a
                      [href]="i.source.url"
                      target="_blank"
                      rel="noopener noreferrer"
                      >{{ i.source.description }}</a
                    >
                  } @else {
                    {{ i.source.description }}
                  }
                  @if (i.details) {
                    <span class="kind">{{ i.details }}</span>
                  }
                </td>
              </ng-container>
              <ng-container matColumnDef="actions">
                <th mat-header-cell *matHeaderCellDef scope="col">
                  <span class="cdk-visually-hidden">Actions</span>
                </th>
                <td mat-cell *matCellDef="let i">
                  @if (canWrite() && !i.endDate) {
                    <button
                      mat-button
                      type="button"
                      [attr.aria-label]="
                        'End ' +
                        (i.type | interestType) +
                        ' of ' +
                        store.nameOf()(i.interestedPartyId)
                      "
                      (click)="openEnd(i)"
                    >
                      End…
                    </button>
                  }
                </td>
              </ng-container>
              <tr mat-header-row *matHeaderRowDef="interestColumns"></tr>
              <tr mat-row *matRowDef="let row; columns: interestColumns"></tr>
            </table>
          </div>
        } @else if (!store.loading()) {
          <p class="none">No statement names this entity.</p>
        }
      }
    </section>
  `,
  styles: `
    .back {
      margin: 0 0 8px -12px;
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
      margin-bottom: 16px;
    }
    .spacer {
      flex: 1;
    }
    .as-of,
    .kind,
    .none {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .kind {
      display: block;
    }
    h2 {
      margin: 24px 0 12px;
      font: var(--mat-sys-title-large);
    }
    .ownership {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 16px;
    }
    @media (min-width: 1400px) {
      .ownership {
        grid-template-columns: minmax(0, 5fr) minmax(0, 6fr);
        align-items: start;
      }
    }
    .scroll {
      overflow-x: auto;
    }
    table {
      width: 100%;
    }
    .source {
      max-width: 280px;
    }
  `,
})
export class AdminEntityPage {
  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  protected readonly auth = inject(AuthStore);
  protected readonly store = inject(EntityOwnershipStore);
  private readonly api = inject(RegistryApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);

  protected readonly pages = ADMIN_PAGES;
  protected readonly kindLabels = ENTITY_KIND_LABELS;
  protected readonly ownerColumns = [
    'name',
    'economic',
    'voting',
    'controls',
    'boardSeats',
    'agreements',
  ];
  protected readonly interestColumns = [
    'party',
    'type',
    'share',
    'subject',
    'dates',
    'source',
    'actions',
  ];
  protected readonly agreementsText = agreementsText;
  protected readonly canWrite = computed(() =>
    this.auth.roles().includes('platform_admin'),
  );
  protected readonly asOf = new FormControl<Date | null>(null);
  private readonly asOfText = signal<string | null>(null);

  constructor() {
    effect(() => {
      const id = this.id();
      const asOf = this.asOfText();
      untracked(() => this.store.load(id, asOf));
    });
    this.asOf.valueChanges.subscribe((date) =>
      this.asOfText.set(date ? isoDate(date) : null),
    );
  }

  protected showToday(): void {
    this.asOf.setValue(null);
  }

  protected asOfDate(): Date | null {
    return parseIsoDate(this.store.asOf());
  }

  protected openEntity(id: string): void {
    if (id !== this.id())
      void this.router.navigate(['/admin', ADMIN_PAGES.entities, id]);
  }

  protected openRecord(): void {
    openRecordInterest(this.dialog, {
      subject: this.store.entity(),
      search: entitySearch(this.api),
      submit: (request) => this.store.recordInterest(request),
    }).subscribe((interest) => {
      if (interest)
        this.snackBar.open('Interest recorded.', 'OK', { duration: 5000 });
    });
  }

  protected openEnd(interest: InterestView): void {
    const nameOf = this.store.nameOf();
    const data: EndInterestDialogData = {
      interest,
      partyName: nameOf(interest.interestedPartyId),
      subjectName: nameOf(interest.subjectId),
      submit: (endDate) => this.store.endInterest(interest.id, endDate),
    };
    this.dialog
      .open<EndInterestDialog, EndInterestDialogData, InterestView>(
        EndInterestDialog,
        { data, autoFocus: 'first-tabbable' },
      )
      .afterClosed()
      .subscribe((ended) => {
        if (ended)
          this.snackBar.open(`Interest ended on ${ended.endDate}.`, 'OK', {
            duration: 5000,
          });
      });
  }
}
