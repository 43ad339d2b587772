// Stable data-testid hooks for browser tests. Use these constants in components and in e2e journeys.
//
// Login:      login-username, login-password, login-submit, login-error
// Shell:      menu-home, menu-territory, menu-party, menu-organisations, menu-users, menu-audit,
//             menu-account, menu-toggle (phone hamburger), user-menu, logout, lang-switch
// Territory:  territory-tree, territory-search, node-detail-name, node-detail-code, node-children,
//             node-create, node-edit, node-move, node-retire, node-restore, node-delete,
//             territory-map, geojson-import
// Party:      party-tree, party-create, party-detail-name
// Orgs:       org-table, org-create, org-search
// Users:      user-table, user-create, user-search
// Audit:      audit-table, audit-filter-submit
// Account:    password-form, password-submit, session-table
// Lists:      load-more (the "加载更多" button under every cursor list)
export const TID = {
  loginUsername: 'login-username',
  loginPassword: 'login-password',
  loginSubmit: 'login-submit',
  loginError: 'login-error',
  menuHome: 'menu-home',
  menuTerritory: 'menu-territory',
  menuParty: 'menu-party',
  menuOrganisations: 'menu-organisations',
  menuUsers: 'menu-users',
  menuAudit: 'menu-audit',
  menuAccount: 'menu-account',
  menuToggle: 'menu-toggle',
  userMenu: 'user-menu',
  logout: 'logout',
  langSwitch: 'lang-switch',
  territoryTree: 'territory-tree',
  territorySearch: 'territory-search',
  nodeDetailName: 'node-detail-name',
  nodeDetailCode: 'node-detail-code',
  nodeChildren: 'node-children',
  nodeCreate: 'node-create',
  nodeEdit: 'node-edit',
  nodeMove: 'node-move',
  nodeRetire: 'node-retire',
  nodeRestore: 'node-restore',
  nodeDelete: 'node-delete',
  territoryMap: 'territory-map',
  geojsonImport: 'geojson-import',
  partyTree: 'party-tree',
  partyCreate: 'party-create',
  partyDetailName: 'party-detail-name',
  orgTable: 'org-table',
  orgCreate: 'org-create',
  orgSearch: 'org-search',
  userTable: 'user-table',
  userCreate: 'user-create',
  userSearch: 'user-search',
  auditTable: 'audit-table',
  auditFilterSubmit: 'audit-filter-submit',
  passwordForm: 'password-form',
  passwordSubmit: 'password-submit',
  sessionTable: 'session-table',
  loadMore: 'load-more',
} as const;
