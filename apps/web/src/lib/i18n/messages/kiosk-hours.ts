/**
 * Words of the kiosk when it cannot promise what it usually does: the branch is closed (no
 * walk-in tickets), or nobody on duty can serve a service (no wait to promise). The phone page's
 * words for the latter are here too, so the two say the same. zh and en have the same keys.
 */
export const kioskHours = {
  zh: {
    'kiosk.closed.day-off': '今天休息',
    'kiosk.closed.not-yet': '尚未开始营业',
    'kiosk.closed.ended': '今天已结束营业',
    'kiosk.closed.closure': '暂停营业',
    'kiosk.closed.inactive': '本网点已停止营业',
    'kiosk.closed.elsewhere': '请前往其他网点办理业务',
    'kiosk.closed.withReason': '{closed}：{reason}',
    'kiosk.closed.opensAt': '{time} 开门，{from} 起可取号',
    'kiosk.closed.opensOn': '下次营业：{day} {time}（{from} 起可取号）',
    'kiosk.closed.noneSoon': '近期暂不营业',
    'kiosk.closed.noTickets': '现在不能取号。',
    'kiosk.closed.appointment': '有预约？点此签到',
    'kiosk.noStaff.before': '目前没有能办理此业务的工作人员，暂时无法估计等候时间。您仍可取号，有工作人员可以办理时会按顺序叫号。',
    'phone.ticket.noStaff': '目前没有能办理此业务的工作人员，暂时无法估计等候时间。您的排队位置保留，有工作人员可以办理时会按顺序叫号。',
  } as Record<string, string>,
  en: {
    'kiosk.closed.day-off': 'Closed today',
    'kiosk.closed.not-yet': 'Not open yet',
    'kiosk.closed.ended': 'Closed for today',
    'kiosk.closed.closure': 'Closed at the moment',
    'kiosk.closed.inactive': 'This branch is closed',
    'kiosk.closed.elsewhere': 'Please visit another branch',
    'kiosk.closed.withReason': '{closed}: {reason}',
    'kiosk.closed.opensAt': 'Opens at {time}; tickets from {from}',
    'kiosk.closed.opensOn': 'Next opening: {day}, {time} (tickets from {from})',
    'kiosk.closed.noneSoon': 'Not open in the coming week',
    'kiosk.closed.noTickets': 'No tickets can be taken now.',
    'kiosk.closed.appointment': 'Have an appointment? Check in',
    'kiosk.noStaff.before': 'No staff who can serve this are available right now, so we cannot estimate your wait. You can still take a ticket; you will be called in turn once someone can serve you.',
    'phone.ticket.noStaff': 'No staff who can serve this are available right now, so we cannot estimate your wait. You keep your place and will be called in turn once someone can serve you.',
  } as Record<string, string>,
};
