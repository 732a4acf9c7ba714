import type { ChangeEvent } from 'react';
import type { ControlProps } from './FormField';

type Props<T extends string> = {
  /** The props FormField hands its control (id, name, aria). */
  control: ControlProps;
  /** The chosen value as the form holds it ('' while nothing is chosen). */
  value: string;
  onChange: (event: ChangeEvent<HTMLSelectElement>) => void;
  /** Shown while nothing is chosen; it cannot be chosen again. */
  placeholder: string;
  choices: readonly T[];
  labelOf: (choice: T) => string;
};

/** A select of a fixed list of choices that starts with nothing chosen (a form's enum fields). */
export function ChoiceSelect<T extends string>({ control, value, onChange, placeholder, choices, labelOf }: Props<T>) {
  return (
    <select {...control} value={value} onChange={onChange}>
      <option value="" disabled>
        {placeholder}
      </option>
      {choices.map((choice) => (
        <option key={choice} value={choice}>
          {labelOf(choice)}
        </option>
      ))}
    </select>
  );
}
