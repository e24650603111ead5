// Tap-to-call and tap-to-mail addresses for a contact's phone number and e-mail.

/** `tel:+15551234567` from "+1 (555) 123-4567"; undefined when no digits are left. */
export function telHref(phone: string | null | undefined): string | undefined {
  const dialable = (phone ?? '').replace(/[^\d+]/g, '')
  return /\d/.test(dialable) ? `tel:${dialable}` : undefined
}

/** `mailto:` for an address; undefined when there is none. */
export function mailtoHref(email: string | null | undefined): string | undefined {
  return email ? `mailto:${encodeURIComponent(email).replace(/%40/g, '@')}` : undefined
}

/** "AL" for Ana Lopez. */
export function initials(firstName: string, lastName: string): string {
  return `${firstName.charAt(0)}${lastName.charAt(0)}`.toUpperCase()
}
