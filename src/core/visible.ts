// Control and bidi characters shown, not obeyed: a carriage return or a right-to-left override
// printed raw hides part of a crontab line on the terminal, exactly the attack hidden-characters
// reports. Tabs and newlines stay; the rest reads as ^M, ^[ or <U+202E>.

const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f]|[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const HIDDEN_OR_NEWLINE = /[\u0000-\u0008\u000a-\u001f\u007f]|[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** With `oneLine`, newlines are shown as ^J too: a file name holding one must not forge a line. */
export function showControls(text: string, oneLine = false): string {
  return text.replace(oneLine ? HIDDEN_OR_NEWLINE : HIDDEN, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return `^${String.fromCharCode(code + 64)}`;
    if (code === 0x7f) return '^?';
    return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
  });
}
