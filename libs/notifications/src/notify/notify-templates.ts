/**
 * The kinds of message an organisation may send through Notify, each with its own Notify template
 * (ids set per organisation). A text template needs `((message))`; an email template `((subject))`
 * and `((message))`. The other fields each kind sends are listed in README.
 */
export const NOTIFY_TEMPLATE_KINDS = [
  'application-confirmation',
  'session-tomorrow',
  'absence-follow-up',
  'supervision-due',
  'coordinator-message',
  'no-activity',
  'check-expiring',
  'placement-review-due',
  'contract-ending',
  'sustainment-check-due',
  'recruitment-window-closing',
] as const;
export type NotifyTemplateKind = (typeof NOTIFY_TEMPLATE_KINDS)[number];

/** Template ids per kind and channel. */
export type NotifyTemplates = Partial<Record<NotifyTemplateKind, { sms?: string; email?: string }>>;
