import {
  ChangeDetectionStrategy,
  Component,
  input,
  output,
} from '@angular/core';
import type { TaskSchema, TaskType } from '@quorum/contracts';
import { BboxRenderer } from './renderers/bbox.renderer';
import { ClassificationRenderer } from './renderers/classification.renderer';
import { NerRenderer } from './renderers/ner.renderer';
import { PairwiseRenderer } from './renderers/pairwise.renderer';
import { RankingRenderer } from './renderers/ranking.renderer';
import { RatingRenderer } from './renderers/rating.renderer';
import { WritingRenderer } from './renderers/writing.renderer';

/**
 * Renders a task of any type with its own renderer. Annotators answer with it; reviewers edit the
 * final result with the same component. Item data is shown as text, never as HTML.
 */
@Component({
  selector: 'q-task-renderer',
  imports: [
    BboxRenderer,
    ClassificationRenderer,
    NerRenderer,
    PairwiseRenderer,
    RankingRenderer,
    RatingRenderer,
    WritingRenderer,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @switch (taskType()) {
      @case ('classification') {
        <q-classification-renderer
          [schema]="$any(schema())"
          [data]="$any(data())"
          [value]="$any(value())"
          [keyboard]="keyboard()"
          [disabled]="disabled()"
          (valueChange)="valueChange.emit($event)"
        />
      }
      @case ('ner') {
        <q-ner-renderer
          [schema]="$any(schema())"
          [data]="$any(data())"
          [value]="$any(value())"
          [keyboard]="keyboard()"
          [disabled]="disabled()"
          (valueChange)="valueChange.emit($event)"
        />
      }
      @case ('bbox') {
        <q-bbox-renderer
          [schema]="$any(schema())"
          [data]="$any(data())"
          [value]="$any(value())"
          [keyboard]="keyboard()"
          [disabled]="disabled()"
          (valueChange)="valueChange.emit($event)"
        />
      }
      @case ('pairwise_preference') {
        <q-pairwise-renderer
          [schema]="$any(schema())"
          [data]="$any(data())"
          [value]="$any(value())"
          [keyboard]="keyboard()"
          [disabled]="disabled()"
          (valueChange)="valueChange.emit($event)"
        />
      }
      @case ('ranking') {
        <q-ranking-renderer
          [schema]="$any(schema())"
          [data]="$any(data())"
          [value]="$any(value())"
          [keyboard]="keyboard()"
          [disabled]="disabled()"
          (valueChange)="valueChange.emit($event)"
        />
      }
      @case ('rating') {
        <q-rating-renderer
          [schema]="$any(schema())"
          [data]="$any(data())"
          [value]="$any(value())"
          [keyboard]="keyboard()"
          [disabled]="disabled()"
          (valueChange)="valueChange.emit($event)"
        />
      }
      @case ('response_writing') {
        <q-writing-renderer
          [schema]="$any(schema())"
          [data]="$any(data())"
          [value]="$any(value())"
          [keyboard]="keyboard()"
          [disabled]="disabled()"
          (valueChange)="valueChange.emit($event)"
        />
      }
    }
  `,
})
export class TaskRenderer {
  readonly taskType = input.required<TaskType>();
  readonly schema = input.required<TaskSchema>();
  readonly data = input.required<unknown>();
  readonly value = input<unknown>(null);
  readonly keyboard = input(true);
  readonly disabled = input(false);
  readonly valueChange = output<unknown>();
}
