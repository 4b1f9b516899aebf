/** A valid port name: 1 to 64 characters from [A-Za-z0-9_-]. */
export const PORT_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** True when the text is a valid port name. */
export function isPortName(text: string): boolean {
  return PORT_NAME.test(text);
}
