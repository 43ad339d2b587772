// How a household is named wherever people see it: estate, building and room, since two estates may both have 1号楼 1单元101室.

/** The names on a household's way up: its estate (none when the building stands directly in a grid), building and own name. */
export type HouseholdParts = { estateName: string | null; buildingName: string | null; householdName: string };

/** '锦绣小区1期 1号楼 1单元101室': the one label of a household in lists, household pages, search results and exports. */
export const householdLabel = (p: HouseholdParts): string =>
  [p.estateName, p.buildingName, p.householdName].filter((x): x is string => !!x).join(' ');
