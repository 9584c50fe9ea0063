// Log messages are written by whatever runs in the container; printed raw to a terminal, an
// escape sequence can recolour, retitle or rewrite the screen (or hide text). On a terminal we
// show such characters as visible escapes instead; pipes get the message untouched.

// C0 controls except TAB and LF, DEL, C1 controls, and the Unicode bidirectional overrides.
// eslint-disable-next-line no-control-regex
const UNSAFE_CLASS = '[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]';
const HAS_UNSAFE = new RegExp(UNSAFE_CLASS);
const UNSAFE = new RegExp(UNSAFE_CLASS, 'g');

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Makes a message safe for a terminal: control and escape characters become visible `\xNN`. */
export function neutralizeControls(message: string): string {
  return HAS_UNSAFE.test(message) ? message.replace(UNSAFE, escapeChar) : message;
}

// JSON.stringify escapes C0 controls but leaves DEL, the C1 controls (U+009B is a one-character
// CSI to some terminals) and the bidirectional overrides as they are; the line separators break
// JavaScript readers of JSON text. Escaped as \uXXXX they parse back to the same string.
// eslint-disable-next-line no-control-regex
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON.stringify, with every character a terminal could act on escaped: safe on a screen, exact when parsed. */
export function terminalSafeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** CloudWatch messages often end with the newline the program printed; we add our own. */
export function trimTrailingNewline(message: string): string {
  if (message.endsWith('\r\n')) return message.slice(0, -2);
  if (message.endsWith('\n')) return message.slice(0, -1);
  return message;
}
