package org.aicity.job.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The string encoding of the job's own record serializers ({@link MeasurementSerializer},
 * {@link ValidReadingSerializer}): {@code varint(length << 2 | kind)}, then the chars.
 * <ul>
 *   <li>kind 0: null (length 0, no chars)</li>
 *   <li>kind 1: every char is at most U+00FF: one byte per char (ISO-8859-1; ids are ASCII)</li>
 *   <li>kind 2: any other string: two bytes per UTF-16 char, big-endian (lone surrogates too)</li>
 * </ul>
 * Varints carry 7 bits a byte, low bits first.
 */
final class CompactStrings {

    static final int KIND_NULL = 0;
    static final int KIND_LATIN1 = 1;
    static final int KIND_UTF16 = 2;
    /** Most bytes of a varint of an int (7 bits a byte) and of a string header (34 bits). */
    static final int MAX_INT_VARINT = 5;

    private CompactStrings() {
    }

    /** The most bytes {@link #putString} writes for {@code s}. */
    static long maxBytes(String s) {
        return s == null ? 1 : MAX_INT_VARINT + 2L * s.length();
    }

    /** The string's header and chars at {@code p}; the array has room for the UTF-16 worst case. */
    static int putString(byte[] b, int p, String s) {
        if (s == null) {
            b[p] = KIND_NULL;
            return p + 1;
        }
        int n = s.length();
        long header = ((long) n << 2) | KIND_LATIN1;
        int chars = p + varintSize(header); // the size does not depend on the kind (the low 2 bits)
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c > 0xFF) {
                return putUtf16(b, p, s);
            }
            b[chars + i] = (byte) c;
        }
        putVarint(b, p, header);
        return chars + n;
    }

    private static int putUtf16(byte[] b, int p, String s) {
        int n = s.length();
        int q = putVarint(b, p, ((long) n << 2) | KIND_UTF16);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            b[q++] = (byte) (c >>> 8);
            b[q++] = (byte) c;
        }
        return q;
    }

    static int varintSize(long v) {
        int size = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            size++;
        }
        return size;
    }

    static int putVarint(byte[] b, int p, long v) {
        while ((v & ~0x7FL) != 0) {
            b[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        return p;
    }

    /** Reads the strings of a body (a small object that escape analysis removes). */
    static final class Reader {
        private final byte[] b;
        private final int end;
        private final String type;
        private int p;

        Reader(byte[] b, int p, int end, String type) {
            this.type = type;
            this.b = b;
            this.p = p;
            this.end = end;
        }

        int position() {
            return p;
        }

        String next() throws IOException {
            long header = 0;
            for (int shift = 0; ; shift += 7) {
                if (p >= end || shift >= 7 * MAX_INT_VARINT) {
                    throw new IOException("Corrupt " + type + ": bad string header");
                }
                byte x = b[p++];
                header |= (long) (x & 0x7F) << shift;
                if (x >= 0) {
                    break;
                }
            }
            int kind = (int) (header & 3);
            long n = header >>> 2;
            if (kind == KIND_LATIN1 && n <= end - p) {
                String s = new String(b, p, (int) n, StandardCharsets.ISO_8859_1);
                p += (int) n;
                return s;
            }
            if (kind == KIND_UTF16 && 2 * n <= end - p) {
                char[] chars = new char[(int) n];
                for (int i = 0; i < chars.length; i++, p += 2) {
                    chars[i] = (char) (((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF));
                }
                return new String(chars);
            }
            if (kind == KIND_NULL && n == 0) {
                return null;
            }
            throw new IOException("Corrupt " + type + ": string of kind " + kind + " and length " + n + " with "
                + (end - p) + " bytes left");
        }
    }
}
