/** `dd/MM/yyyy HH:mm:ss` of an API instant already in Vietnam time (`…+07:00`): the log wants the second, also at 23:59. Pure. */
export function auditTimeText(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}:${m[6]}` : iso;
}
