// TypeScript types of the portal's API payloads, inferred from contracts/portal.ts (types only).
import type { z } from 'zod';
import type * as P from '../../../contracts/portal';

export type Community = z.infer<typeof P.Community>;
export type AddressHit = z.infer<typeof P.AddressHit>;
export type LinkRequest = z.infer<typeof P.LinkRequest>;
export type PublicReport = z.infer<typeof P.PublicReport>;
export type MyReport = z.infer<typeof P.MyReport>;
export type MyReportSummary = Omit<MyReport, 'steps' | 'photos'>;
export type MyStep = z.infer<typeof P.MyStep>;
export type OtpSent = z.infer<typeof P.OtpSent>;
export type SignupBody = z.input<typeof P.SignupBody>;
export type PortalReportBody = z.input<typeof P.PortalReportBody>;
export type GridAt = z.infer<typeof P.GridAt>;
export type MyHousehold = z.infer<typeof P.MyHousehold>;
