// Chinese messages of the service hall (一网通办): notifications about applications.
export const servicesZhCN = {
  'notif.kind.service_more_needed': '您的服务申请需要补充材料（申请编号）',
  'notif.kind.service_forwarded': '服务申请已转职能部门办理（申请编号）',
  'notif.kind.service_decided': '服务申请已办结（申请编号）',
  'notif.kind.service_submitted': '有新的服务申请待受理（申请编号）',
  'notif.kind.service_overdue': '服务申请已超过承诺时限（申请编号）',
} as const;
