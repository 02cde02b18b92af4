/** Vietnam-time text of instants for export titles and CSV cells (UTC+7, no daylight saving). */
import { civilFromDays, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, VN_OFFSET_MS } from '../domain/time.js';

const pad2 = (n: number): string => String(n).padStart(2, '0');

function parts(t: number): { y: number; mo: number; d: number; h: number; mi: number } {
  const local = t + VN_OFFSET_MS;
  const day = Math.floor(local / MS_PER_DAY);
  const ms = local - day * MS_PER_DAY;
  const [y, mo, d] = civilFromDays(day);
  return { y, mo, d, h: Math.floor(ms / MS_PER_HOUR), mi: Math.floor((ms % MS_PER_HOUR) / MS_PER_MINUTE) };
}

/** `dd/MM/yyyy` of the instant t (epoch ms), Vietnam time. */
export function vnDate(t: number): string {
  const p = parts(t);
  return `${pad2(p.d)}/${pad2(p.mo)}/${p.y}`;
}

/** `HH:mm dd/MM/yyyy` of the instant t (epoch ms), Vietnam time (the "Cập nhật lúc" of a title). */
export function vnTimeDate(t: number): string {
  const p = parts(t);
  return `${pad2(p.h)}:${pad2(p.mi)} ${vnDate(t)}`;
}

/** `dd/MM/yyyy HH:mm` of the instant t (epoch ms), Vietnam time. */
export function vnDateTime(t: number): string {
  const p = parts(t);
  return `${vnDate(t)} ${pad2(p.h)}:${pad2(p.mi)}`;
}

/** `yyyy-MM-dd HH:mm` of the instant t (epoch ms), Vietnam time: read as a date by Excel in any locale. */
export function vnIsoDateTime(t: number): string {
  const p = parts(t);
  return `${p.y}-${pad2(p.mo)}-${pad2(p.d)} ${pad2(p.h)}:${pad2(p.mi)}`;
}
