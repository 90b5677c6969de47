/**
 * Lobby work on the staff panel: issuing a ticket for a customer (with a priority class) and
 * raising a waiting customer's priority. zh and en must have the same keys (checked by a test).
 */
export const lobby = {
  zh: {
    'lobby.heading': '大堂服务',
    'lobby.hint': '为老年人、孕妇、残障人士等客户取优先号，或提高等候客户的优先级。',
    'lobby.issue': '为客户取号',

    'lobby.issue.heading': '为客户取号',
    'lobby.issue.service': '业务',
    'lobby.issue.class': '客户类别',
    'lobby.issue.confirm': '取号',
    'lobby.issue.issuing': '正在取号…',
    'lobby.issue.needService': '请选择业务。',
    'lobby.issue.noServices': '目前没有可现场取号的业务。',

    'lobby.class.normal': '普通',
    'lobby.class.priority': '优先（老年人、孕妇、残障人士）',
    'lobby.class.vip': 'VIP',

    'lobby.reason.legend': '优先原因',
    'lobby.reason.elderly': '老年人',
    'lobby.reason.pregnant': '孕妇',
    'lobby.reason.disability': '残障人士',
    'lobby.reason.other': '其他',
    'lobby.reason.otherLabel': '请说明原因',
    'lobby.reason.missing': '请选择或填写优先原因。',

    'lobby.issued.heading': '已取号',
    'lobby.issued.number': '号码',
    'lobby.issued.handOver': '请将号码告诉客户。客户可用手机扫描二维码，随时查看排队进度。',
    'lobby.issued.link': '手机查看页面',
    'lobby.issued.qrAlt': '{number} 号的手机查看二维码',
    'lobby.issued.another': '再取一个号',
    'lobby.issued.done': '完成',

    'lobby.raise.button': '设为优先',
    'lobby.raise.buttonLabel': '设为优先 {number}',
    'lobby.raise.heading': '提高 {number} 的优先级',
    'lobby.raise.to': '改为',
    'lobby.raise.confirm': '提高优先级',

    'lobby.notice.issued': '已为客户取号 {number}。',
    'lobby.notice.raised.priority': '{number} 已改为优先客户。',
    'lobby.notice.raised.vip': '{number} 已改为 VIP 客户。',
  } as Record<string, string>,
  en: {
    'lobby.heading': 'Lobby',
    'lobby.hint': 'Issue a priority ticket for an elderly, pregnant or disabled customer, or raise a waiting customer’s priority.',
    'lobby.issue': 'Issue a ticket',

    'lobby.issue.heading': 'Issue a ticket',
    'lobby.issue.service': 'Service',
    'lobby.issue.class': 'Priority class',
    'lobby.issue.confirm': 'Issue ticket',
    'lobby.issue.issuing': 'Issuing…',
    'lobby.issue.needService': 'Choose a service.',
    'lobby.issue.noServices': 'No service takes walk-in tickets right now.',

    'lobby.class.normal': 'Normal',
    'lobby.class.priority': 'Priority (elderly, pregnant, disability)',
    'lobby.class.vip': 'VIP',

    'lobby.reason.legend': 'Reason',
    'lobby.reason.elderly': 'Elderly',
    'lobby.reason.pregnant': 'Pregnant',
    'lobby.reason.disability': 'Disability',
    'lobby.reason.other': 'Other',
    'lobby.reason.otherLabel': 'Describe the reason',
    'lobby.reason.missing': 'Choose or describe the reason for the priority.',

    'lobby.issued.heading': 'Ticket issued',
    'lobby.issued.number': 'Number',
    'lobby.issued.handOver': 'Tell the customer this number. They can scan the code with their phone to follow the queue.',
    'lobby.issued.link': 'Phone page',
    'lobby.issued.qrAlt': 'QR code of the phone page for {number}',
    'lobby.issued.another': 'Issue another',
    'lobby.issued.done': 'Done',

    'lobby.raise.button': 'Raise',
    'lobby.raise.buttonLabel': 'Raise the priority of {number}',
    'lobby.raise.heading': 'Raise the priority of {number}',
    'lobby.raise.to': 'Change to',
    'lobby.raise.confirm': 'Raise priority',

    'lobby.notice.issued': 'Ticket {number} issued.',
    'lobby.notice.raised.priority': '{number} is now a priority customer.',
    'lobby.notice.raised.vip': '{number} is now a VIP customer.',
  } as Record<string, string>,
};
