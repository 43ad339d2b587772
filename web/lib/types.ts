// TypeScript types of the API payloads, inferred from the shared Zod contracts (types only, no runtime code).
import type { z } from 'zod';
import type * as Auth from '../../contracts/auth';
import type * as Audit from '../../contracts/audit';
import type * as Territory from '../../contracts/territory';
import type * as Orgs from '../../contracts/organisations';
import type * as Users from '../../contracts/users';
import type * as Common from '../../contracts/common';
import type * as Cases from '../../contracts/cases';
import type * as Files from '../../contracts/files';
import type * as Metrics from '../../contracts/metrics';
import type * as Notifications from '../../contracts/notifications';

export type Page<T> = { items: T[]; nextCursor: string | null };

export type Me = z.infer<typeof Auth.Me>;
export type RoleBinding = z.infer<typeof Auth.RoleBinding>;
export type SessionInfo = z.infer<typeof Auth.SessionInfo>;
export type SessionList = z.infer<typeof Auth.SessionList>;

export type TerritoryNode = z.infer<typeof Territory.TerritoryNode>;
export type NodeWithAncestors = z.infer<typeof Territory.NodeWithAncestors>;
export type CreateNodeBody = z.input<typeof Territory.CreateNodeBody>;
export type UpdateNodeBody = z.input<typeof Territory.UpdateNodeBody>;
export type GeoJsonImportBody = z.input<typeof Territory.GeoJsonImportBody>;
export type GeoJsonImportResult = z.infer<typeof Territory.GeoJsonImportResult>;
export type Geometry = z.infer<typeof Common.Geometry>;

export type Organisation = z.infer<typeof Orgs.Organisation>;
export type CreateOrganisationBody = z.input<typeof Orgs.CreateOrganisationBody>;
export type UpdateOrganisationBody = z.input<typeof Orgs.UpdateOrganisationBody>;
export type PartyOrg = z.infer<typeof Orgs.PartyOrg>;
export type CreatePartyOrgBody = z.input<typeof Orgs.CreatePartyOrgBody>;
export type UpdatePartyOrgBody = z.input<typeof Orgs.UpdatePartyOrgBody>;

export type User = z.infer<typeof Users.User>;
export type BindingInput = z.input<typeof Users.BindingInput>;
export type CreateUserBody = z.input<typeof Users.CreateUserBody>;
export type UpdateUserBody = z.input<typeof Users.UpdateUserBody>;

export type AuditEntry = z.infer<typeof Audit.AuditEntry>;

export type CaseSummary = z.infer<typeof Cases.CaseSummary>;
export type CaseDetail = z.infer<typeof Cases.CaseDetail>;
export type CaseEvent = z.infer<typeof Cases.CaseEvent>;
export type Category = z.infer<typeof Cases.Category>;
export type IntakeBody = z.input<typeof Cases.IntakeBody>;
export type ActionBody = z.input<typeof Cases.ActionBody>;
export type SimilarCase = Pick<CaseDetail, 'id' | 'number' | 'description' | 'status' | 'supportCount' | 'createdAt'>;
export type Attachment = z.infer<typeof Files.Attachment>;

export type Notification = z.infer<typeof Notifications.Notification>;
export type NotificationPage = z.infer<typeof Notifications.NotificationPage>;

export type MetricsSummary = Metrics.Summary;
export type Figures = Metrics.Figures;
export type BreakdownResult = Metrics.BreakdownResult;
export type ScoresResult = Metrics.ScoresResult;
