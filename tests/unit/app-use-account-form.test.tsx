// @vitest-environment jsdom
/**
 * The account forms' shared flow (useAccountForm) on a form of its own: the phone's check before
 * any request, the server's field errors on their fields, and what a success leaves behind.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../app/api/http';
import { AccountError } from '../../app/features/accounts/AccountError';
import { FormField } from '../../app/components/FormField';
import { type AccountFormOptions, useAccountForm } from '../../app/features/accounts/useAccountForm';
import { initI18n } from '../../app/i18n/index';
import { byTestId, click, control, fill } from '../support/dom';
import { render, type RenderedView } from '../support/render-with-store';

type Values = { displayName: string; email: string };
type Answer = { id: string };

let view: RenderedView;

beforeAll(async () => {
  await initI18n('en');
});

afterEach(() => view.unmount());

const EMPTY: Values = { displayName: '', email: '' };
const requireBoth = (values: Values) => ({
  ...(values.displayName === '' ? { displayName: { key: 'required' as const } } : {}),
  ...(values.email === '' ? { email: { key: 'required' as const } } : {}),
});
const emailTaken = () => ({ email: { key: 'emailTaken' as const } });

function TestForm(options: Pick<AccountFormOptions<Values, Answer>, 'send'> & Partial<AccountFormOptions<Values, Answer>>) {
  const { formRef, values, problem, done, busy, change, field, onSubmit } = useAccountForm<Values, Answer>({
    initial: EMPTY,
    check: requireBoth,
    errorsFromServer: emailTaken,
    ...options,
  });
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      <FormField {...field('displayName')} label="Name">
        {(control) => <input {...control} value={values.displayName} onChange={change('displayName')} />}
      </FormField>
      <FormField {...field('email')} label="Email">
        {(control) => <input {...control} value={values.email} onChange={change('email')} />}
      </FormField>
      <AccountError problem={problem} action="register" data-testid="problem" />
      {done && <p data-testid="done">{done.id}</p>}
      <button type="submit" data-testid="submit" disabled={busy} />
    </form>
  );
}

const get = (id: string) => byTestId(view.container, id);

async function submitFilled() {
  fill(control(view.container, 'displayName'), 'Олена');
  fill(control(view.container, 'email'), 'olena@sambir.example');
  await click(get('submit')!);
}

describe('useAccountForm', () => {
  it('asks nothing of the server until the phone’s check passes, and focuses the first field to fix', async () => {
    const send = vi.fn(() => Promise.resolve({ id: 'member-1' }));
    view = await render(<TestForm send={send} />);
    fill(control(view.container, 'email'), 'olena@sambir.example');
    await click(get('submit')!);
    expect(send).not.toHaveBeenCalled();
    expect(get('field-error-displayName')?.textContent).toBe('Please fill in this field.');
    expect(document.activeElement).toBe(control(view.container, 'displayName'));
    fill(control(view.container, 'displayName'), 'Олена');
    expect(get('field-error-displayName')).toBeNull();
  });

  it.each([
    ['says the refusal under the form as well by default', true, 'email-taken'],
    ['says it only on the field when told not to repeat it', false, undefined],
  ] as const)('shows the server’s field errors on their fields and %s', async (_what, repeatFieldProblems, code) => {
    const refusal = new ApiError(409, 'email-taken', 'taken', [{ field: 'email', keyword: 'unique', message: 'taken' }]);
    view = await render(<TestForm send={() => Promise.reject(refusal)} repeatFieldProblems={repeatFieldProblems} />);
    await submitFilled();
    expect(get('field-error-email')?.textContent).toBe('An account with this email already exists. Sign in instead.');
    expect(get('problem')?.dataset.code).toBe(code);
    expect(get('submit')?.hasAttribute('disabled')).toBe(false);
  });

  it('stays busy after a success, for the screen is leaving', async () => {
    const onSuccess = vi.fn();
    view = await render(<TestForm send={() => Promise.resolve({ id: 'member-1' })} onSuccess={onSuccess} />);
    await submitFilled();
    expect(onSuccess).toHaveBeenCalledWith({ id: 'member-1' }, expect.anything());
    expect(get('submit')?.hasAttribute('disabled')).toBe(true);
  });

  it('starts again from the initial values when the success resets it, keeping the answer', async () => {
    view = await render(<TestForm send={() => Promise.resolve({ id: 'member-1' })} onSuccess={(_answer, { reset }) => reset()} />);
    await submitFilled();
    expect(control(view.container, 'displayName').value).toBe('');
    expect(get('done')?.textContent).toBe('member-1');
    expect(get('submit')?.hasAttribute('disabled')).toBe(false);
  });
});
