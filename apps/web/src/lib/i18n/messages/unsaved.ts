/** The warning before leaving a manager screen with unsaved changes, and the note when a draft comes back. */
export const unsaved = {
  zh: {
    'unsaved.leaveTitle': '有未保存的更改',
    'unsaved.leaveBody': '离开此页，您所做的更改将不会保存。',
    'unsaved.cancel': '留在此页',
    'unsaved.leaveOk': '离开，不保存',
    'unsaved.restored': '您的未保存更改已恢复，请检查后保存。',
  },
  en: {
    'unsaved.leaveTitle': 'You have unsaved changes',
    'unsaved.leaveBody': 'If you leave this page, your changes will not be saved.',
    'unsaved.cancel': 'Stay on this page',
    'unsaved.leaveOk': 'Leave without saving',
    'unsaved.restored': 'Your unsaved changes were restored; check them and save.',
  },
};
