/** Styles every task renderer shares: task text, choice buttons, key caps, hints. */
export const RENDERER_STYLES = `
  :host { display: block; }
  .q-task-text {
    margin: 0 0 16px;
    padding: 12px 16px;
    border-radius: 12px;
    background: var(--mat-sys-surface-container-low);
    font: var(--mat-sys-body-large);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .q-label {
    margin: 0 0 4px;
    font: var(--mat-sys-label-large);
    color: var(--mat-sys-on-surface-variant);
  }
  .q-choice {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    min-height: 36px;
    padding: 4px 14px 4px 6px;
    border: 1px solid var(--mat-sys-outline);
    border-radius: 18px;
    background: var(--mat-sys-surface);
    color: var(--mat-sys-on-surface);
    font: var(--mat-sys-label-large);
    cursor: pointer;
  }
  .q-choice.on {
    border-color: var(--mat-sys-primary);
    background: var(--mat-sys-primary-container);
    color: var(--mat-sys-on-primary-container);
  }
  .q-choice:focus-visible { outline: 2px solid var(--mat-sys-primary); outline-offset: 2px; }
  .q-choice[disabled] { cursor: default; opacity: 0.6; }
  kbd {
    display: inline-block;
    min-width: 1.4em;
    padding: 0 4px;
    border: 1px solid var(--mat-sys-outline-variant);
    border-radius: 4px;
    font: 500 12px/18px ui-monospace, monospace;
    text-align: center;
    background: var(--mat-sys-surface-container-high);
  }
  .q-hint {
    margin: 12px 0 0;
    font: var(--mat-sys-body-small);
    color: var(--mat-sys-on-surface-variant);
  }
`;
