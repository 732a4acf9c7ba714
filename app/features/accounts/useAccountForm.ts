/**
 * The state and submit flow the account forms (register, join, change the password) share: the
 * phone's check first, then the request; the server's field errors shown on their fields and its
 * refusal under the form. Each form brings its own values, check, request and what follows success.
 */
import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type { FieldError } from '../../../domain/field-errors';
import { ApiError } from '../../api/http';
import { accountProblem, type AccountProblem } from './account-errors';
import type { FieldErrorsOf } from './account-forms';
import { useFieldMessage } from '../../hooks/useFieldMessage';
import { formChanged, useUnsavedForm } from '../../hooks/useUnsavedForm';

type FieldOf<V> = keyof V & string;
/** The fields an input or a select edits directly (their value is text). */
type TextFieldOf<V> = { [F in FieldOf<V>]: V[F] extends string ? F : never }[FieldOf<V>];

export type AccountFormOptions<V, A> = {
  /** The values the form starts with, and starts again with on `reset`. */
  initial: V | (() => V);
  /** What the phone can tell is wrong before sending (empty when nothing). */
  check: (values: V) => FieldErrorsOf<FieldOf<V>>;
  /** The request; made only once `check` found nothing. */
  send: (values: V) => Promise<A>;
  /** The server's field errors (`ApiError.details`) on the form's fields. */
  errorsFromServer: (details: readonly FieldError[], values: V) => FieldErrorsOf<FieldOf<V>>;
  /** After the server said yes. The form stays busy (the screen is leaving) unless this calls `reset`. */
  onSuccess?: (answer: A, form: { reset: () => void }) => void;
  /** Whether a refusal the server pinned on fields is said under the form as well (it is by default). */
  repeatFieldProblems?: boolean;
};

/** An account form's state and handlers; see the module header. */
export function useAccountForm<V extends object, A>({ initial, check, send, errorsFromServer, onSuccess, repeatFieldProblems = true }: AccountFormOptions<V, A>) {
  const idPrefix = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const message = useFieldMessage();
  const [start] = useState(initial);
  const [values, setValues] = useState(start);
  const [errors, setErrors] = useState<FieldErrorsOf<FieldOf<V>>>({});
  const [problem, setProblem] = useState<AccountProblem | null>(null);
  const [done, setDone] = useState<A | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  // Input typed and not yet sent (sign-in, registration, a new password) holds back an app update.
  useUnsavedForm(done === null && formChanged(start, values));

  // After a refused submit, move focus to the first field that needs fixing (in a form given `formRef`).
  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  /** Changes a field, and forgets what was wrong with it. */
  const set = <F extends FieldOf<V>>(field: F, value: V[F]) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
  };
  /** The `onChange` of an input or a select. */
  const change = <F extends TextFieldOf<V>>(field: F) => (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
    // V[F] is a string (TextFieldOf says so), which TypeScript cannot work out for a generic V.
    set(field, event.target.value as V[F]);
  /** The field's error in words (`undefined` when there is none). */
  const errorOf = (name: FieldOf<V> | 'form') => message(errors[name]);
  /** The props that tie a FormField to this form and to its error. */
  const field = (name: FieldOf<V>) => ({ idPrefix, name, error: errorOf(name) });

  const reset = () => {
    setValues(start);
    setErrors({});
    setProblem(null);
    setBusy(false);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const found = check(values);
    setErrors(found);
    setProblem(null);
    setDone(null);
    if (Object.keys(found).length > 0) {
      setAttempt((count) => count + 1);
      return;
    }
    setBusy(true);
    let answer: A;
    try {
      answer = await send(values);
    } catch (error) {
      const onFields = error instanceof ApiError ? errorsFromServer(error.details, values) : {};
      setErrors(onFields);
      setProblem(repeatFieldProblems || Object.keys(onFields).length === 0 ? accountProblem(error) : null);
      setAttempt((count) => count + 1);
      setBusy(false);
      return;
    }
    setDone(answer);
    onSuccess?.(answer, { reset });
  };

  return {
    /** Prefix for the form's element ids, unique on the page. */
    idPrefix,
    formRef,
    values,
    /** Why the server refused the last submit, or null. */
    problem,
    /** The server's answer to the last submit when it succeeded; null again when the next one starts. */
    done,
    busy,
    set,
    change,
    errorOf,
    field,
    onSubmit: (event: FormEvent<HTMLFormElement>) => void submit(event),
  };
}
