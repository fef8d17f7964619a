/**
 * Messages stay readable and bounded: a value a user wrote (an annotation, a name) is cut to a
 * sane length, and so is a whole message, so a 10,000-character annotation is never echoed whole
 * into conditions, Events or logs.
 */
export const MaxValueLength = 200;
export const MaxMessageLength = 1024;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A user-supplied value inside a message. */
export function clipValue(value: string): string {
  return clip(value, MaxValueLength);
}

/** A whole condition or Event message. */
export function clipMessage(message: string): string {
  return clip(message, MaxMessageLength);
}
