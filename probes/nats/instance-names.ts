/**
 * A name the raising instance was given (its stream, consumer or subject), or a
 * placeholder to fill in when the error lookup shows the command without one.
 */
export function instanceName(params: Record<string, unknown>, key: string): string {
  const value = params[key];
  return typeof value === "string" && value !== "" ? value : `<${key}>`;
}
