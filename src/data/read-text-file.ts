/**
 * Reads a data or template file with a bound on the bytes actually read: a size from `stat` is
 * not trusted (/dev/zero says 0), and only regular files are read (a FIFO would block forever).
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";

/** Largest data file accepted: real quarter files are a few tens of kilobytes. */
export const maxFileBytes = 2 * 1024 * 1024;

/** A file that is not a regular file, or is larger than its limit; `code` says which. */
export class FileReadError extends Error {
  constructor(
    /** The file, as named. */
    readonly file: string,
    message: string,
    readonly code: "not_a_file" | "file_too_large",
    /** For `file_too_large`: the size stat gave (undefined when more was read than stat said). */
    readonly bytes?: number,
  ) {
    super(message);
    this.name = "FileReadError";
  }
}

/**
 * Reads `file` as bytes, refusing anything but a regular file and more than `limit` bytes.
 * Throws FileReadError for those, and the system's error (ENOENT ...) when it cannot be opened.
 */
export function readBoundedFile(file: string, limit: number = maxFileBytes): Buffer {
  // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one.
  const handle = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(handle);
    if (!stat.isFile()) throw new FileReadError(file, `not a regular file (${describeKind(stat)}); only regular files are read`, "not_a_file");
    if (stat.size > limit) throw new FileReadError(file, `the file is ${formatSize(stat.size)}; files are limited to ${formatSize(limit)}`, "file_too_large", stat.size);
    const chunks: Buffer[] = [];
    let total = 0;
    // Read to the end, whatever stat said: a file can grow while it is read.
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, limit + 1 - total));
      const read = readSync(handle, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > limit) throw new FileReadError(file, `the file holds more than ${formatSize(limit)}; files are limited to ${formatSize(limit)}`, "file_too_large");
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(handle);
  }
}

/** Reads `file` as UTF-8 text with the bounds of readBoundedFile. */
export function readTextFile(file: string, limit: number = maxFileBytes): string {
  return readBoundedFile(file, limit).toString("utf8");
}

function describeKind(stat: import("node:fs").Stats): string {
  if (stat.isDirectory()) return "a folder";
  if (stat.isFIFO()) return "a named pipe";
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  if (stat.isSocket()) return "a socket";
  return "not a file";
}

/** `50.0 MB`, `2 MB`, `512 KB`. */
function formatSize(bytes: number): string {
  if (bytes >= 1048576) return `${Number.isInteger(bytes / 1048576) ? bytes / 1048576 : (bytes / 1048576).toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}
