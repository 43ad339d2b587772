// Every table of every module, for Drizzle and drizzle-kit.
export * from './modules/territory/tables';
export * from './modules/party/tables';
export * from './modules/organisations/tables';
export * from './modules/users/tables';
export * from './platform/auth/tables';
export * from './platform/audit/tables';
export * from './platform/jobs/tables';
export * from './modules/cases/tables';
export * from './platform/calendar/tables';
export * from './modules/notifications/tables';
export * from './platform/files/tables';
export * from './modules/people/tables';
export * from './modules/open311/tables';
export * from './modules/hotline/tables';
export * from './modules/portal/tables';
export * from './modules/rooms/tables';
export * from './modules/services/tables';
