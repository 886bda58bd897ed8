import { districtLimitedRoles, personRoles, type Role } from '@watchfloor/authz';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgency } from '../agency/useAgency.ts';

export interface Grants {
  role: Role;
  districts: string[];
}

const limitsByDistrict = (role: Role) => (districtLimitedRoles as readonly Role[]).includes(role);

/**
 * A person's role and, where the role is limited by district, which districts (none
 * ticked: every district). The districts are the agency's own; the server checks again.
 */
export function GrantsFields({
  value,
  onChange,
}: {
  value: Grants;
  onChange: (grants: Grants) => void;
}) {
  const { t } = useTranslation();
  const agency = useAgency();
  const roleId = useId();
  const districts = agency.data?.districts.features.map((feature) => feature.properties) ?? [];

  function toggleDistrict(code: string, ticked: boolean) {
    const next = ticked
      ? [...value.districts, code]
      : value.districts.filter((district) => district !== code);
    onChange({ ...value, districts: next });
  }

  return (
    <>
      <label className="field" htmlFor={roleId}>
        <span className="field__label">{t('users.role')}</span>
        <select
          id={roleId}
          value={value.role}
          onChange={(event) => {
            const role = event.target.value as Role;
            // Districts mean nothing to the other roles; the server would refuse them.
            onChange({ role, districts: limitsByDistrict(role) ? value.districts : [] });
          }}
        >
          {personRoles.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </select>
      </label>
      {limitsByDistrict(value.role) && districts.length > 0 && (
        <fieldset className="field checkbox-group">
          <legend className="field__label">{t('users.districtsLegend')}</legend>
          {districts.map((district) => (
            <label key={district.code} className="checkbox">
              <input
                type="checkbox"
                checked={value.districts.includes(district.code)}
                onChange={(event) => toggleDistrict(district.code, event.target.checked)}
              />
              {district.name || district.code}
            </label>
          ))}
        </fieldset>
      )}
    </>
  );
}
