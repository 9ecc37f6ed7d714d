import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import type { MemberView } from '@quorum/contracts';
import { RoleLabelPipe } from './role-label.pipe';

/** The members of an organization, as a table. */
@Component({
  selector: 'q-member-list',
  imports: [MatTableModule, DatePipe, RoleLabelPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <table mat-table [dataSource]="members()" aria-label="Members">
      <ng-container matColumnDef="displayName">
        <th mat-header-cell *matHeaderCellDef scope="col">Name</th>
        <td mat-cell *matCellDef="let m">{{ m.displayName }}</td>
      </ng-container>
      <ng-container matColumnDef="email">
        <th mat-header-cell *matHeaderCellDef scope="col">Email</th>
        <td mat-cell *matCellDef="let m">{{ m.email }}</td>
      </ng-container>
      <ng-container matColumnDef="roles">
        <th mat-header-cell *matHeaderCellDef scope="col">Roles</th>
        <td mat-cell *matCellDef="let m">
          @for (role of m.roles; track role; let last = $last) {
            {{ role | roleLabel }}{{ last ? '' : ', ' }}
          }
        </td>
      </ng-container>
      <ng-container matColumnDef="createdAt">
        <th mat-header-cell *matHeaderCellDef scope="col">Added</th>
        <td mat-cell *matCellDef="let m">
          {{ m.createdAt | date: 'mediumDate' }}
        </td>
      </ng-container>
      <tr mat-header-row *matHeaderRowDef="columns"></tr>
      <tr mat-row *matRowDef="let row; columns: columns"></tr>
    </table>
  `,
  styles: `
    table {
      width: 100%;
    }
  `,
})
export class MemberList {
  readonly members = input.required<readonly MemberView[]>();
  protected readonly columns = ['displayName', 'email', 'roles', 'createdAt'];
}
