import type { ChangeEvent } from 'react';
import { oblastName, sortedOblasts } from '../geo/oblasts';
import { ChoiceSelect } from './ChoiceSelect';
import type { ControlProps } from './FormField';

type Props = {
  control: ControlProps;
  /** The chosen oblast's P-code, or '' for none yet. */
  value: string;
  onChange: (event: ChangeEvent<HTMLSelectElement>) => void;
  placeholder: string;
  /** The interface language: names and their order follow it. */
  language: string;
};

/** Ukraine's oblasts by P-code, named and sorted in the interface language. */
export function OblastSelect({ control, value, onChange, placeholder, language }: Props) {
  const oblasts = sortedOblasts(language);
  const names = new Map(oblasts.map((oblast) => [oblast.pcode, oblastName(oblast, language)]));
  return (
    <ChoiceSelect
      control={control}
      value={value}
      onChange={onChange}
      placeholder={placeholder}
      choices={oblasts.map((oblast) => oblast.pcode)}
      labelOf={(pcode) => names.get(pcode) ?? pcode}
    />
  );
}
