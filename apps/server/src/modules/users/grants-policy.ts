import { districtLimitedRoles, personRoles, type Role } from '@watchfloor/authz';
import type { Issue } from '@watchfloor/contracts';

/**
 * What a person's grants must mean: a role a person can hold, and districts only
 * where districts limit the role, each one the agency actually has. Returns the
 * problems, field by field; none means the grants are valid.
 */
export function grantProblems(
  grants: { role: Role; districts: readonly string[] },
  agencyDistricts: ReadonlySet<string>,
): Issue[] {
  const problems: Issue[] = [];
  if (!(personRoles as readonly string[]).includes(grants.role)) {
    problems.push({
      path: 'role',
      message: `The ${grants.role} role is for integration tokens, not people; create a token instead`,
    });
    return problems;
  }
  if (
    grants.districts.length > 0 &&
    !(districtLimitedRoles as readonly string[]).includes(grants.role)
  ) {
    problems.push({
      path: 'districts',
      message: `Districts limit only ${districtLimitedRoles.join(' and ')}s; a ${grants.role} has none`,
    });
    return problems;
  }
  grants.districts.forEach((district, index) => {
    if (!agencyDistricts.has(district)) {
      problems.push({
        path: `districts.${index}`,
        message: `Unknown district ${district}; the agency's districts are ${[...agencyDistricts].join(', ')}`,
      });
    }
  });
  return problems;
}
