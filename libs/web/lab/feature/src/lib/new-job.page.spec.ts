import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { Router } from '@angular/router';
import { LabNewJobPage } from './new-job.page';
import { problemHeaders, renderAs } from '@quorum/web/shared/testing';

async function openWizard() {
  const r = await renderAs(LabNewJobPage, ['lab_member'], 'lab');
  const navigate = jest
    .spyOn(TestBed.inject(Router), 'navigate')
    .mockResolvedValue(true);
  const field = async (label: string) => {
    const el = [...r.el.querySelectorAll('mat-form-field')].find(
      (f) => f.querySelector('mat-label')?.textContent?.trim() === label,
    );
    const control = el?.querySelector<HTMLInputElement | HTMLTextAreaElement>(
      'input, textarea',
    );
    if (!control) throw new Error(`no field ${label}`);
    return control;
  };
  const type = async (label: string, value: string) => {
    const control = await field(label);
    control.value = value;
    control.dispatchEvent(new Event('input'));
    await r.stable();
  };
  const addChip = async (placeholder: string, value: string) => {
    const control = r.el.querySelector<HTMLInputElement>(
      `input[placeholder="${placeholder}"]`,
    );
    if (!control) throw new Error(`no chip input ${placeholder}`);
    control.value = value;
    control.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', keyCode: 13 }),
    );
    await r.stable();
  };
  const submit = async () =>
    (
      await r.loader.getHarness(
        MatButtonHarness.with({ text: 'Create draft job' }),
      )
    ).click();
  return { ...r, navigate, type, addChip, submit };
}

describe('LabNewJobPage', () => {
  it('sends nothing while required fields or the schema are missing, and says what is wrong', async () => {
    const { http, submit, text, stable } = await openWizard();
    await submit();
    await stable();
    http.expectNone('/api/v1/jobs');
    expect(text()).toContain('Give the job a title');
    expect(text()).toContain('Enter the price per answer');
    expect(text()).toContain('Add at least one label');
  });

  it('checks the schema rules of the chosen task type and previews it', async () => {
    const { loader, root, type, addChip, submit, text, stable, el, http } =
      await openWizard();
    const select = await loader.getHarness(MatSelectHarness);
    await select.open();
    await (
      await root.getHarness(MatSelectHarness)
    ).clickOptions({ text: 'Rating' });
    await stable();
    await addChip('Type a criterion and press Enter', 'helpfulness');
    await type('Scale from', '5');
    await type('Scale to', '3');
    await type('Title', 'Rate');
    await type('Price per answer', '0.2');
    await submit();
    await stable();
    http.expectNone('/api/v1/jobs');
    expect(text()).toContain('Must be greater than 5');
    await type('Scale to', '7');
    expect(el.querySelectorAll('q-task-preview .step')).toHaveLength(3);
    expect(text()).not.toContain('Must be greater than 5');
  });

  it('refuses language codes that are not ISO 639', async () => {
    const { addChip, text, submit, stable } = await openWizard();
    await addChip('ISO code, e.g. en or pt-BR', 'english');
    await submit();
    await stable();
    expect(text()).toContain('Not an ISO 639 code: english');
  });

  it('creates the job with the built schema, then opens its page', async () => {
    const { http, type, addChip, submit, navigate, stable } =
      await openWizard();
    await type('Title', '  Support intents ');
    await addChip('Type a label and press Enter', 'card, loan');
    await type('Instructions (Markdown)', '# Pick one');
    await type('Price per answer', '0.05');
    await type('Budget', '100');
    await type('Gold ratio', '10');
    await addChip('ISO code, e.g. en or pt-BR', 'en');
    await submit();
    const req = http.expectOne({ method: 'POST', url: '/api/v1/jobs' });
    expect(req.request.body).toEqual({
      title: 'Support intents',
      instructions: '# Pick one',
      taskType: 'classification',
      schema: { labels: ['card', 'loan'] },
      overlap: 3,
      pricePerAnswer: 0.05,
      budget: 100,
      goldRatio: 0.1,
      languages: ['en'],
    });
    req.flush({ id: 'j-new' });
    await stable();
    expect(navigate).toHaveBeenCalledWith(['..', 'j-new'], expect.anything());
  });

  it('puts the server field errors beside the fields', async () => {
    const { http, type, addChip, submit, stable, text } = await openWizard();
    await type('Title', 'T');
    await addChip('Type a label and press Enter', 'a');
    await type('Price per answer', '0.05');
    await submit();
    http.expectOne('/api/v1/jobs').flush(
      {
        type: 'about:blank',
        title: 'Validation failed',
        status: 400,
        errors: [
          { path: 'schema.labels[0]', message: 'must not be reserved' },
          {
            path: 'pricePerAnswer',
            message: 'pricePerAnswer must be a number with at most 4 decimals',
          },
        ],
      },
      { status: 400, statusText: 'Bad Request', ...problemHeaders },
    );
    await stable();
    const errors = [...document.querySelectorAll('mat-error')].map((e) =>
      e.textContent?.trim(),
    );
    expect(errors).toContain('must not be reserved');
    expect(errors).toContain(
      'pricePerAnswer must be a number with at most 4 decimals',
    );
    expect(text()).toContain('Validation failed');
  });
});
