interface DistrictSelectProps {
  id: string;
  value: string | null;
  districts: readonly { code: string; name: string }[];
  /** The option that means every district (its wording depends on the page). */
  allLabel: string;
  onChange: (district: string | null) => void;
}

/** A district picker whose empty value means "all districts". */
export function DistrictSelect({ id, value, districts, allLabel, onChange }: DistrictSelectProps) {
  return (
    <select id={id} value={value ?? ''} onChange={(event) => onChange(event.target.value || null)}>
      <option value="">{allLabel}</option>
      {districts.map((district) => (
        <option key={district.code} value={district.code}>
          {district.name || district.code}
        </option>
      ))}
    </select>
  );
}
