/**
 * Words of the customer's consent to keep a visit history and their needs: the booking page's
 * box, the manage page's section and the staff panel's profile (zh and en must have the same
 * keys: checked by a test).
 */
export const consent = {
  zh: {
    'consent.keep': '保留我的来访记录和偏好，以便工作人员为我的来访做好准备',
    'consent.explain': '我们会保留您的来访记录、工作人员的服务记录和您勾选的需求，仅供本行工作人员为您服务时查看。您可以随时在预约管理页面撤回。',
    'consent.needs': '来访时的需求（可选）',
    'consent.need.stepFree': '无障碍通道',
    'consent.need.hearing': '听力辅助',
    'consent.need.reading': '阅读辅助（大字版）',
    'consent.need.interpreter': '需要翻译',

    'consent.manage.heading': '来访记录与偏好',
    'consent.manage.kept': '我们正在保留您的来访记录和偏好，供工作人员为您的来访做准备。',
    'consent.manage.notKept': '我们不保留您的来访记录：工作人员看不到您以往的来访。',
    'consent.manage.needs': '您的需求：{needs}',
    'consent.manage.noNeeds': '您没有勾选任何需求。',
    'consent.manage.needsHidden': '我们保留了您的需求。为保护您的隐私，这里不显示具体内容：如需更改，请重新勾选后保存。',
    'consent.manage.withdraw': '撤回同意并清除我的偏好',
    'consent.manage.withdrawing': '正在撤回…',
    'consent.manage.withdrawn': '已撤回：我们不再保留您的来访记录，您的偏好已清除。',
    'consent.manage.give': '保存',
    'consent.manage.saving': '正在保存…',
    'consent.manage.given': '已保存：我们会保留您的来访记录和偏好。',
    'consent.manage.change': '修改需求',
    'consent.manage.error': '无法保存，请稍后再试。',
    'consent.manage.loadError': '无法读取来访记录设置。',

    'consent.staff.notAgreed': '客户未同意保留来访记录',
    'consent.staff.needs': '来访需求',
    'consent.need.staff.stepFree': '无障碍通道 / Step-free access',
    'consent.need.staff.hearing': '听力辅助 / Hearing support',
    'consent.need.staff.reading': '阅读辅助（大字版）/ Reading support, large print',
    'consent.need.staff.interpreter': '需要翻译 / Interpreter or another language',

  },
  en: {
    'consent.keep': 'Keep my visit history and preferences so staff can prepare for my visits',
    'consent.explain': "We keep your visits, the staff's notes about them and the needs you tick, for our staff to see when serving you only. You can withdraw this at any time on your booking's page.",
    'consent.needs': 'Needs for your visit (optional)',
    'consent.need.stepFree': 'Step-free access',
    'consent.need.hearing': 'Hearing support',
    'consent.need.reading': 'Reading support, large print',
    'consent.need.interpreter': 'An interpreter or another language',

    'consent.manage.heading': 'Visit history and preferences',
    'consent.manage.kept': 'We keep your visit history and preferences so staff can prepare for your visits.',
    'consent.manage.notKept': 'We do not keep your visit history: staff do not see your earlier visits.',
    'consent.manage.needs': 'Your needs: {needs}',
    'consent.manage.noNeeds': 'You have not ticked any needs.',
    'consent.manage.needsHidden': 'Your needs are kept. To protect them they are not shown here: to change them, tick the ones you need and save.',
    'consent.manage.withdraw': 'Withdraw my consent and clear my preferences',
    'consent.manage.withdrawing': 'Withdrawing…',
    'consent.manage.withdrawn': 'Withdrawn: we no longer keep your visit history, and your preferences are cleared.',
    'consent.manage.give': 'Save',
    'consent.manage.saving': 'Saving…',
    'consent.manage.given': 'Saved: we keep your visit history and preferences.',
    'consent.manage.change': 'Change my needs',
    'consent.manage.error': 'Could not save; please try again later.',
    'consent.manage.loadError': 'Could not read your visit history setting.',

    'consent.staff.notAgreed': 'The customer has not agreed to keep a visit history',
    'consent.staff.needs': 'Needs for this visit',
    'consent.need.staff.stepFree': 'Step-free access / 无障碍通道',
    'consent.need.staff.hearing': 'Hearing support / 听力辅助',
    'consent.need.staff.reading': 'Reading support, large print / 阅读辅助（大字版）',
    'consent.need.staff.interpreter': 'Interpreter or another language / 需要翻译',

  },
} as const;
