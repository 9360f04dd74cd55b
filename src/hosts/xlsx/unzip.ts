/**
 * A bounded zip reader for .xlsx packages (browser-safe). fflate's unzipSync trusts the sizes an archive declares
 * and keeps inflating past them (a 200 KB part that inflates to 200 MB of zeros costs seconds even when the output
 * is thrown away, so a 100 MB file could hang for half an hour). Here the central directory is read by hand and each
 * part is inflated in small input chunks with fflate's streaming Inflate, counting the output: a part stops as soon
 * as it exceeds its declared size or the limits of src/core/limits.ts.
 */
import { Inflate } from "fflate";
import { LIMITS, formatBytes, formatCount } from "../../core/limits";

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  flags: number;
  compressedSize: number;
  /** Declared uncompressed size. */
  size: number;
  localOffset: number;
}

/** Why an archive cannot be read: "damaged" (structure) or "too-large" (a limit). `detail` is Chinese. */
export class ZipError extends Error {
  constructor(
    readonly kind: "damaged" | "too-large",
    readonly detail: string,
  ) {
    super(detail);
    Object.setPrototypeOf(this, ZipError.prototype);
  }
}

const damaged = (detail: string) => new ZipError("damaged", detail);

function u16(d: Uint8Array, i: number): number {
  if (i + 2 > d.length) throw damaged("压缩包结构无效或内容不完整（文件可能被截断）");
  return d[i] | (d[i + 1] << 8);
}
function u32(d: Uint8Array, i: number): number {
  if (i + 4 > d.length) throw damaged("压缩包结构无效或内容不完整（文件可能被截断）");
  return (d[i] | (d[i + 1] << 8) | (d[i + 2] << 16)) + d[i + 3] * 0x1000000;
}
function u64(d: Uint8Array, i: number): number {
  return u32(d, i) + u32(d, i + 4) * 0x100000000;
}

const utf8 = new TextDecoder("utf-8");
const latin1 = new TextDecoder("latin1");

/** The archive's entries from its central directory (a later entry of the same name wins, as in fflate). */
export function listZip(data: Uint8Array, maxEntries: number = LIMITS.zipEntries): ZipEntry[] {
  // End of central directory: 22 bytes plus a comment of at most 65,535 bytes, at the end of the file.
  let e = data.length - 22;
  const stop = Math.max(0, data.length - 22 - 65535);
  while (e >= stop && u32(data, e) !== 0x06054b50) e--;
  if (e < stop) throw damaged("压缩包结构无效或内容不完整（文件可能被截断）");
  let count = u16(data, e + 10);
  let offset = u32(data, e + 16);
  // Zip64: the real count and offset are in the zip64 end record named by the locator just before.
  if (e >= 20 && u32(data, e - 20) === 0x07064b50) {
    const z = u64(data, e - 12);
    if (z + 56 <= data.length && u32(data, z) === 0x06064b50) {
      count = u64(data, z + 32);
      offset = u64(data, z + 48);
    }
  }
  if (count > maxEntries) {
    throw new ZipError(
      "too-large",
      `压缩包中的条目过多（${formatCount(count)} 个，上限 ${formatCount(maxEntries)} 个），不是正常的 Excel 工作簿`,
    );
  }
  // Each central directory record takes at least 46 bytes: a count beyond that is a lie.
  if (offset > data.length || count * 46 > data.length - offset)
    throw damaged("压缩包目录无效或内容不完整（文件可能被截断）");
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let k = 0; k < count; k++) {
    if (u32(data, p) !== 0x02014b50) throw damaged("压缩包目录无效或内容不完整（文件可能被截断）");
    const flags = u16(data, p + 8);
    const method = u16(data, p + 10);
    let compressedSize = u32(data, p + 20);
    let size = u32(data, p + 24);
    const nameLen = u16(data, p + 28);
    const extraLen = u16(data, p + 30);
    const commentLen = u16(data, p + 32);
    let localOffset = u32(data, p + 42);
    const nameEnd = p + 46 + nameLen;
    if (nameEnd + extraLen > data.length) throw damaged("压缩包目录无效或内容不完整（文件可能被截断）");
    const name = (flags & 0x800 ? utf8 : latin1).decode(data.subarray(p + 46, nameEnd));
    // Zip64 extra field: 64-bit values for the 32-bit fields set to 0xFFFFFFFF, in this order.
    for (let x = nameEnd; x + 4 <= nameEnd + extraLen;) {
      const id = u16(data, x);
      const len = u16(data, x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        if (size === 0xffffffff) {
          size = u64(data, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(data, q);
          q += 8;
        }
        if (localOffset === 0xffffffff) localOffset = u64(data, q);
      }
      x += 4 + len;
    }
    entries.push({ name, method, flags, compressedSize, size, localOffset });
    p = nameEnd + extraLen + commentLen;
  }
  return entries;
}

