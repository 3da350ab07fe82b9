/**
 * Compile-time guard (checked by `pnpm typecheck`, no runtime code): a derived contract type that
 * names a path or method the server does not have collapses to `never`; this file then fails to
 * compile, so a renamed route cannot slip through unnoticed.
 */
import type * as C from './contract';

type IsNever<T> = [T] extends [never] ? true : false;
type Real<T> = IsNever<T> extends true ? 'derived type is never: check its path and method' : true;

export type ContractGuards = [
  Real<C.TokenPair>, Real<C.WechatLoginBody>, Real<C.DevLoginBody>, Real<C.RefreshBody>, Real<C.Me>, Real<C.Org>,
  Real<C.Meeting>, Real<C.MeetingListItem>, Real<C.CreateMeetingBody>, Real<C.ApplicationBody>, Real<C.ApplicationCreated>,
  Real<C.MyMembership>, Real<C.ApplicationForReview>, Real<C.ApplicationsQuery>, Real<C.ApproveResult>, Real<C.RejectBody>,
  Real<C.BulkApproveResult>, Real<C.MembershipDailyStat>, Real<C.MeetingFunnel>, Real<C.StatsRangeQuery>,
  Real<C.Activity>, Real<C.CreateActivityBody>, Real<C.ActivityToken>, Real<C.ActivityCheckinBody>, Real<C.ActivityCheckinResult>,
  Real<C.MyStamps>, Real<C.StampRecord>, Real<C.RedemptionRecord>, Real<C.Report>, Real<C.ReportFields>, Real<C.ReportCreated>,
  Real<C.ReportAccepted>, Real<C.Reward>, Real<C.RedemptionBody>, Real<C.RedemptionCode>, Real<C.RedemptionState>,
  Real<C.FulfilResult>, Real<C.StampDailyStat>,
  Real<C.Station>, Real<C.NearbyStationsQuery>, Real<C.StationCheckinCode>, Real<C.StationCheckinBody>, Real<C.StationCheckinResult>, Real<C.CheckinStat>,
  Real<C.StationState>, Real<C.StationStateBody>, Real<C.StationConfirmation>, Real<C.ConfirmationBody>, Real<C.ConfirmationResult>, Real<C.StationLive>,
  Real<C.HelpRequestBody>, Real<C.HelpCreated>, Real<C.MyHelpRequest>, Real<C.HelpListItem>, Real<C.HelpListQuery>, Real<C.HelpDetail>, Real<C.Hotline>,
];

export const contractGuards: ContractGuards = [
  true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true,
  true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true,
  true, true, true, true, true, true,
  true, true, true, true, true, true,
  true, true, true, true, true, true, true,
];
