import type {
  ActivityKind,
  ApplicationStatus,
  MembershipStatus,
  ReportStatus,
  Role,
  ServiceKey,
} from '@xfqs/api-client'
import { OCCUPATION, PLATFORM, REPORT_CATEGORY, STATION_KIND } from '@xfqs/domain'

// Names of the contract's vocabularies come from the shared catalog; this file adds only presentation.

/** Each service with its name and the single character shown in its round icon. */
export const SERVICES: Record<ServiceKey, { name: string; glyph: string; color: string }> = {
  hot_water: { name: '热水', glyph: '水', color: '#E4572E' },
  microwave: { name: '热饭', glyph: '热', color: '#F08A24' },
  charging: { name: '充电', glyph: '电', color: '#2E86DE' },
  rest_area: { name: '休息', glyph: '歇', color: '#16A085' },
  restroom: { name: '卫生间', glyph: '厕', color: '#607D8B' },
  fridge: { name: '冰箱', glyph: '冰', color: '#3BA3C7' },
  umbrella_raincoat: { name: '雨具', glyph: '伞', color: '#5C6BC0' },
  medical_kit: { name: '药箱', glyph: '药', color: '#D7000F' },
  sewing_kit: { name: '针线', glyph: '针', color: '#8E6C8A' },
  air_pump: { name: '打气', glyph: '气', color: '#4E7D2F' },
  wifi: { name: 'Wi-Fi', glyph: '网', color: '#1E88E5' },
  reading: { name: '阅读', glyph: '书', color: '#8D6E63' },
  legal_aid: { name: '法律援助', glyph: '法', color: '#37474F' },
  counselling: { name: '心理疏导', glyph: '心', color: '#EC407A' },
  meal_discount: { name: '餐食优惠', glyph: '餐', color: '#FB8C00' },
  haircut_discount: { name: '理发优惠', glyph: '理', color: '#7E57C2' },
  repair_discount: { name: '修车优惠', glyph: '修', color: '#546E7A' },
}

/** The filters riders reach for most, in the order they are shown. */
export const FILTER_SERVICES: ServiceKey[] = ['hot_water', 'microwave', 'charging', 'rest_area', 'restroom', 'medical_kit', 'air_pump', 'legal_aid']

export const STATION_KIND_NAMES = STATION_KIND.labels

export const PLATFORM_NAMES = PLATFORM.labels

export const OCCUPATION_NAMES = OCCUPATION.labels

export const REPORT_CATEGORY_NAMES = REPORT_CATEGORY.labels

export const REPORT_STATUS: Record<ReportStatus, { name: string; tone: Tone }> = {
  pending: { name: '待处理', tone: 'warning' },
  accepted: { name: '已采纳', tone: 'success' },
  rejected: { name: '未采纳', tone: 'muted' },
}

export type Tone = 'primary' | 'success' | 'warning' | 'danger' | 'muted'

export const MEMBERSHIP_STATUS: Record<MembershipStatus, { name: string; tone: Tone }> = {
  none: { name: '未入会', tone: 'muted' },
  pending: { name: '待审核', tone: 'warning' },
  approved: { name: '已入会', tone: 'success' },
  rejected: { name: '未通过', tone: 'danger' },
}

export const APPLICATION_STATUS: Record<ApplicationStatus, { name: string; tone: Tone }> = {
  pending: { name: '待审核', tone: 'warning' },
  approved: { name: '已通过', tone: 'success' },
  rejected: { name: '未通过', tone: 'danger' },
}

export const ROLE_NAMES: Record<Role, string> = {
  rider: '骑手',
  station_staff: '驿站工作人员',
  org_admin: '工会管理员',
  super_admin: '系统管理员',
}

export const ACTIVITY_KIND_NAMES: Record<ActivityKind, string> = {
  volunteer: '志愿服务',
  civic: '创城·平安建设',
  meeting: '职工沟通会',
  training: '培训',
}