/** The running total of inflated bytes of one archive. */
export class InflateBudget {
  used = 0;
  constructor(readonly limit: number = LIMITS.inflatedBytes) {}
}

/** Input chunk per streaming step: one step inflates to at most ~1,032 × this (the deflate maximum ratio). */
const CHUNK = 16 * 1024;

/**
 * One entry's bytes. Refuses before inflating when the declared size is over `partLimit` or the budget, and stops
 * inflating as soon as the output exceeds the declared size (a lying header) or the limits.
 */
export function readEntry(
  data: Uint8Array,
  entry: ZipEntry,
  budget: InflateBudget,
  partLimit: number = LIMITS.partBytes,
): Uint8Array {
  const tooLarge = (bytes: number) =>
    new ZipError(
      "too-large",
      `部件 ${entry.name} 解压后过大（至少 ${formatBytes(bytes)}，单个部件上限 ${formatBytes(partLimit)}），可能是恶意构造的压缩包（zip 炸弹）`,
    );
  const overBudget = () =>
    new ZipError(
      "too-large",
      `工作簿解压后的总大小超过上限 ${formatBytes(budget.limit)}，可能是恶意构造的压缩包（zip 炸弹）`,
    );
  if (entry.flags & 1) throw damaged(`部件 ${entry.name} 已加密，无法读取`);
  if (entry.size > partLimit) throw tooLarge(entry.size);
  if (budget.used + entry.size > budget.limit) throw overBudget();

  const h = entry.localOffset;
  if (u32(data, h) !== 0x04034b50) throw damaged(`部件 ${entry.name} 的位置无效（文件可能被截断）`);
  const start = h + 30 + u16(data, h + 26) + u16(data, h + 28);
  const end = start + entry.compressedSize;
  if (end > data.length) throw damaged(`部件 ${entry.name} 不完整（文件可能被截断）`);
  const input = data.subarray(start, end);

  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw damaged(`部件 ${entry.name} 的大小记录不一致`);
    budget.used += entry.size;
    return input.slice();
  }
  if (entry.method !== 8) throw damaged(`部件 ${entry.name} 使用了不支持的压缩方式（${entry.method}）`);

  const out = new Uint8Array(entry.size);
  let written = 0;
  let overflow = false;
  const inflate = new Inflate((chunk) => {
    if (written + chunk.length > entry.size) {
      overflow = true;
      return;
    }
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    for (let p = 0; p < input.length && !overflow; p += CHUNK) {
      const q = Math.min(p + CHUNK, input.length);
      inflate.push(input.subarray(p, q), q === input.length);
    }
    if (input.length === 0) inflate.push(new Uint8Array(0), true);
  } catch {
    throw damaged(`部件 ${entry.name} 的压缩数据已损坏`);
  }
  if (overflow) {
    // More output than declared: a forged header. Report it as the bomb it most likely is when it is big.
    throw damaged(
      `部件 ${entry.name} 解压后的大小与记录不符（记录为 ${formatBytes(entry.size)}，实际更大），文件已损坏或被篡改`,
    );
  }
  if (written !== entry.size)
    throw damaged(`部件 ${entry.name} 不完整（解压后 ${formatBytes(written)}，记录为 ${formatBytes(entry.size)}）`);
  budget.used += entry.size;
  return out;
}
