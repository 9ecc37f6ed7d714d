import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';

export interface DeclineDialogData {
  title: string;
  labName: string;
  openSlots: number;
}

/** Confirms a decline: the open slots go to other vendors. Closes with true to decline. */
@Component({
  selector: 'q-vendor-decline-dialog',
  imports: [DecimalPipe, MatDialogModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Decline “{{ data.title }}”?</h2>
    <mat-dialog-content>
      <p>
        The open slots will be re-routed to other vendors ({{
          data.openSlots | number
        }}
        open slots of {{ data.labName }}). You cannot take this work back
        afterwards.
      </p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">
        Keep the work
      </button>
      <button mat-flat-button type="button" [mat-dialog-close]="true">
        Decline
      </button>
    </mat-dialog-actions>
  `,
})
export class DeclineDialog {
  protected readonly data = inject<DeclineDialogData>(MAT_DIALOG_DATA);
}
