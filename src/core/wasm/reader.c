/*
 * The evidence reader of src/core/analyze.ts, over UTF-8 bytes, compiled to WebAssembly for the
 * command line (src/core/fastReader.ts loads it). A CLI run reads tens of megabytes; in
 * JavaScript the reader costs ~7 ns a character plus the decoding of every file into UTF-16, here
 * ~2 ns a byte on the bytes as read (plain prose 16 bytes at a time with SIMD). It is a port, rule
 * for rule and in the same order, of analyzeText() in analyze.ts: what one decides, the other
 * decides the same way (the unit tests run both on random and realistic documents and compare
 * every field).
 *
 * It leaves to JavaScript what needs the standard's codes (which codes are valid, ranges, unknown
 * codes), the excluded-heading test and the final section flags. What it does not do it says: on
 * a construct that needs lines further on (a code span or HTML tag running over lines) it stops
 * with KSB_BAIL, and past its tables' sizes with KSB_FULL; the JS reader then reads the file.
 *
 * Positions are byte offsets in the input; columns written out are UTF-16 offsets in the line,
 * as the JS reader gives them. Built by scripts/build-wasm.mjs (clang --target=wasm32).
 */
#include <stdint.h>
#include <wasm_simd128.h>

typedef int32_t i32;
typedef uint8_t u8;

/*
 * Kept out of line: V8 first runs the module's baseline code and compiles the hot functions again
 * in the background; small hot functions are ready sooner (the whole module compiles in ~40 ms
 * instead of ~80 ms here, and a CLI run's first pass over 2,000 files takes ~105 ms, not ~140).
 */
#define OUT_OF_LINE __attribute__((noinline))

enum { KSB_OK = 0, KSB_BAIL = 1, KSB_INVALID_UTF8 = 2, KSB_FULL = 3, KSB_BINARY = 4, KSB_MORE_ROOM = 5 };

/* ---- results ---------------------------------------------------------------------------------- */

enum { SEC_LEVEL, SEC_LINE, SEC_END_LINE, SEC_WORDS, SEC_HEADING_WORDS, SEC_IGNORED, SEC_STR, SEC_STR_LEN, SEC_SETEXT, SEC_ID, SEC_SIZE };
enum { TAG_FORM, TAG_LINE, TAG_START, TAG_END, TAG_START_B, TAG_END_B, TAG_REF_FIRST, TAG_REF_COUNT, TAG_SECTION, TAG_SIZE };
enum { REF_LINE, REF_START, REF_END, REF_TEXT, REF_TEXT_LEN, REF_FROM_LEN, REF_TO, REF_TO_LEN, REF_TO_PREFIXED, REF_ID, REF_SIZE };
enum { BARE_LINE, BARE_START, BARE_END, BARE_OFF, BARE_LEN, BARE_SECTION, BARE_ID, BARE_SIZE };
enum { FORM_BRACKET = 0, FORM_LABEL = 1, FORM_COMMENT = 2, FORM_FRONT_MATTER = 3 };

#define MAX_SECTIONS 65536
#define MAX_TAGS 65536
#define MAX_REFS 131072
#define MAX_BARE 65536
#define MAX_STR (4 << 20)
#define MAX_STACK 512
#define MAX_PREFIXES 64

/* header: status, lineCount, headings, ignoreFile, front-matter closing line (-1), counts, front-matter evidence (0, 1 report, 2 portfolio);
   then what ksb_cover found: the tags that name KSBs, the evidence places waiting in `places`;
   whether the text has U+FFFD (which is also what a lone surrogate half of a JS string encodes to) */
enum { H_STATUS, H_LINES, H_HEADINGS, H_IGNORE_FILE, H_FM_CLOSED, H_SECTIONS, H_TAGS, H_REFS, H_BARE, H_EVIDENCE, H_INTERNED, H_TAG_COUNT, H_PLACES, H_REPLACEMENT, H_SIZE };
static i32 header[H_SIZE];
/*
 * The tables grow as a document needs them (up to the MAX_ sizes), from memory this module takes as
 * it goes: a reader made for one small document stays small, and V8, which counts a module's
 * memory against its heap's budget, does not run full collections for memory nobody uses (32 MB of
 * fixed tables cost a 2,000-file run two of them, ~30 ms).
 */
extern unsigned char __heap_base;
static uintptr_t heapTop;

/**
 * `bytes` of memory (16-aligned) after everything taken before, zeros (memory.grow gives zeros and
 * nothing is handed out twice); 0 when memory cannot grow.
 */
static void *take(i32 bytes) {
  if (!heapTop) heapTop = ((uintptr_t)&__heap_base + 15) & ~(uintptr_t)15;
  /* in 64 bits: near 4 GB the 32-bit sums would wrap */
  uint64_t p = heapTop, end = p + (((uint64_t)(uint32_t)bytes + 15) & ~(uint64_t)15);
  uint64_t have = (uint64_t)__builtin_wasm_memory_size(0) * 65536;
  if (end > 0xffff0000ull) return 0;
  if (end > have && __builtin_wasm_memory_grow(0, (uintptr_t)((end - have + 65535) / 65536)) == (uintptr_t)-1) return 0;
  heapTop = (uintptr_t)end;
  return (void *)(uintptr_t)p;
}

/**
 * Room in *table (of *cap elements of `size` bytes, contents kept) for `need` elements: doubled as
 * needed, at most `max`. False when `need` is past `max` or memory cannot grow. (What a table
 * outgrows is not reused: the bytes taken stay under twice the largest table.)
 */
static int reserve(void *table, i32 *cap, i32 need, i32 size, i32 max) {
  if (need <= *cap) return 1;
  if (need > max) return 0;
  i32 n = *cap ? *cap : 64;
  while (n < need) n *= 2;
  if (n > max) n = max;
  void *p = take(n * size);
  if (!p) return 0;
  void **t = (void **)table;
  if (*cap) __builtin_memcpy(p, *t, (uintptr_t)*cap * size);
  *t = p;
  *cap = n;
  return 1;
}

static i32 *sec, *tagv, *refv, *barev;
static u8 *strv;
static i32 secCap, tagCap, refCap, bareCap, strCap;
static i32 nSec, nTags, nRefs, refTop, nBare, nStr;

/*
 * Interned strings: written codes, bare codes and headings repeat across a workspace's files, so
 * each distinct one gets a number once and the JS side decodes and resolves it once. The table
 * lives as long as the reader; when it is full, new strings get -1 (the JS side decodes them).
 */
#define MAX_INTERNED (1 << 17)
#define INTERN_POOL (8 << 20)
/* slots: a table of 2 x idCap entries (id + 1, 0 empty); by id: offset, length and hash in the pool */
static i32 *internSlot, *internOff, *internLen;
static uint32_t *internHash;
static u8 *internPool;
static i32 idCap, poolCap;
static i32 nInterned, internUsed;
/* by interned id, for ksb_cover: a written code's KSBs (ksbPool offset + 1, 0 unresolved) and flags;
   whether a heading is excluded (0 unknown, 1 no, 2 yes). They grow with the ids. */
static i32 *refPoolAt, *refBits;
static u8 *headingExcluded;

/** Room for one more id: the by-id tables doubled, the slots rehashed. False when full. */
static int moreIds(void) {
  if (nInterned < idCap) return 1;
  if (idCap >= MAX_INTERNED) return 0;
  i32 n = idCap ? idCap * 2 : 1024;
  i32 c;
  i32 *slots = take(2 * n * 4);
  if (!slots) return 0;
  c = idCap; if (!reserve(&internOff, &c, n, 4, MAX_INTERNED)) return 0;
  c = idCap; if (!reserve(&internLen, &c, n, 4, MAX_INTERNED)) return 0;
  c = idCap; if (!reserve(&internHash, &c, n, 4, MAX_INTERNED)) return 0;
  c = idCap; if (!reserve(&refPoolAt, &c, n, 4, MAX_INTERNED)) return 0;
  c = idCap; if (!reserve(&refBits, &c, n, 4, MAX_INTERNED)) return 0;
  c = idCap; if (!reserve(&headingExcluded, &c, n, 1, MAX_INTERNED)) return 0;
  /* (the slots and the new parts of the by-id tables are zeros: empty, unresolved, unknown) */
  for (i32 e = 0; e < nInterned; e++) {
    uint32_t slot = internHash[e] & (uint32_t)(2 * n - 1);
    while (slots[slot]) slot = (slot + 1) & (uint32_t)(2 * n - 1);
    slots[slot] = e + 1;
  }
  internSlot = slots;
  idCap = n;
  return 1;
}

static i32 intern(const u8 *p, i32 len) {
  uint32_t h = 2166136261u;
  for (i32 k = 0; k < len; k++) h = (h ^ p[k]) * 16777619u;
  uint32_t slot = h & (uint32_t)(2 * idCap - 1);
  for (; idCap;) {
    i32 e = internSlot[slot];
    if (e == 0) break;
    e--;
    if (internHash[e] == h && internLen[e] == len) {
      const u8 *q = internPool + internOff[e];
      i32 k = 0;
      while (k < len && q[k] == p[k]) k++;
      if (k == len) return e;
    }
    slot = (slot + 1) & (uint32_t)(2 * idCap - 1);
  }
  if (nInterned == idCap) {
    if (!moreIds()) return -1;
    for (slot = h & (uint32_t)(2 * idCap - 1); internSlot[slot]; slot = (slot + 1) & (uint32_t)(2 * idCap - 1)) {}
  }
  if (!reserve(&internPool, &poolCap, internUsed + len, 1, INTERN_POOL)) return -1;
  for (i32 k = 0; k < len; k++) internPool[internUsed + k] = p[k];
  internOff[nInterned] = internUsed, internLen[nInterned] = len, internHash[nInterned] = h;
  internUsed += len;
  internSlot[slot] = nInterned + 1;
  return nInterned++;
}

/* ---- the standard's code prefixes, set once by ksb_set_prefixes ------------------------------- */

static u8 prefixBytes[1024];
static i32 prefixLen[MAX_PREFIXES];
static i32 prefixOff[MAX_PREFIXES];
static i32 nPrefixes;
static u8 prefixFirst[128];
static int codeNeedsDigit;
static u8 charClass[256];
static u8 asciiAlnum[128];

/* ---- the document ----------------------------------------------------------------------------- */

static const u8 *S;
static i32 N;
static i32 *starts, *ends;
static i32 lineCount;
static int bail;

#define SP 32
#define TAB 9
#define NBSP 0xa0

static inline i32 at(i32 p) { return p >= 0 && p < N ? S[p] : -1; }

static i32 cpLen;
/** The code point at p (-1 outside the input); its length in bytes is left in cpLen. */
static i32 cpAt(i32 p) {
  if (p < 0 || p >= N) {
    cpLen = 1;
    return -1;
  }
  i32 c = S[p];
  if (c < 0x80) {
    cpLen = 1;
    return c;
  }
  if (c < 0xe0) {
    cpLen = 2;
    return ((c & 0x1f) << 6) | (S[p + 1] & 0x3f);
  }
  if (c < 0xf0) {
    cpLen = 3;
    return ((c & 0x0f) << 12) | ((S[p + 1] & 0x3f) << 6) | (S[p + 2] & 0x3f);
  }
  cpLen = 4;
  return ((c & 0x07) << 18) | ((S[p + 1] & 0x3f) << 12) | ((S[p + 2] & 0x3f) << 6) | (S[p + 3] & 0x3f);
}
/** The code point before p, or -1 at the start. */
static i32 cpBefore(i32 p) {
  if (p <= 0) return -1;
  i32 q = p - 1;
  while (q > 0 && (S[q] & 0xc0) == 0x80) q--;
  return cpAt(q);
}

static inline int isDigit(i32 c) { return c >= 48 && c <= 57; }
static inline int isUpper(i32 c) { return c >= 65 && c <= 90; }
static inline int lower(i32 c) { return c >= 65 && c <= 90 ? c + 32 : c; }
static int isAlnum(i32 c) {
  if (c < 128) return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
  if (c == NBSP || c == 0xfeff) return 0;
  if (c >= 0x2000 && c <= 0x206f) return 0;
  if (c >= 0x3000 && c <= 0x303f) return 0;
  if (c >= 0xa1 && c <= 0xbf) return 0;
  return c != 0xd7 && c != 0xf7;
}
/** JavaScript's \s (and what String.prototype.trim removes). */
static int isJsSpace(i32 c) {
  if (c == 32 || (c >= 9 && c <= 13)) return 1;
  if (c < 128) return 0;
  return c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000 || c == 0xfeff;
}
static int alnumAt(i32 p) { return isAlnum(cpAt(p)); }
static int alnumBefore(i32 p) { return p > 0 && isAlnum(cpBefore(p)); }
static int spaceAt(i32 p) { return isJsSpace(cpAt(p)); }
static inline int isWordChar(i32 c) { return c == 95 || (c < 128 && c >= 0 && asciiAlnum[c]); }

/** Whether the input at p starts with the n bytes of s. */
static int startsWith(i32 p, const char *s, i32 n) {
  if (p < 0 || p + n > N) return 0;
  for (i32 k = 0; k < n; k++)
    if (S[p + k] != (u8)s[k]) return 0;
  return 1;
}
/** Index of the n bytes of s in [from, to), or -1. */
static i32 find(const char *s, i32 n, i32 from, i32 to) {
  for (i32 p = from; p + n <= to; p++) {
    if (S[p] != (u8)s[0]) continue;
    i32 k = 1;
    while (k < n && S[p + k] == (u8)s[k]) k++;
    if (k == n) return p;
  }
  return -1;
}
static i32 findByte(i32 c, i32 from, i32 to) {
  for (i32 p = from; p < to; p++)
    if (S[p] == c) return p;
  return -1;
}
/** UTF-16 length of the input in [from, to). */
static i32 base; /* start of the line being read: columns are counted from here */

/** UTF-16 units of the bytes [from, to): a lead byte is one unit, a four-byte one two. */
static i32 countUnits(i32 from, i32 to) {
  if (to <= from) return 0;
  i32 n = to - from;
  i32 p = from;
  /* 16 bytes at a time: minus the continuation bytes, plus the four-byte leads */
  for (; p + 16 <= to; p += 16) {
    v128_t v = wasm_v128_load(S + p);
    if (!wasm_i8x16_bitmask(v)) continue;
    n -= __builtin_popcount(wasm_i8x16_bitmask(wasm_i8x16_eq(wasm_v128_and(v, wasm_i8x16_splat((char)0xc0)), wasm_i8x16_splat((char)0x80))));
    n += __builtin_popcount(wasm_i8x16_bitmask(wasm_u8x16_ge(v, wasm_i8x16_splat((char)0xf0))));
  }
  for (; p < to; p++) {
    u8 c = S[p];
    if ((c & 0xc0) == 0x80) n--;
    else if (c >= 0xf0) n++;
  }
  return n;
}

/*
 * The column of a position: units from the line's start. A line with many codes asks for each in
 * turn, so the last answer for this line is kept and counted on from (it was most of the reader's
 * time on long lines full of tags).
 */
static i32 unitsLine = -1, unitsAt, unitsCount;

static i32 units(i32 from, i32 to) {
  if (from != base) return countUnits(from, to);
  if (from == unitsLine && to >= unitsAt) unitsCount += countUnits(unitsAt, to);
  else unitsCount = countUnits(from, to);
  unitsLine = from;
  unitsAt = to;
  return unitsCount;
}

/* ---- the prose skimmer (skim() of analyze.ts) ------------------------------------------------- */

enum { CH_OTHER = 0, CH_ALNUM = 1, CH_SPACE = 2, CH_STOP = 4, CH_PREFIX = 5, CH_WIDE = 8 };

static i32 skimWords, skimCounted;

static void countWord(void) {
  if (skimCounted == 0) {
    skimWords++;
    skimCounted = 1;
  }
}

/*
 * The prefixes' first letters, for the SIMD skimmer (up to 8 of them; more: bytes one by one), by
 * their nibbles: letter x sets bit x in the entries of its low and high nibble, so a byte is one of
 * them when its two entries share a bit.
 */
static u8 prefixLetters[8];
static i32 nPrefixLetters;
static v128_t prefixLow, prefixHigh;
static int simdSkim;

/*
 * The skimmer's classes of input bytes as bit masks (bit j: byte j of the bytes classified): letters
 * and digits, digits, white space, bytes from 0x80, the stop characters ` \ < ! [ ( ] | : and the
 * prefixes' first letters.
 */
struct Classes {
  uint64_t alnum, digit, space, wide, stop, prefix;
};

/*
 * The stop characters by their two nibbles: a byte is one when the bits of its low nibble's entry
 * and its high nibble's entry meet (one bit for each high nibble 2, 3, 5, 6, 7; bytes from 0x80
 * have none). The prefixes' first letters are found the same way (prefixLow, prefixHigh).
 */
#define STOP_LOW_NIBBLES wasm_i8x16_make(8, 1, 0, 0, 0, 0, 0, 0, 1, 0, 2, 4, 2 | 4 | 16, 4, 0, 0)
#define STOP_HIGH_NIBBLES wasm_i8x16_make(0, 0, 1, 2, 0, 4, 8, 16, 0, 0, 0, 0, 0, 0, 0, 0)

/** Adds the classes of the 16 bytes at p to c, at bits shift to shift + 15. */
__attribute__((always_inline)) static inline void classify16(const u8 *p, i32 shift, struct Classes *c) {
  const v128_t zero = wasm_i8x16_splat(0);
  v128_t v = wasm_v128_load(p);
  v128_t low = wasm_v128_and(v, wasm_i8x16_splat(0x0f)), high = wasm_u8x16_shr(v, 4);
  v128_t digit = wasm_u8x16_le(wasm_i8x16_sub(v, wasm_i8x16_splat('0')), wasm_i8x16_splat(9));
  v128_t alpha = wasm_u8x16_le(wasm_i8x16_sub(wasm_v128_or(v, wasm_i8x16_splat(0x20)), wasm_i8x16_splat('a')), wasm_i8x16_splat(25));
  v128_t stop = wasm_v128_and(wasm_i8x16_swizzle(STOP_LOW_NIBBLES, low), wasm_i8x16_swizzle(STOP_HIGH_NIBBLES, high));
  v128_t prefix = wasm_v128_and(wasm_i8x16_swizzle(prefixLow, low), wasm_i8x16_swizzle(prefixHigh, high));
  c->alnum |= (uint64_t)wasm_i8x16_bitmask(wasm_v128_or(digit, alpha)) << shift;
  c->digit |= (uint64_t)wasm_i8x16_bitmask(digit) << shift;
  c->space |= (uint64_t)wasm_i8x16_bitmask(wasm_v128_or(wasm_i8x16_eq(v, wasm_i8x16_splat(' ')), wasm_i8x16_eq(v, wasm_i8x16_splat('\t')))) << shift;
  c->wide |= (uint64_t)wasm_i8x16_bitmask(v) << shift;
  c->stop |= (uint64_t)wasm_i8x16_bitmask(wasm_i8x16_ne(stop, zero)) << shift;
  c->prefix |= (uint64_t)wasm_i8x16_bitmask(wasm_i8x16_ne(prefix, zero)) << shift;
}

/**
 * Counts the words of `width` (16 or 64) classified bytes from i, up to `to`, stopping before the
 * first byte the byte-at-a-time loop must see: a stop character, a byte of a multi-byte character,
 * or a prefix letter that may begin a code (not after a letter or digit, nor after a multi-byte
 * character, which the loop decodes; with one-letter prefixes, only before a digit). Needs S[i - 1]
 * and the byte at i + width. A word starts at a letter or digit where the state before it (that of
 * the nearest letter, digit or space to the left, other marks keeping it) is "not in a counted
 * word": that state carries through runs of other marks, and g marks such a run's first lane after
 * a letter or digit (or lane 0 in a counted word), so adding g to the run's mask carries through
 * exactly that run. Returns the lanes counted.
 */
__attribute__((always_inline)) static inline i32 countLanes(i32 i, i32 to, i32 width, const struct Classes *c, i32 *words, i32 *counted) {
  uint64_t special = c->stop | c->wide;
  if (c->prefix) {
    i32 before = S[i - 1];
    uint64_t afterAlnum = (c->alnum << 1) | (uint64_t)(before < 128 && asciiAlnum[before]);
    uint64_t afterWide = (c->wide << 1) | (uint64_t)(before >= 128);
    uint64_t mayBegin = c->prefix & ~afterAlnum;
    if (codeNeedsDigit) mayBegin &= (c->digit >> 1) | ((uint64_t)isDigit(at(i + width)) << (width - 1));
    special |= mayBegin | (c->prefix & afterWide);
  }
  i32 room = to - i < width ? to - i : width;
  i32 lanes = special ? __builtin_ctzll(special) : width;
  if (lanes > room) lanes = room;
  if (lanes <= 0) return 0;
  uint64_t mask = lanes == 64 ? ~0ULL : (1ULL << lanes) - 1;
  uint64_t a = c->alnum & mask, gaps = ~(c->alnum | c->space) & mask, in = (uint64_t)*counted;
  uint64_t g = ((a << 1) | in) & gaps;
  uint64_t state = a | (((gaps + g) ^ gaps) & gaps); /* in a counted word after each lane */
  *words += __builtin_popcountll(a & ~((state << 1) | in));
  *counted = (i32)((state >> (lanes - 1)) & 1);
  return lanes;
}

/** Words of 16 bytes of prose at once (near the end of the input). Needs S[i - 1] and S[i + 16]. */
static i32 skim16(i32 i, i32 to, i32 *words, i32 *counted) {
  struct Classes c = {0, 0, 0, 0, 0, 0};
  classify16(S + i, 0, &c);
  return countLanes(i, to, 16, &c, words, counted);
}

/**
 * Words of 64 bytes of prose at once: four blocks classified into 64-bit masks, then one round of
 * mask arithmetic for all of them (counting block by block was most of the reader's time). Needs
 * S[i - 1] and 64 bytes from i.
 */
static i32 skim64(i32 i, i32 to, i32 *words, i32 *counted) {
  struct Classes c = {0, 0, 0, 0, 0, 0};
  classify16(S + i, 0, &c);
  classify16(S + i + 16, 16, &c);
  classify16(S + i + 32, 32, &c);
  classify16(S + i + 48, 48, &c);
  return countLanes(i, to, 64, &c, words, counted);
}

static i32 skim(i32 i, i32 to) {
  i32 words = 0;
  i32 counted = skimCounted;
  for (;;) {
    if (simdSkim) {
      while (i >= 1 && i + 16 <= to) {
        i32 lanes, all;
        if (i + 64 <= N) lanes = skim64(i, to, &words, &counted), all = 64;
        else if (i + 17 <= N) lanes = skim16(i, to, &words, &counted), all = 16;
        else break;
        i += lanes;
        if (lanes < all) break;
      }
    }
    /* a word: letters, digits and other marks up to white space (the common bytes in one table) */
    if (counted) {
      while (i < to && charClass[S[i]] <= CH_ALNUM) i++;
    } else {
      while (i < to && (charClass[S[i]] & ~CH_SPACE) == 0) i++;
    }
    if (i >= to) break;
    i32 k = charClass[S[i]];
    if (k == CH_WIDE) {
      i32 c = cpAt(i);
      i += cpLen;
      k = c == NBSP ? CH_SPACE : isAlnum(c) ? CH_ALNUM : CH_OTHER;
    } else if (k >= CH_STOP) {
      if (k == CH_PREFIX && ((codeNeedsDigit && !isDigit(at(i + 1))) || alnumBefore(i))) {
        words += 1 - counted;
        counted = 1;
        i++;
        continue;
      }
      break;
    } else i++;
    words += k & ~counted & 1;
    counted = (counted | k) & ~(k >> 1) & 1;
  }
  skimWords += words;
  skimCounted = counted;
  return i;
}

/* ---- codes ------------------------------------------------------------------------------------ */

static int isBlank(i32 from, i32 to) {
  for (i32 i = from; i < to; i++)
    if (S[i] != SP && S[i] != TAB) return 0;
  return 1;
}

OUT_OF_LINE static i32 codeLength(i32 i, i32 end) {
  i32 c = at(i);
  if (c < 0 || c >= 128 || !prefixFirst[c]) return 0;
  for (i32 x = 0; x < nPrefixes; x++) {
    if (!startsWith(i, (const char *)prefixBytes + prefixOff[x], prefixLen[x])) continue;
    i32 j = i + prefixLen[x];
    if (j >= end || !isDigit(at(j))) continue;
    while (j < end && isDigit(S[j])) j++;
    while (j + 1 < end && S[j] == 46 && isDigit(S[j + 1])) {
      j += 2;
      while (j < end && isDigit(S[j])) j++;
    }
    if (j < end && alnumAt(j)) return 0;
    return j - i;
  }
  return 0;
}

static i32 rangeTo, rangeToLen, rangeToPrefixed, rangeEndAt;
/** rangeEnd() of analyze.ts: the far end of a range after its dash; 1 when there is one. */
OUT_OF_LINE static int rangeEnd(i32 m, i32 end, i32 from, i32 fromLen) {
  while (m < end && (S[m] == SP || S[m] == TAB)) m++;
  i32 n2 = codeLength(m, end);
  i32 prefix = fromLen; /* from without its trailing [\d.]+ */
  while (prefix > 0 && (isDigit(S[from + prefix - 1]) || S[from + prefix - 1] == 46)) prefix--;
  if (n2 > 0) {
    int same = m + prefix <= N;
    for (i32 k = 0; same && k < prefix; k++)
      if (S[m + k] != S[from + k]) same = 0;
    if (same && isDigit(at(m + prefix))) {
      rangeTo = m, rangeToLen = n2, rangeToPrefixed = 0, rangeEndAt = m + n2;
      return 1;
    }
  }
  if (isDigit(at(m))) {
    i32 e = m;
    while (e < end && (isDigit(S[e]) || (S[e] == 46 && isDigit(at(e + 1))))) e++;
    if (e >= end || !alnumAt(e)) {
      rangeTo = m, rangeToLen = e - m, rangeToPrefixed = 1, rangeEndAt = e;
      return 1;
    }
  }
  return 0;
}

static i32 sectionIndex;

OUT_OF_LINE static i32 readCodes(i32 i, i32 end, i32 line, int strict) {
  refTop = nRefs;
  i32 lastEnd = -1;
  int first = 1;
  while (i < end) {
    i32 c = cpAt(i);
    i32 len = cpLen;
    if (c == SP || c == TAB || c == 44 || c == 59 || c == 47 || c == 38 || c == 42 || c == 95 || c == NBSP) {
      i += len;
      continue;
    }
    i32 n = codeLength(i, end);
    if (n > 0) {
      first = 0;
      i32 j = i + n;
      int range = 0;
      i32 k = j;
      while (k < end && (S[k] == SP || S[k] == TAB)) k++;
      if (k < end) {
        i32 dash = cpAt(k);
        if ((dash == 45 || dash == 0x2013) && rangeEnd(k + cpLen, end, i, n)) {
          range = 1;
          j = rangeEndAt;
        }
      }
      if (!reserve(&refv, &refCap, refTop + 1, REF_SIZE * 4, MAX_REFS)) {
        bail = KSB_FULL;
        return -1;
      }
      i32 *r = refv + refTop++ * REF_SIZE;
      r[REF_LINE] = line;
      r[REF_START] = units(base, i);
      r[REF_END] = r[REF_START] + units(i, j);
      r[REF_TEXT] = (i32)(uintptr_t)(S + i); /* addresses: front matter is read from a copy */
      r[REF_TEXT_LEN] = j - i;
      r[REF_FROM_LEN] = n;
      r[REF_TO] = range ? (i32)(uintptr_t)(S + rangeTo) : -1;
      r[REF_TO_LEN] = range ? rangeToLen : 0;
      r[REF_TO_PREFIXED] = range ? rangeToPrefixed : 0;
      r[REF_ID] = intern(S + i, j - i);
      lastEnd = j;
      i = j;
      continue;
    }
    if (c == 97 && startsWith(i, "and", 3) && (i + 3 >= end || !alnumAt(i + 3)) && (i == 0 || !alnumBefore(i))) {
      i += 3;
      continue;
    }
    if (strict && first && (c == 75 || c == 107)) {
      /* /^ksbs?:?/i on the next five characters at most */
      i32 lim = end < i + 5 ? end : i + 5;
      if (i + 3 <= lim && lower(S[i + 1]) == 's' && lower(S[i + 2]) == 'b') {
        i32 m = 3;
        if (i + m < lim && lower(S[i + m]) == 's') m++;
        if (i + m < lim && S[i + m] == 58) m++;
        if (i + m >= end || !alnumAt(i + m)) {
          first = 0;
          i += m;
          continue;
        }
      }
    }
    if (strict) {
      refTop = nRefs;
      return -1;
    }
    break;
  }
  if (refTop > nRefs) return lastEnd;
  refTop = nRefs;
  return -1;
}

static void addTag(i32 form, i32 line, i32 start, i32 end) {
  if (!reserve(&tagv, &tagCap, nTags + 1, TAG_SIZE * 4, MAX_TAGS)) {
    bail = KSB_FULL;
    return;
  }
  i32 *t = tagv + nTags++ * TAG_SIZE;
  t[TAG_FORM] = form;
  t[TAG_LINE] = line;
  t[TAG_START] = units(base, start);
  t[TAG_END] = t[TAG_START] + units(start, end);
  t[TAG_START_B] = start;
  t[TAG_END_B] = end;
  t[TAG_REF_FIRST] = nRefs;
  t[TAG_REF_COUNT] = refTop - nRefs;
  t[TAG_SECTION] = sectionIndex;
  nRefs = refTop;
}

/* ---- comments --------------------------------------------------------------------------------- */

static int ignoreFile;

/** Whether the input in [from, to) is `word` once lower-cased (only the Kelvin sign lower-cases to an ASCII letter). */
static int lowerEquals(i32 from, i32 to, const char *word, i32 n) {
  i32 k = 0;
  for (i32 p = from; p < to;) {
    i32 c = cpAt(p);
    p += cpLen;
    if (c == 0x212a) c = 'k';
    else if (c >= 128) return 0;
    else c = lower(c);
    if (k >= n || c != (u8)word[k]) return 0;
    k++;
  }
  return k == n;
}

OUT_OF_LINE static void readComment(i32 from, i32 to, i32 line) {
  /* the body, trimmed as String.prototype.trim does */
  i32 a = from, b = to;
  while (a < b) {
    i32 c = cpAt(a);
    if (!isJsSpace(c)) break;
    a += cpLen;
  }
  while (b > a) {
    i32 q = b - 1;
    while (q > a && (S[q] & 0xc0) == 0x80) q--;
    if (!isJsSpace(cpAt(q))) break;
    b = q;
  }
  if (lowerEquals(a, b, "ksb-ignore", 10)) {
    sec[sectionIndex * SEC_SIZE + SEC_IGNORED] = 1;
    return;
  }
  if (lowerEquals(a, b, "ksb-ignore-file", 15)) {
    ignoreFile = 1;
    return;
  }
  /* COMMENT_LABEL: ^\s*ksbs?\b[ \t]*:? (ASCII case-insensitive) */
  i32 p = from;
  while (p < to && spaceAt(p)) p += cpLen;
  if (!(p + 3 <= to && lower(S[p]) == 'k' && lower(S[p + 1]) == 's' && lower(S[p + 2]) == 'b')) return;
  p += 3;
  if (p < to && lower(S[p]) == 's' && !(p + 1 < to && isWordChar(S[p + 1]))) p++;
  else if (p < to && isWordChar(S[p])) return;
  while (p < to && (S[p] == SP || S[p] == TAB)) p++;
  if (p < to && S[p] == 58) p++;
  i32 end = readCodes(p, to, line, 0);
  if (end >= 0) addTag(FORM_COMMENT, line, from, end);
}

static int commentOpen;

OUT_OF_LINE static void readHtmlLine(i32 from, i32 lineEnd, i32 line) {
  base = starts[line];
  i32 i = from;
  while (i < lineEnd) {
    if (commentOpen) {
      i32 close = find("-->", 3, i, lineEnd);
      readComment(i, close < 0 ? lineEnd : close, line);
      if (close < 0) return;
      commentOpen = 0;
      i = close + 3;
    }
    i32 open = find("<!--", 4, i, lineEnd);
    if (open < 0) return;
    commentOpen = 1;
    i = open + 4;
  }
}

/* ---- inline prose ----------------------------------------------------------------------------- */

enum { LABEL_AT_START = 1, TABLE_ROW = 2, PARAGRAPH = 4 };

static i32 labelFrom;

/** A character of a label word: not white space, not : * _ | [ ] ( ) < > ` */
static int labelWordChar(i32 p) {
  i32 c = cpAt(p);
  if (c < 0) return 0;
  if (c < 128) {
    switch (c) {
    case 58: case 42: case 95: case 124: case 91: case 93: case 40: case 41: case 60: case 62: case 96:
      return 0;
    }
  }
  return !isJsSpace(c);
}

OUT_OF_LINE static i32 tryLabel(i32 i, i32 end, i32 line) {
  /* KSB_BEFORE_COLON: a colon within 80 characters (before any line break), "ksb" before it */
  {
    i32 p = i, n = 0;
    while (p < N && S[p] != 58 && S[p] != 13 && S[p] != 10) {
      if ((S[p] & 0xc0) != 0x80) n += S[p] >= 0xf0 ? 2 : 1;
      p++;
    }
    if (p >= N || S[p] != 58 || n > 80) return -1;
    int found = 0;
    for (i32 q = i; q + 3 <= p; q++)
      if (lower(S[q]) == 'k' && lower(S[q + 1]) == 's' && lower(S[q + 2]) == 'b') {
        found = 1;
        break;
      }
    if (!found) return -1;
  }
  /* LABEL, sticky at i */
  i32 p = i;
  while (p < N && (S[p] == SP || S[p] == TAB)) p++;
  {
    i32 r = 0;
    while (p + r < N && (S[p + r] == 42 || S[p + r] == 95)) r++;
    if (r > 3) return -1;
    if (r > 0) {
      p += r;
      while (p < N && (S[p] == SP || S[p] == TAB)) p++;
    }
  }
  int words = 0, ksbWord = 0;
  for (;;) {
    i32 w = p;
    while (labelWordChar(p)) p += cpLen;
    if (p == w) return -1;
    words++;
    i32 wl = p - w;
    if ((wl == 3 || wl == 4) && lower(S[w]) == 'k' && lower(S[w + 1]) == 's' && lower(S[w + 2]) == 'b' && (wl == 3 || lower(S[w + 3]) == 's')) ksbWord = 1;
    if (words == 4) break;
    i32 s = p;
    while (s < N && (S[s] == SP || S[s] == TAB)) s++;
    if (s > p && labelWordChar(s)) {
      p = s;
      continue;
    }
    break;
  }
  while (p < N && (S[p] == SP || S[p] == TAB)) p++;
  {
    i32 r = 0;
    while (p + r < N && (S[p + r] == 42 || S[p + r] == 95)) r++;
    if (r > 3) return -1;
    p += r;
  }
  while (p < N && (S[p] == SP || S[p] == TAB)) p++;
  if (at(p) != 58) return -1;
  p++;
  while (p < N && (S[p] == SP || S[p] == TAB)) p++;
  {
    i32 r = 0;
    while (p + r < N && (S[p + r] == 42 || S[p + r] == 95)) r++;
    if (r >= 1 && r <= 3) p += r;
  }
  if (p > end || !ksbWord) return -1;
  i32 codesEnd = readCodes(p, end, line, 0);
  if (codesEnd < 0) return -1;
  i32 start = i;
  while (at(start) == SP || at(start) == TAB) start++;
  addTag(FORM_LABEL, line, start, codesEnd);
  return codesEnd;
}

static i32 closeOf(i32 i, i32 end, i32 close) {
  for (i32 j = i + 1; j < end; j++) {
    i32 c = S[j];
    if (c == close) return j;
    if (c == 91 || c == 40 || c == 93 || c == 41 || c == 96 || c == 10) return -1;
  }
  return -1;
}

static i32 balancedEnd(i32 i, i32 end, i32 open, i32 close) {
  i32 depth = 0;
  for (i32 j = i; j < end; j++) {
    i32 c = S[j];
    if (c == 92) j++;
    else if (c == open) depth++;
    else if (c == close && --depth == 0) return j;
  }
  return -1;
}
static i32 destinationEnd(i32 i, i32 end) {
  i32 close = balancedEnd(i, end, 40, 41);
  return close < 0 ? -1 : close + 1;
}

OUT_OF_LINE static i32 labelAt(i32 colon, i32 to, i32 line) {
  i32 from = labelFrom;
  labelFrom = -1;
  /* a label is at most 80 UTF-16 units: past 240 bytes it cannot be (a unit takes at most 3) */
  if (from < 0 || colon - from > 240 || units(from, colon) > 80) return -1;
  i32 e = tryLabel(from, to, line);
  if (e < 0) return -1;
  skimWords = 0;
  skimCounted = 0;
  while (nBare > 0 && barev[(nBare - 1) * BARE_SIZE + BARE_LINE] == line && barev[(nBare - 1) * BARE_SIZE + BARE_OFF] >= from) nBare--;
  return e;
}

OUT_OF_LINE static i32 codeSpanAt(i32 i, i32 to, i32 flags) {
  i32 n = 1;
  while (at(i + n) == 96) n++;
  i32 j = i + n;
  while ((j = findByte(96, j, to)) >= 0) {
    i32 m = 1;
    while (at(j + m) == 96) m++;
    if (m == n) {
      skimCounted = 0;
      return j + n;
    }
    j += m;
  }
  if (flags & PARAGRAPH) {
    /* the span may close on a later line of the paragraph: left to the JS reader */
    bail = KSB_BAIL;
    return -1;
  }
  return i + n;
}

OUT_OF_LINE static i32 escapeAt(i32 i, i32 to, i32 line) {
  if (labelFrom >= 0 && at(i + 1) == 58) {
    i32 e = labelAt(i + 1, to, line);
    if (e >= 0) return e;
  }
  if (i + 1 < to) {
    i32 c = cpAt(i + 1);
    i32 len = cpLen;
    if (isAlnum(c)) countWord();
    return i + 1 + len;
  }
  return i + 2;
}

/** /^<(?:scheme:…|email@…|\/?tag(?:\s[^<>]*)?\/?)>$/ on the input in [i, gt] (gt: the first `>`). */
OUT_OF_LINE static int autolinkOrTag(i32 i, i32 gt) {
  i32 a = i + 1;
  /* scheme: a letter, 1-31 of [A-Za-z0-9+.-], ':', no white space or < > */
  if (a < gt && ((S[a] | 32) >= 97 && (S[a] | 32) <= 122)) {
    i32 k = a + 1;
    while (k < gt && S[k] < 128 && (asciiAlnum[S[k]] || S[k] == 43 || S[k] == 46 || S[k] == 45)) k++;
    if (k - (a + 1) >= 1 && k - (a + 1) <= 31 && k < gt && S[k] == 58) {
      int ok = 1;
      for (i32 p = k + 1; p < gt; p += cpLen)
        if (isJsSpace(cpAt(p)) || S[p] == 60) {
          ok = 0;
          break;
        }
      if (ok) return 1;
    }
  }
  /* email: [^\s<>@]+@[^\s<>]+ */
  {
    i32 p = a;
    while (p < gt && S[p] != 64 && S[p] != 60 && !isJsSpace(cpAt(p))) p += cpLen;
    if (p > a && p < gt && S[p] == 64) {
      i32 q = p + 1;
      while (q < gt && S[q] != 60 && !isJsSpace(cpAt(q))) q += cpLen;
      if (q == gt && gt > p + 1) return 1;
    }
  }
  /* tag: \/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/? */
  {
    i32 p = a;
    if (p < gt && S[p] == 47) p++;
    if (p < gt && ((S[p] | 32) >= 97 && (S[p] | 32) <= 122)) {
      p++;
      while (p < gt && (S[p] < 128 && (asciiAlnum[S[p]] || S[p] == 45))) p++;
      if (p == gt) return 1;
      if (S[p] == 47 && p + 1 == gt) return 1;
      if (isJsSpace(cpAt(p))) {
        for (i32 q = p; q < gt; q++)
          if (S[q] == 60) return 0;
        return 1;
      }
    }
  }
  return 0;
}

OUT_OF_LINE static i32 angleAt(i32 i, i32 to, i32 line, i32 flags) {
  if (startsWith(i, "<!--", 4)) {
    skimCounted = 0;
    i32 close = find("-->", 3, i + 4, to);
    readComment(i + 4, close < 0 ? to : close, line);
    if (close < 0) {
      commentOpen = 1;
      return -1;
    }
    return close + 3;
  }
  i32 gt = findByte(62, i + 1, to);
  if (gt > 0 && autolinkOrTag(i, gt)) {
    int autolink = 0;
    if (at(i + 1) != 47) {
      /* /^<[^\s<>]+[:@]/ */
      for (i32 p = i + 1; p <= gt; p += cpLen) {
        i32 c = cpAt(p);
        if (c == 60 || c == 62 || isJsSpace(c)) break;
        if ((c == 58 || c == 64) && p > i + 1) {
          autolink = 1;
          break;
        }
      }
    }
    skimCounted = 0;
    if (autolink) skimWords++;
    return gt + 1;
  }
  if (flags & PARAGRAPH) {
    /* /^<[A-Za-z][A-Za-z0-9-]*\s/ on at most 34 characters and a space: a tag that may end on a later line */
    i32 lim = to < i + 34 ? to : i + 34;
    i32 p = i + 1;
    if (p < lim && ((S[p] | 32) >= 97 && (S[p] | 32) <= 122)) {
      p++;
      while (p < lim && S[p] < 128 && (asciiAlnum[S[p]] || S[p] == 45)) p++;
      if (p >= lim || spaceAt(p)) {
        bail = KSB_BAIL;
        return -1;
      }
    }
  }
  return i + 1;
}

OUT_OF_LINE static i32 imageAt(i32 i, i32 to) {
  if (at(i + 1) == 91) {
    i32 close = balancedEnd(i + 1, to, 91, 93);
    if (close > 0 && close < to && at(close + 1) == 40) {
      i32 e = destinationEnd(close + 1, to);
      if (e > 0) {
        skimCounted = 0;
        return e;
      }
    }
  }
  return i + 1;
}

OUT_OF_LINE static i32 bracketAt(i32 i, i32 to, i32 line, i32 c) {
  if (c == 91 && at(i + 1) == 94) {
    i32 close = findByte(93, i, to);
    if (close > 0) {
      skimCounted = 0;
      return close + 1;
    }
  }
  i32 close = closeOf(i, to, c == 91 ? 93 : 41);
  if (close > 0 && nPrefixes > 0) {
    i32 e = readCodes(i + 1, close, line, 1);
    if (e >= 0) {
      skimCounted = 0;
      addTag(FORM_BRACKET, line, i, close + 1);
      if (c == 91 && at(close + 1) == 40) {
        i32 d = destinationEnd(close + 1, to);
        if (d > 0) return d;
      }
      return close + 1;
    }
  }
  return i + 1;
}

OUT_OF_LINE static i32 closeBracketAt(i32 i, i32 to) {
  if (at(i + 1) == 40) {
    i32 e = destinationEnd(i + 1, to);
    if (e > 0) {
      skimCounted = 0;
      return e;
    }
  } else if (at(i + 1) == 91) {
    i32 close = findByte(93, i + 2, to);
    if (close > 0) {
      skimCounted = 0;
      return close + 1;
    }
  }
  return i + 1;
}

OUT_OF_LINE static i32 wordAt(i32 i, i32 to, i32 line, i32 c) {
  if (!(c < 128 ? asciiAlnum[c] : isAlnum(c))) return i + 1;
  if (isUpper(c) && prefixFirst[c] && (i == 0 || !alnumBefore(i))) {
    i32 n = codeLength(i, to);
    if (n > 0) {
      if (!reserve(&barev, &bareCap, nBare + 1, BARE_SIZE * 4, MAX_BARE)) {
        bail = KSB_FULL;
        return to;
      }
      i32 *b = barev + nBare++ * BARE_SIZE;
      b[BARE_LINE] = line;
      b[BARE_START] = units(base, i);
      b[BARE_END] = b[BARE_START] + n;
      b[BARE_OFF] = i;
      b[BARE_ID] = intern(S + i, n);
      b[BARE_LEN] = n;
      b[BARE_SECTION] = sectionIndex;
    }
  }
  countWord();
  i++;
  while (i < to) {
    i32 d = cpAt(i);
    if (isAlnum(d)) i += cpLen;
    else break;
  }
  return i;
}

static i32 scanInline(i32 line, i32 from, i32 to, i32 flags) {
  base = starts[line];
  skimWords = 0;
  skimCounted = 0;
  i32 i = from;
  if (commentOpen) {
    i32 close = find("-->", 3, i, to);
    readComment(i, close < 0 ? to : close, line);
    if (close < 0) return 0;
    commentOpen = 0;
    i = close + 3;
  }
  labelFrom = -1;
  if (flags & (LABEL_AT_START | TABLE_ROW)) {
    i32 k = i;
    while (k < to && (S[k] == SP || S[k] == TAB)) k++;
    if (flags & TABLE_ROW && at(k) == 124) k++;
    labelFrom = k;
  }
  while (i < to) {
    i = skim(i, to);
    if (i >= to) break;
    i32 c = S[i];
    switch (c) {
    case 96:
      i = codeSpanAt(i, to, flags);
      if (i < 0) return skimWords;
      continue;
    case 58: {
      i32 e = labelAt(i, to, line);
      i = e >= 0 ? e : i + 1;
      continue;
    }
    case 92:
      i = escapeAt(i, to, line);
      continue;
    case 60:
      i = angleAt(i, to, line, flags);
      if (i < 0) return skimWords;
      continue;
    case 33:
      i = imageAt(i, to);
      continue;
    case 91:
    case 40:
      i = bracketAt(i, to, line, c);
      continue;
    case 93:
      i = closeBracketAt(i, to);
      continue;
    case 124:
      if (flags & TABLE_ROW) {
        skimCounted = 0;
        labelFrom = i + 1;
      }
      i++;
      continue;
    default:
      i = wordAt(i, to, line, c);
    }
  }
  return flags & TABLE_ROW ? 0 : skimWords;
}

/* ---- blocks ----------------------------------------------------------------------------------- */

enum { B_NONE, B_PARAGRAPH, B_TABLE, B_FENCE, B_HTML };
enum { END_BLANK, END_COMMENT, END_PI, END_CDATA, END_DECL, END_RAW };

static i32 stackIndent[MAX_STACK];
static u8 stackQuote[MAX_STACK], stackBare[MAX_STACK];
static i32 depth;
#define CLOSED_INDENT 0x7fffffff

static i32 block, blockDepth, fenceChar, fenceLength, htmlEnd;
static i32 paraLine, paraWords, paraLastWords, paraTags, paraBare, paraLines;
static i32 headings;

static i32 *secAt(i32 s) { return sec + s * SEC_SIZE; }

static void newSection(i32 level, i32 line) {
  if (!reserve(&sec, &secCap, nSec + 1, SEC_SIZE * 4, MAX_SECTIONS)) {
    bail = KSB_FULL;
    nSec--; /* overwrite the last: the result is thrown away */
  }
  i32 *s = secAt(nSec++);
  for (i32 k = 0; k < SEC_SIZE; k++) s[k] = 0;
  s[SEC_LEVEL] = level;
  s[SEC_LINE] = line;
  s[SEC_END_LINE] = line;
  s[SEC_ID] = -1;
  sectionIndex = nSec - 1;
}

static void closeParagraph(void) {
  if (block == B_PARAGRAPH) secAt(sectionIndex)[SEC_WORDS] += paraWords;
  if (block == B_PARAGRAPH || block == B_TABLE) {
    block = B_NONE;
    commentOpen = 0;
  }
  paraLine = -1;
}

static void startHeading(i32 level, i32 line) {
  i32 *s = secAt(sectionIndex);
  s[SEC_END_LINE] = s[SEC_LINE] > line - 1 ? s[SEC_LINE] : line - 1;
  headings++;
  newSection(level, line);
}

static void putStr(i32 from, i32 to) {
  if (to <= from) return;
  if (!reserve(&strv, &strCap, nStr + (to - from), 1, MAX_STR)) {
    bail = KSB_FULL;
    return;
  }
  for (i32 p = from; p < to; p++) strv[nStr++] = S[p];
}
/** The text of line `line` in [from, to) without the tags on it (from tag index tagsFrom), into strv. */
static void putWithoutTags(i32 from, i32 to, i32 line, i32 tagsFrom) {
  i32 i = from;
  for (i32 t = tagsFrom; t < nTags; t++) {
    i32 *tag = tagv + t * TAG_SIZE;
    if (tag[TAG_LINE] != line) continue;
    putStr(i, tag[TAG_START_B]);
    i = tag[TAG_END_B];
  }
  putStr(i, to);
}

static u8 headingScratch[1 << 16];

/** A code point's length from its first byte. */
static inline i32 utf8Length(u8 c) { return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4; }
/** JavaScript's \s at b[k] (in a buffer that holds whole characters); *len gets its length. */
static int spaceIn(const u8 *b, i32 k, i32 *len) {
  u8 c = b[k];
  *len = utf8Length(c);
  if (c < 0x80) return c == 32 || (c >= 9 && c <= 13);
  i32 cp = *len == 2 ? ((c & 0x1f) << 6) | (b[k + 1] & 0x3f) : *len == 3 ? ((c & 0x0f) << 12) | ((b[k + 1] & 0x3f) << 6) | (b[k + 2] & 0x3f) : 0x10000;
  return isJsSpace(cp);
}

/**
 * cleanHeading() of analyze.ts on the heading text at strv[at, at + len): comments dropped
 * (<!--.*?--> with no line terminator inside), white space collapsed where there are two spaces
 * or a tab, trimmed. Returns its interned number, or -1 (too long, or the table is full: the JS
 * side cleans the raw text).
 */
static i32 cleanHeading(i32 at, i32 len) {
  if (len > (i32)sizeof headingScratch) return -1;
  const u8 *in = strv + at;
  u8 *out = headingScratch;
  i32 n = 0;
  int hasComment = 0;
  for (i32 k = 0; k + 4 <= len; k++)
    if (in[k] == '<' && in[k + 1] == '!' && in[k + 2] == '-' && in[k + 3] == '-') {
      hasComment = 1;
      break;
    }
  if (hasComment) {
    for (i32 k = 0; k < len;) {
      if (k + 4 <= len && in[k] == '<' && in[k + 1] == '!' && in[k + 2] == '-' && in[k + 3] == '-') {
        i32 e = -1;
        for (i32 q = k + 4; q < len; q++) {
          u8 c = in[q];
          if (c == 10 || c == 13 || (c == 0xe2 && q + 2 < len && in[q + 1] == 0x80 && (in[q + 2] == 0xa8 || in[q + 2] == 0xa9))) break;
          if (c == '-' && q + 2 < len && in[q + 1] == '-' && in[q + 2] == '>') {
            e = q;
            break;
          }
        }
        if (e >= 0) {
          k = e + 3;
          continue;
        }
      }
      out[n++] = in[k++];
    }
  } else {
    for (i32 k = 0; k < len; k++) out[n++] = in[k];
  }
  int collapse = 0;
  for (i32 k = 0; k < n; k++)
    if (out[k] == 9 || (out[k] == 32 && k + 1 < n && out[k + 1] == 32)) {
      collapse = 1;
      break;
    }
  if (collapse) {
    i32 m = 0;
    for (i32 k = 0; k < n;) {
      i32 l;
      if (spaceIn(out, k, &l)) {
        while (k < n && spaceIn(out, k, &l)) k += l;
        out[m++] = ' ';
      } else {
        for (i32 x = 0; x < l; x++) out[m++] = out[k + x];
        k += l;
      }
    }
    n = m;
  }
  i32 a = 0, b = n, l;
  while (a < b && spaceIn(out, a, &l)) a += l;
  while (b > a) {
    i32 q = b - 1;
    while (q > a && (out[q] & 0xc0) == 0x80) q--;
    if (!spaceIn(out, q, &l)) break;
    b = q;
  }
  return intern(out + a, b - a);
}

static i32 wsPos, wsCol;
static i32 LE; /* end of the line being read by readBlockLine */
static inline i32 atl(i32 p) { return p < LE ? S[p] : -1; }

static i32 advance(i32 p, i32 col, i32 n) {
  i32 target = n == CLOSED_INDENT ? CLOSED_INDENT : col + n;
  i32 c0 = col;
  while (p < LE && c0 < target) {
    i32 c = S[p];
    if (c == SP) c0++;
    else if (c == TAB) c0 += 4 - (c0 % 4);
    else break;
    p++;
  }
  wsPos = p;
  wsCol = c0;
  return c0 - col;
}
static i32 measure(i32 p, i32 col) { return advance(p, col, CLOSED_INDENT); }

static i32 listMarker(i32 i) {
  i32 c = atl(i);
  i32 k = i;
  if (c == 45 || c == 43 || c == 42) k = i + 1;
  else if (isDigit(c)) {
    while (isDigit(atl(k)) && k - i < 9) k++;
    i32 d = atl(k);
    if (d != 46 && d != 41) return 0;
    k++;
  } else return 0;
  i32 after = atl(k);
  return k == LE || after == SP || after == TAB ? k - i : 0;
}

static int isThematicBreak(i32 i) {
  i32 c = atl(i);
  if (c != 42 && c != 45 && c != 95) return 0;
  i32 n = 0;
  for (i32 k = i; k < LE; k++) {
    i32 d = S[k];
    if (d == c) n++;
    else if (d != SP && d != TAB) return 0;
  }
  return n >= 3;
}

/** /^0*1[.)]/ on a list marker in [q, end). */
static int startsAtOne(i32 q, i32 end) {
  i32 k = q;
  while (k < end && S[k] == 48) k++;
  return k + 1 < end && S[k] == 49 && (S[k + 1] == 46 || S[k + 1] == 41);
}

static const char *HTML1_NAMES[] = {"script", "pre", "style", "textarea", 0};
static const char *HTML6_NAMES[] = {"address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col", "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol", "optgroup", "option", "p", "param", "search", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "track", "ul", 0};

/** HTML_1: ^<(?:script|pre|style|textarea)(?:[\s>]|$)  (i) */
OUT_OF_LINE static int html1(i32 q) {
  if (atl(q) != 60) return 0;
  for (const char **n = HTML1_NAMES; *n; n++) {
    i32 k = 0;
    while ((*n)[k] && q + 1 + k < LE && lower(S[q + 1 + k]) == (u8)(*n)[k]) k++;
    if (!(*n)[k]) {
      i32 p = q + 1 + k;
      if (p == LE || S[p] == 62 || isJsSpace(cpAt(p))) return 1;
    }
  }
  return 0;
}
/** HTML_6: ^<\/?(?:names)(?:[\s>]|\/>|$)  (i) */
OUT_OF_LINE static int html6(i32 q) {
  if (atl(q) != 60) return 0;
  i32 p = q + 1;
  if (atl(p) == 47) p++;
  /* the alternation tries each name; a name is followed by [\s>], />, or the end */
  for (const char **n = HTML6_NAMES; *n; n++) {
    i32 k = 0;
    while ((*n)[k] && p + k < LE && lower(S[p + k]) == (u8)(*n)[k]) k++;
    if ((*n)[k]) continue;
    i32 e = p + k;
    if (e == LE || S[e] == 62 || (S[e] == 47 && atl(e + 1) == 62) || isJsSpace(cpAt(e))) return 1;
  }
  return 0;
}
static int isAsciiLetter(i32 c) { return c >= 0 && ((c | 32) >= 97 && (c | 32) <= 122); }
static i32 skipJsSpaces(i32 p) {
  while (p < LE && spaceAt(p)) p += cpLen;
  return p;
}
/** HTML_7: a whole-line open or closing tag. */
OUT_OF_LINE static int html7(i32 q) {
  if (atl(q) != 60) return 0;
  i32 p = q + 1;
  if (atl(p) == 47) {
    p++;
    if (!isAsciiLetter(atl(p))) return 0;
    p++;
    while (p < LE && S[p] < 128 && (asciiAlnum[S[p]] || S[p] == 45)) p++;
    p = skipJsSpaces(p);
    if (atl(p) != 62) return 0;
    return skipJsSpaces(p + 1) == LE;
  }
  if (!isAsciiLetter(atl(p))) return 0;
  p++;
  while (p < LE && S[p] < 128 && (asciiAlnum[S[p]] || S[p] == 45)) p++;
  for (;;) {
    /* (?:\s+ name (?:\s*=\s* value)?)* */
    i32 s = skipJsSpaces(p);
    if (s > p) {
      i32 c = atl(s);
      if (isAsciiLetter(c) || c == 95 || c == 58) {
        i32 a = s + 1;
        while (a < LE && (isWordChar(S[a]) || S[a] == 46 || S[a] == 58 || S[a] == 45)) a++;
        p = a;
        i32 e = skipJsSpaces(a);
        if (atl(e) == 61) {
          i32 v = skipJsSpaces(e + 1);
          i32 d = atl(v);
          if (d == 39 || d == 34) {
            i32 close = findByte(d, v + 1, LE);
            if (close < 0) return 0;
            p = close + 1;
          } else {
            i32 w = v;
            while (w < LE) {
              i32 x = cpAt(w);
              if (isJsSpace(x) || x == 34 || x == 39 || x == 61 || x == 60 || x == 62 || x == 96) break;
              w += cpLen;
            }
            if (w == v) return 0;
            p = w;
          }
        }
        continue;
      }
    }
    break;
  }
  p = skipJsSpaces(p);
  if (atl(p) == 47) p++;
  if (atl(p) != 62) return 0;
  return skipJsSpaces(p + 1) == LE;
}

/** startsBlock() of analyze.ts on the current line. */
OUT_OF_LINE static int startsBlock(i32 p, i32 col, int tip) {
  i32 c0 = col;
  i32 q = p;
  while (q < LE && (S[q] == SP || S[q] == TAB)) {
    c0 += S[q] == TAB ? 4 - (c0 % 4) : 1;
    q++;
  }
  if (c0 - col >= 4) return 0;
  i32 c = atl(q);
  if (c == 62) return 1;
  if (c == 35) {
    /* /^#{1,6}(?:[ \t]|$)/ */
    i32 k = q;
    while (atl(k) == 35 && k - q < 7) k++;
    if (k - q <= 6 && (k == LE || S[k] == SP || S[k] == TAB)) return 1;
  }
  if ((c == 96 || c == 126) && atl(q + 1) == c && atl(q + 2) == c) return 1;
  if (isThematicBreak(q)) return 1;
  i32 m = listMarker(q);
  if (m > 0 && (!tip || (!isBlank(q + m, LE) && (!isDigit(c) || startsAtOne(q, q + m))))) return 1;
  if (c == 60) {
    if (html1(q) || startsWith(q, "<!--", 4) || startsWith(q, "<?", 2) || (atl(q + 1) == 33 && isAsciiLetter(atl(q + 2))) || startsWith(q, "<![CDATA[", 9) || html6(q)) return 1;
  }
  return 0;
}

/** TABLE_DELIMITER: ^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$ on [q, LE). */
OUT_OF_LINE static int tableDelimiter(i32 q) {
  i32 p = q;
  if (atl(p) == 124) p++;
  p = skipJsSpaces(p);
  if (atl(p) == 58) p++;
  if (atl(p) != 45) return 0;
  while (atl(p) == 45) p++;
  if (atl(p) == 58) p++;
  p = skipJsSpaces(p);
  while (atl(p) == 124) {
    i32 k = skipJsSpaces(p + 1);
    if (atl(k) == 58) k++;
    if (atl(k) != 45) return skipJsSpaces(p + 1) == LE; /* the closing pipe */
    while (atl(k) == 45) k++;
    if (atl(k) == 58) k++;
    p = skipJsSpaces(k);
  }
  return p == LE;
}

/** LINK_REFERENCE_DEFINITION on [p, LE): ` {0,3}[label]: destination "title"` and nothing more. */
static int titleThenEnd(i32 p) {
  /* (?:[ \t]+(?:"[^"]*"|'[^']*'|\([^)]*\)))?[ \t]*$ */
  i32 s = p;
  while (s < LE && (S[s] == SP || S[s] == TAB)) s++;
  if (s == LE) return 1;
  if (s > p) {
    i32 c = S[s];
    i32 close = c == 34 ? 34 : c == 39 ? 39 : c == 40 ? 41 : 0;
    if (close) {
      i32 e = findByte(close, s + 1, LE);
      if (e >= 0) {
        e++;
        while (e < LE && (S[e] == SP || S[e] == TAB)) e++;
        if (e == LE) return 1;
      }
    }
  }
  return 0;
}
OUT_OF_LINE static int linkReferenceDefinition(i32 p) {
  i32 k = p;
  while (k < LE && S[k] == SP && k - p < 3) k++;
  if (atl(k) != 91) return 0;
  k++;
  i32 labelStart = k;
  while (k < LE && S[k] != 93) {
    if (S[k] == 92) {
      if (k + 1 >= LE) return 0;
      i32 c = cpAt(k + 1);
      if (c == 13 || c == 10 || c == 0x2028 || c == 0x2029) return 0;
      k += 1 + cpLen;
    } else k++;
  }
  if (k == labelStart || k >= LE || atl(k + 1) != 58) return 0;
  k += 2;
  while (k < LE && (S[k] == SP || S[k] == TAB)) k++;
  if (atl(k) == 60) {
    i32 gt = findByte(62, k + 1, LE);
    if (gt >= 0 && titleThenEnd(gt + 1)) return 1;
  }
  i32 e = k;
  while (e < LE && !spaceAt(e)) e += cpLen;
  if (e == k) return 0;
  return titleThenEnd(e);
}

static i32 fmClosed;

/** Whether [p, p + n) is `word` in ASCII case. */
static int asciiCaseIs(i32 p, i32 end, const char *word, i32 n) {
  if (p + n > end) return 0;
  for (i32 k = 0; k < n; k++)
    if (lower(S[p + k]) != (u8)word[k]) return 0;
  return 1;
}

static void addFrontMatterTag(void) {
  addTag(FORM_FRONT_MATTER, 0, 0, 0);
  i32 *t = tagv + (nTags - 1) * TAG_SIZE;
  t[TAG_START] = 0, t[TAG_END] = 3, t[TAG_SECTION] = 0;
}

/**
 * readFrontMatter() of analyze.ts for the lines before `closed`: the `ksbs` and `evidence` keys.
 * It reads a copy in which YAML's quotes and brackets are spaces (columns kept), as the JS reader.
 */
OUT_OF_LINE static void readFrontMatter(i32 closed) {
  i32 len = ends[closed];
  if (!reserve(&strv, &strCap, len, 1, MAX_STR)) {
    bail = KSB_FULL;
    return;
  }
  for (i32 p = 0; p < len; p++) {
    u8 c = S[p];
    strv[p] = c == 34 || c == 39 || c == 91 || c == 93 ? SP : c;
  }
  nStr = len;
  const u8 *text = S;
  i32 textLength = N;
  S = strv, N = len;
  int inKsbs = 0;
  for (i32 line = 1; line < closed; line++) {
    i32 a = starts[line], e = ends[line];
    base = a;
    LE = e;
    /* FRONT_MATTER_KEY: ^(ksbs?|evidence)[ \t]*:[ \t]*(.*)$  (i) */
    i32 key = 0, p = a;
    if (asciiCaseIs(p, e, "evidence", 8)) key = 2, p += 8;
    else if (asciiCaseIs(p, e, "ksb", 3)) {
      key = 1, p += 3;
      if (p < e && lower(S[p]) == 's') p++;
    }
    if (key) {
      while (p < e && (S[p] == SP || S[p] == TAB)) p++;
      if (p < e && S[p] == 58) {
        p++;
        while (p < e && (S[p] == SP || S[p] == TAB)) p++;
        /* `.` does not match a line terminator */
        for (i32 q = p; q < e; q += cpLen) {
          i32 c = cpAt(q);
          if (c == 13 || c == 0x2028 || c == 0x2029) {
            key = 0;
            break;
          }
        }
      } else key = 0;
    }
    if (key) {
      inKsbs = 0;
      if (key == 2) {
        i32 v = p, w = e;
        while (v < w && spaceAt(v)) v += cpLen;
        while (w > v) {
          i32 q = w - 1;
          while (q > v && (S[q] & 0xc0) == 0x80) q--;
          if (!spaceAt(q)) break;
          w = q;
        }
        if (lowerEquals(v, w, "report", 6)) header[H_EVIDENCE] = 1;
        else if (lowerEquals(v, w, "portfolio", 9)) header[H_EVIDENCE] = 2;
      } else {
        inKsbs = 1;
        /* ^(?:[>|][+-]?\d*)?[ \t]*(?:#.*)?$ : a block scalar, a comment or nothing; the codes come on later lines */
        i32 q = p;
        if (q < e && (S[q] == 62 || S[q] == 124)) {
          q++;
          if (q < e && (S[q] == 43 || S[q] == 45)) q++;
          while (q < e && isDigit(S[q])) q++;
        }
        while (q < e && (S[q] == SP || S[q] == TAB)) q++;
        int later = q == e || S[q] == 35;
        if (!later && readCodes(p, e, line, 0) >= 0) addFrontMatterTag();
      }
    } else if (inKsbs && a < e && spaceAt(a)) {
      /* ^\s*-\s : a list item */
      i32 q = a;
      while (q < e && spaceAt(q)) q += cpLen;
      if (q < e && S[q] == 45 && q + 1 < e && spaceAt(q + 1)) {
        if (readCodes(findByte(45, a, e) + 1, e, line, 0) >= 0) addFrontMatterTag();
      } else if (readCodes(a, e, line, 0) >= 0) addFrontMatterTag();
    } else if (inKsbs && a < e && S[a] == 45 && a + 1 < e && spaceAt(a + 1)) {
      if (readCodes(a + 1, e, line, 0) >= 0) addFrontMatterTag();
    } else if (!(a < e && spaceAt(a))) inKsbs = 0;
    if (bail) break;
  }
  S = text, N = textLength;
  /* front-matter tags tag the whole file: one tag occurrence */
  if (nTags > 1) {
    i32 count = 0;
    for (i32 t = 0; t < nTags; t++) count += tagv[t * TAG_SIZE + TAG_REF_COUNT];
    tagv[TAG_REF_COUNT] = count;
    nTags = 1;
  }
}

OUT_OF_LINE static void setextHeading(i32 ln, i32 level) {
  i32 *prev = secAt(sectionIndex);
  prev[SEC_END_LINE] = prev[SEC_LINE] > paraLine - 1 ? prev[SEC_LINE] : paraLine - 1;
  headings++;
  i32 str = nStr;
  for (i32 l = paraLine; l < ln; l++) {
    putWithoutTags(starts[l], ends[l], l, paraTags);
    if (!reserve(&strv, &strCap, nStr + 1, 1, MAX_STR)) {
      bail = KSB_FULL;
      return;
    }
    strv[nStr++] = 10;
  }
  newSection(level, paraLine);
  i32 *s = secAt(sectionIndex);
  s[SEC_STR] = str;
  s[SEC_STR_LEN] = nStr - str;
  s[SEC_SETEXT] = 1;
  s[SEC_HEADING_WORDS] = paraWords;
  for (i32 t = paraTags; t < nTags; t++) tagv[t * TAG_SIZE + TAG_SECTION] = sectionIndex;
  for (i32 t = paraBare; t < nBare; t++) barev[t * BARE_SIZE + BARE_SECTION] = sectionIndex;
  block = B_NONE;
  paraLine = -1;
}

/** Whether the line holds an HTML end condition from p. */
static int htmlEnds(i32 p) {
  switch (htmlEnd) {
  case END_COMMENT: return find("-->", 3, p, LE) >= 0;
  case END_PI: return find("?>", 2, p, LE) >= 0;
  case END_CDATA: return find("]]>", 3, p, LE) >= 0;
  case END_DECL: return findByte(62, p, LE) >= 0;
  case END_RAW: {
    /* </(?:script|pre|style|textarea)> anywhere in the line */
    for (i32 k = p; k + 2 < LE; k++) {
      if (S[k] != 60 || S[k + 1] != 47) continue;
      for (const char **n = HTML1_NAMES; *n; n++) {
        i32 j = 0;
        while ((*n)[j] && k + 2 + j < LE && lower(S[k + 2 + j]) == (u8)(*n)[j]) j++;
        if (!(*n)[j] && atl(k + 2 + j) == 62) return 1;
      }
    }
    return 0;
  }
  }
  return 0;
}

static void paragraphText(i32 ln, i32 q, i32 to) {
  if (block != B_PARAGRAPH) {
    block = B_PARAGRAPH;
    paraLine = ln;
    paraWords = 0;
    paraTags = nTags;
    paraBare = nBare;
    paraLines = 0;
  }
  paraLastWords = scanInline(ln, q, to, LABEL_AT_START | PARAGRAPH);
  paraWords += paraLastWords;
  paraLines++;
}

OUT_OF_LINE static int htmlBlockStarts(i32 q, i32 ln, i32 lineStart) {
  i32 end;
  if (html1(q)) end = END_RAW;
  else if (startsWith(q, "<!--", 4)) end = END_COMMENT;
  else if (startsWith(q, "<?", 2)) end = END_PI;
  else if (startsWith(q, "<![CDATA[", 9)) end = END_CDATA;
  else if (atl(q + 1) == 33 && isAsciiLetter(atl(q + 2))) end = END_DECL;
  else if (html6(q)) end = END_BLANK;
  else if (block != B_PARAGRAPH && html7(q)) end = END_BLANK;
  else return 0;
  closeParagraph();
  block = B_HTML;
  blockDepth = depth;
  htmlEnd = end;
  commentOpen = 0;
  readHtmlLine(q, LE, ln);
  i32 endFrom = end == END_RAW ? lineStart : end == END_COMMENT ? q + 4 : end == END_BLANK ? q : q + 2;
  if (end != END_BLANK && htmlEnds(endFrom)) {
    block = B_NONE;
    commentOpen = 0;
  }
  return 1;
}

OUT_OF_LINE static void readBlockLine(i32 ln) {
  i32 L0 = starts[ln];
  LE = ends[ln];
  i32 p = L0, col = 0;

  /* 1. which open containers does this line continue? */
  i32 matched = 0;
  for (; matched < depth; matched++) {
    if (stackQuote[matched]) {
      i32 n = measure(p, col);
      if (n <= 3 && atl(wsPos) == 62) {
        p = wsPos + 1;
        col = wsCol + 1;
        if (atl(p) == SP || atl(p) == TAB) advance(p, col, 1), (p = wsPos), (col = wsCol);
      } else break;
    } else {
      if (isBlank(p, LE)) {
        if (stackBare[matched]) stackIndent[matched] = CLOSED_INDENT;
        continue;
      }
      i32 n = measure(p, col);
      if (n >= stackIndent[matched]) {
        stackBare[matched] = 0;
        advance(p, col, stackIndent[matched]);
        p = wsPos;
        col = wsCol;
      } else break;
    }
  }

  /* 2. inside a fence or HTML block whose containers all continue */
  if ((block == B_FENCE || block == B_HTML) && matched >= blockDepth) {
    if (block == B_FENCE) {
      i32 n = measure(p, col);
      i32 c = atl(wsPos);
      if (n <= 3 && c == fenceChar) {
        i32 k = wsPos;
        while (atl(k) == fenceChar) k++;
        if (k - wsPos >= fenceLength && isBlank(k, LE)) block = B_NONE;
      }
      return;
    }
    if (htmlEnd == END_BLANK && isBlank(p, LE)) {
      block = B_NONE;
      return;
    }
    readHtmlLine(p, LE, ln);
    if (htmlEnd != END_BLANK && htmlEnds(htmlEnd == END_RAW ? L0 : p)) {
      block = B_NONE;
      commentOpen = 0;
    }
    return;
  }

  int restBlank = isBlank(p, LE);
  /* 3. a line that does not continue every container: lazy continuation, or close */
  if (matched < depth) {
    int lazy = block == B_PARAGRAPH && !restBlank && !startsBlock(p, col, 0);
    if (!lazy) {
      if (block == B_FENCE || block == B_HTML) {
        block = B_NONE;
        commentOpen = 0;
      }
      closeParagraph();
      depth = matched;
    }
  }
  if (block == B_FENCE || block == B_HTML) block = B_NONE;

  /* 4. new containers */
  for (;;) {
    i32 n = measure(p, col);
    if (n >= 4) break;
    i32 q = wsPos;
    i32 c = atl(q);
    if (c == 62) {
      if (block == B_PARAGRAPH && matched < depth) break;
      closeParagraph();
      if (depth >= MAX_STACK) {
        bail = KSB_FULL;
        return;
      }
      stackQuote[depth] = 1, stackIndent[depth] = 0, stackBare[depth] = 0, depth++;
      p = q + 1;
      col = wsCol + 1;
      if (atl(p) == SP || atl(p) == TAB) advance(p, col, 1), (p = wsPos), (col = wsCol);
      continue;
    }
    i32 marker = listMarker(q);
    if (marker == 0) break;
    if (isThematicBreak(q)) break;
    i32 afterMarker = q + marker;
    int emptyItem = isBlank(afterMarker, LE);
    if (block == B_PARAGRAPH) {
      if (emptyItem || (isDigit(c) && !startsAtOne(q, afterMarker))) break;
    }
    closeParagraph();
    i32 markerCol = wsCol + marker;
    i32 contentIndent;
    if (emptyItem) contentIndent = markerCol + 1 - col;
    else {
      i32 spaces = measure(afterMarker, markerCol);
      contentIndent = spaces >= 5 ? markerCol + 1 - col : markerCol + spaces - col;
    }
    if (depth >= MAX_STACK) {
      bail = KSB_FULL;
      return;
    }
    stackQuote[depth] = 0, stackIndent[depth] = contentIndent, stackBare[depth] = (u8)emptyItem, depth++;
    if (emptyItem) {
      p = LE;
      break;
    }
    advance(afterMarker, markerCol, contentIndent - (markerCol - col));
    p = wsPos;
    col = wsCol;
  }

  /* 5. the leaf block */
  if (isBlank(p, LE)) {
    closeParagraph();
    return;
  }
  i32 indent = measure(p, col);
  i32 q = wsPos;
  if (indent >= 4 && block != B_PARAGRAPH) {
    closeParagraph();
    return;
  }
  i32 c = atl(q);
  if (indent < 4) {
    if (c == 96 || c == 126) {
      i32 k = q;
      while (atl(k) == c) k++;
      if (k - q >= 3 && (c == 126 || findByte(96, k, LE) < 0)) {
        closeParagraph();
        block = B_FENCE;
        blockDepth = depth;
        fenceChar = c;
        fenceLength = k - q;
        return;
      }
    }
    if (c == 35) {
      i32 k = q;
      while (atl(k) == 35) k++;
      i32 level = k - q;
      if (level <= 6 && (k == LE || atl(k) == SP || atl(k) == TAB)) {
        closeParagraph();
        i32 end = LE;
        while (end > k && (S[end - 1] == SP || S[end - 1] == TAB)) end--;
        i32 h = end;
        while (h > k && S[h - 1] == 35) h--;
        if (h == k || S[h - 1] == SP || S[h - 1] == TAB) end = h;
        i32 tagsBefore = nTags;
        startHeading(level, ln);
        i32 words = scanInline(ln, k, end, LABEL_AT_START);
        commentOpen = 0;
        i32 *s = secAt(sectionIndex);
        s[SEC_STR] = nStr;
        putWithoutTags(k, end, ln, tagsBefore);
        s[SEC_STR_LEN] = nStr - s[SEC_STR];
        s[SEC_HEADING_WORDS] = words;
        s[SEC_ID] = cleanHeading(s[SEC_STR], s[SEC_STR_LEN]);
        return;
      }
    }
    if (block == B_PARAGRAPH && (c == 61 || c == 45) && matched == depth) {
      i32 k = q;
      while (atl(k) == c) k++;
      if (isBlank(k, LE)) {
        setextHeading(ln, c == 61 ? 1 : 2);
        return;
      }
    }
    if ((c == 42 || c == 45 || c == 95) && isThematicBreak(q)) {
      closeParagraph();
      return;
    }
    if (c == 60 && htmlBlockStarts(q, ln, L0)) return;
  }

  /* a table row or delimiter, or paragraph text */
  if (block == B_PARAGRAPH && paraLines == 1 && indent < 4 && (c == 124 || c == 58 || c == 45) && findByte(124, starts[paraLine], ends[paraLine]) >= 0 && tableDelimiter(q)) {
    paraWords -= paraLastWords;
    secAt(sectionIndex)[SEC_WORDS] += paraWords;
    block = B_TABLE;
    return;
  }
  if (block == B_TABLE) {
    scanInline(ln, q, LE, TABLE_ROW);
    return;
  }
  if (block == B_NONE && c == 91 && linkReferenceDefinition(p)) return;
  paragraphText(ln, q, LE);
}

static void readLine(i32 ln) {
  if (depth == 0 && block != B_FENCE && block != B_HTML) {
    i32 start = starts[ln];
    i32 end = ends[ln];
    if (start == end) {
      closeParagraph();
      return;
    }
    i32 c = S[start];
    if (block != B_TABLE && (c >= 128 || ((c | 32) >= 97 && (c | 32) <= 122))) {
      paragraphText(ln, start, end);
      return;
    }
  }
  readBlockLine(ln);
}

/* ---- UTF-8 validation and the line table: one pass ---------------------------------------------- */

/**
 * Checks the UTF-8 from p (where a character starts) to at least `to`, finishing the character
 * that runs past it, by TextDecoder's fatal mode; returns where it stopped (where a character
 * starts), or -1 where the bytes are not UTF-8.
 */
static int replacementSeen;

OUT_OF_LINE static i32 validUtf8Through(const u8 *s, i32 i, i32 to, i32 n) {
  while (i < to) {
    u8 c = s[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    if (c >= 0xc2 && c <= 0xdf) {
      if (i + 1 >= n || (s[i + 1] & 0xc0) != 0x80) return -1;
      i += 2;
    } else if (c >= 0xe0 && c <= 0xef) {
      if (i + 2 >= n) return -1;
      u8 c1 = s[i + 1];
      if ((c1 & 0xc0) != 0x80 || (s[i + 2] & 0xc0) != 0x80) return -1;
      if (c == 0xe0 && c1 < 0xa0) return -1;
      if (c == 0xed && c1 > 0x9f) return -1;
      if (c == 0xef && c1 == 0xbf && s[i + 2] == 0xbd) replacementSeen = 1;
      i += 3;
    } else if (c >= 0xf0 && c <= 0xf4) {
      if (i + 3 >= n) return -1;
      u8 c1 = s[i + 1];
      if ((c1 & 0xc0) != 0x80 || (s[i + 2] & 0xc0) != 0x80 || (s[i + 3] & 0xc0) != 0x80) return -1;
      if (c == 0xf0 && c1 < 0x90) return -1;
      if (c == 0xf4 && c1 > 0x8f) return -1;
      i += 4;
    } else return -1;
  }
  return i;
}

/**
 * The line table from `pos` (starts[], and ends[] without a line's CR; up to `half` lines, the
 * count in lineCount either way) and the UTF-8 check, in one pass 16 bytes at a time: these were
 * three passes, a fifth of the reader's time. Only blocks with a byte from 0x80 are checked byte
 * by byte (before one, every byte is ASCII, so a block starts where a character does).
 */
OUT_OF_LINE static i32 splitLines(i32 pos, i32 half) {
  i32 checked = 0; /* the bytes before are UTF-8 */
  i32 count = 0;
  i32 i = 0;
#define LINE_AT(nl)                                                     \
  do {                                                                  \
    i32 nl_ = (nl);                                                     \
    if (count < half) {                                                 \
      starts[count] = pos;                                              \
      ends[count] = nl_ > pos && S[nl_ - 1] == 13 ? nl_ - 1 : nl_;      \
    }                                                                   \
    count++;                                                            \
    pos = nl_ + 1;                                                      \
  } while (0)
  for (; i + 16 <= N; i += 16) {
    v128_t v = wasm_v128_load(S + i);
    if (wasm_i8x16_bitmask(v) && i + 16 > checked) {
      checked = validUtf8Through(S, checked > i ? checked : i, i + 16, N);
      if (checked < 0) return KSB_INVALID_UTF8;
    }
    for (uint32_t nl = wasm_i8x16_bitmask(wasm_i8x16_eq(v, wasm_i8x16_splat('\n'))); nl; nl &= nl - 1) LINE_AT(i + __builtin_ctz(nl));
  }
  if (checked < N && validUtf8Through(S, checked > i ? checked : i, N, N) < 0) return KSB_INVALID_UTF8;
  for (; i < N; i++)
    if (S[i] == 10) LINE_AT(i);
  LINE_AT(N);
#undef LINE_AT
  lineCount = count;
  return count > half ? KSB_MORE_ROOM : KSB_OK;
}

/* ---- exports ---------------------------------------------------------------------------------- */

#define EXPORT(name) __attribute__((export_name(#name)))

EXPORT(ksb_header) i32 *ksb_header(void) { return header; }
EXPORT(ksb_sections) i32 *ksb_sections(void) { return sec; }
EXPORT(ksb_tags) i32 *ksb_tags(void) { return tagv; }
EXPORT(ksb_refs) i32 *ksb_refs(void) { return refv; }
EXPORT(ksb_bare) i32 *ksb_bare(void) { return barev; }
EXPORT(ksb_strings) u8 *ksb_strings(void) { return strv; }
EXPORT(ksb_interned_offsets) i32 *ksb_interned_offsets(void) { return internOff; }
EXPORT(ksb_interned_lengths) i32 *ksb_interned_lengths(void) { return internLen; }
EXPORT(ksb_interned_bytes) u8 *ksb_interned_bytes(void) { return internPool; }
EXPORT(ksb_prefix_bytes) u8 *ksb_prefix_bytes(void) { return prefixBytes; }
EXPORT(ksb_prefix_lengths) i32 *ksb_prefix_lengths(void) { return prefixLen; }

/* ---- the coverage of a file (coverageInto of fastReader.ts) ------------------------------------ */

/*
 * What the coverage reads of a file, from the records ksb_read made: its evidence places, untagged
 * sections and words. Here rather than in JavaScript because a CLI run is short: most of its
 * 2,000 files went through the JS version before V8 had optimised it (~100 ms of a run).
 *
 * What needs the standard or a string, JavaScript answers through these imports, once for each
 * interned string: which KSBs (by index in the standard) a written code names, whether a heading
 * is excluded, a heading's string for the headings the reader did not intern; and it is handed
 * the file's unknown codes and untagged sections, which are few.
 */
#define IMPORT(name) __attribute__((import_module("env"), import_name(#name)))
/** KSB indices of ref record x, into coverKsbs: count | 1 << 20 if it names any code | 1 << 21 if it is valid. */
IMPORT(js_resolve) i32 js_resolve(i32 x);
/** A handle (< -1) for the heading of section record k, which has no interned string. */
IMPORT(js_heading) i32 js_heading(i32 k);
/** Whether the heading of handle h (< 0) is excluded. */
IMPORT(js_excluded) i32 js_excluded(i32 h);
/** Ref record x names codes the standard lacks. */
IMPORT(js_unknown) void js_unknown(i32 x);
/** Section at `line` (its heading handle h, `words` words) is untagged. */
IMPORT(js_untagged) void js_untagged(i32 line, i32 h, i32 words);
/** The places in `places` (header[H_PLACES] of them) are to be taken now: the buffer is full. */
IMPORT(js_drain) void js_drain(void);

#define HEADING_EMPTY (-1)
#define HEADING_UNSET ((i32)0x80000000)
#define MAX_KSBS 4096
#define PLACE_ROOM 16384
#define KSB_POOL (1 << 20)
static i32 ksbPoolCap, secHeadingCap, secTaggedCap;

static i32 coverKsbs[MAX_KSBS];
static double minWords = 0;
static i32 places[PLACE_ROOM * 3]; /* ksb, line, heading handle */
static i32 nPlaces;
/* the KSB lists of the written codes resolved so far (refPoolAt points into it, by interned id) */
static i32 *ksbPool;
static i32 ksbPoolUsed;
/* per file: each section's heading handle and whether a tag sits in it */
static i32 *secHeading;
static u8 *secTagged;
/* per tag: the KSBs it names so far (tagStamp marks them in ksbStamp) */
static i32 tagKsbs[MAX_KSBS], nTagKsbs;
static i32 ksbStamp[MAX_KSBS], tagStamp;

static i32 headingOf(i32 k) {
  i32 h = secHeading[k];
  if (h != HEADING_UNSET) return h;
  const i32 *s = secAt(k);
  h = s[SEC_ID] >= 0 ? s[SEC_ID] : s[SEC_STR_LEN] == 0 ? HEADING_EMPTY : js_heading(k);
  return secHeading[k] = h;
}

static int excludedHeading(i32 h) {
  if (h < 0) return js_excluded(h);
  if (headingExcluded[h] == 0) headingExcluded[h] = js_excluded(h) ? 2 : 1;
  return headingExcluded[h] == 2;
}

/** The KSBs ref record x names (*ksbs, the count returned) and its flags (*bits). */
static i32 resolve(i32 x, const i32 **ksbs, i32 *bits) {
  i32 id = refv[x * REF_SIZE + REF_ID];
  if (id >= 0 && refPoolAt[id]) {
    *ksbs = ksbPool + refPoolAt[id] - 1;
    *bits = refBits[id];
    return refBits[id] & 0xfffff;
  }
  i32 r = js_resolve(x);
  i32 n = r & 0xfffff;
  *ksbs = coverKsbs;
  *bits = r;
  if (id >= 0 && reserve(&ksbPool, &ksbPoolCap, ksbPoolUsed + n, 4, KSB_POOL)) {
    for (i32 k = 0; k < n; k++) ksbPool[ksbPoolUsed + k] = coverKsbs[k];
    refPoolAt[id] = ksbPoolUsed + 1;
    refBits[id] = r;
    *ksbs = ksbPool + ksbPoolUsed;
    ksbPoolUsed += n;
  }
  return n;
}

static void place(i32 ksb, i32 line, i32 heading) {
  if (nPlaces == PLACE_ROOM) {
    header[H_PLACES] = nPlaces;
    js_drain();
    nPlaces = 0;
  }
  i32 *p = places + nPlaces++ * 3;
  p[0] = ksb, p[1] = line, p[2] = heading;
}

/**
 * The coverage of the file ksb_read read (status 0): its places into `places`, its unknown codes
 * and untagged sections to JavaScript; returns its words (finishSections of analyze.ts).
 */
EXPORT(ksb_cover) i32 ksb_cover(void) {
  nPlaces = 0;
  i32 tagCount = 0;
  for (i32 k = 0; k < nSec; k++) secHeading[k] = HEADING_UNSET, secTagged[k] = 0;
  for (i32 t = 0; t < nTags; t++) {
    const i32 *tag = tagv + t * TAG_SIZE;
    i32 section = tag[TAG_SECTION];
    secTagged[section] = 1;
    nTagKsbs = 0;
    tagStamp++;
    int named = 0;
    for (i32 x = tag[TAG_REF_FIRST], end = x + tag[TAG_REF_COUNT]; x < end; x++) {
      const i32 *ksbs;
      i32 bits;
      i32 n = resolve(x, &ksbs, &bits);
      if (bits & (1 << 20)) named = 1;
      for (i32 j = 0; j < n; j++) {
        i32 ksb = ksbs[j];
        if (ksbStamp[ksb] == tagStamp) continue;
        ksbStamp[ksb] = tagStamp;
        tagKsbs[nTagKsbs++] = ksb;
      }
      if (!(bits & (1 << 21))) js_unknown(x);
    }
    if (!named) continue;
    tagCount++;
    i32 heading = tag[TAG_FORM] == FORM_FRONT_MATTER ? HEADING_EMPTY : headingOf(section);
    for (i32 j = 0; j < nTagKsbs; j++) place(tagKsbs[j], tag[TAG_LINE], heading);
  }

  int fileTagged = nTags > 0 && tagv[TAG_FORM] == FORM_FRONT_MATTER;
  i32 excludedLevel = -1; /* none */
  i32 words = 0;
  for (i32 k = 0; k < nSec; k++) {
    const i32 *s = secAt(k);
    i32 level = s[SEC_LEVEL];
    if (level > 0 && excludedLevel >= 0 && level <= excludedLevel) excludedLevel = -1;
    if (excludedLevel < 0 && level > 0 && excludedHeading(headingOf(k))) excludedLevel = level;
    int excluded = excludedLevel >= 0;
    int tagged = secTagged[k] || fileTagged;
    int ignored = s[SEC_IGNORED] == 1 || ignoreFile;
    if (!tagged && !excluded && !ignored && s[SEC_WORDS] >= minWords) js_untagged(s[SEC_LINE], headingOf(k), s[SEC_WORDS]);
    if (!excluded) words += s[SEC_WORDS] + s[SEC_HEADING_WORDS];
  }
  header[H_TAG_COUNT] = tagCount;
  header[H_PLACES] = nPlaces;
  return words;
}

/* ---- the evidence of the JSON report ---------------------------------------------------------- */

#define KIND_REPORT ",\"kind\":\"report\"}"
#define KIND_PORTFOLIO ",\"kind\":\"portfolio\"}"
#define KIND_OTHER ",\"kind\":\"other\"}"
/* by fileKind: 0 report, 1 portfolio, 2 other */
static const char *const KIND_JSON[3] = {KIND_REPORT, KIND_PORTFOLIO, KIND_OTHER};
static const i32 KIND_JSON_LEN[3] = {sizeof KIND_REPORT - 1, sizeof KIND_PORTFOLIO - 1, sizeof KIND_OTHER - 1};

/*
 * The "evidence" arrays of the JSON report, of every KSB at once: for place j (in output order),
 * `{"path":…,"line":` of its file, its line, `,"section":…` of its section and `,"kind":…}` of its
 * file's kind, places joined by commas, each KSB's items ending at outEnd[k]. The file and section
 * pieces are JSON already (JSON.stringify made them): here they are only copied, which was most
 * of a CLI run's output time as JavaScript strings. Returns the bytes written, or -(bytes needed)
 * when `room` is too small.
 */
EXPORT(ksb_json_evidence)
i32 ksb_json_evidence(i32 nKsbs, const i32 *ksbEnd, const i32 *file, const i32 *line, const i32 *section, const i32 *fileAt, const i32 *fileKind, const i32 *sectionAt, const u8 *bytes, u8 *out, i32 *outEnd, i32 room) {
  i32 need = 0;
  for (i32 j = 0, n = nKsbs ? ksbEnd[nKsbs - 1] : 0; j < n; j++) need += 1 + fileAt[2 * file[j] + 1] + 10 + sectionAt[2 * section[j] + 1] + KIND_JSON_LEN[fileKind[file[j]]];
  if (need > room) return -need;
  i32 o = 0;
  for (i32 k = 0, j = 0; k < nKsbs; k++) {
    for (i32 first = j; j < ksbEnd[k]; j++) {
      if (j > first) out[o++] = ',';
      const i32 *f = fileAt + 2 * file[j];
      __builtin_memcpy(out + o, bytes + f[0], f[1]);
      o += f[1];
      /* the line, a positive number */
      u8 digits[10];
      i32 d = 0;
      for (uint32_t v = (uint32_t)line[j]; d == 0 || v; v /= 10) digits[d++] = (u8)('0' + v % 10);
      while (d) out[o++] = digits[--d];
      const i32 *sct = sectionAt + 2 * section[j];
      __builtin_memcpy(out + o, bytes + sct[0], sct[1]);
      o += sct[1];
      i32 kind = fileKind[file[j]];
      __builtin_memcpy(out + o, KIND_JSON[kind], KIND_JSON_LEN[kind]);
      o += KIND_JSON_LEN[kind];
    }
    outEnd[k] = o;
  }
  return o;
}

EXPORT(ksb_places) i32 *ksb_places(void) { return places; }
EXPORT(ksb_cover_ksbs) i32 *ksb_cover_ksbs(void) { return coverKsbs; }
/** The analyzer's minWords (a section of fewer words is not untagged). */
EXPORT(ksb_set_min_words) void ksb_set_min_words(double n) { minWords = n; }

static u8 *buffer;
static i32 bufferCap;
/**
 * The caller's buffer (a document to read, the JSON report's pieces), with room for `bytes`: the
 * same one while it is large enough, else a larger one (with the old contents when `keep`). 0 when
 * memory cannot grow. Any call into the module may grow its memory.
 */
EXPORT(ksb_buffer) u8 *ksb_buffer(i32 bytes, i32 keep) {
  if (bytes > bufferCap) {
    i32 n = bufferCap * 2 > bytes ? bufferCap * 2 : bytes;
    u8 *p = take(n);
    if (!p) return 0;
    if (keep && bufferCap) __builtin_memcpy(p, buffer, bufferCap);
    buffer = p;
    bufferCap = n;
  }
  return buffer;
}

/** The standard's prefixes (ASCII, longest first) are in ksb_prefix_bytes / ksb_prefix_lengths. */
EXPORT(ksb_set_prefixes) void ksb_set_prefixes(i32 n) {
  nPrefixes = n > MAX_PREFIXES ? MAX_PREFIXES : n;
  for (i32 c = 0; c < 128; c++) {
    prefixFirst[c] = 0;
    asciiAlnum[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  }
  i32 off = 0;
  codeNeedsDigit = 1;
  for (i32 x = 0; x < nPrefixes; x++) {
    prefixOff[x] = off;
    if (prefixLen[x] > 0) prefixFirst[prefixBytes[off] & 127] = 1;
    if (prefixLen[x] != 1) codeNeedsDigit = 0;
    off += prefixLen[x];
  }
  for (i32 c = 0; c < 128; c++) charClass[c] = asciiAlnum[c] ? CH_ALNUM : CH_OTHER;
  charClass[SP] = charClass[TAB] = CH_SPACE;
  const char *stops = "`\\<![(]|:";
  for (const char *s = stops; *s; s++) charClass[(u8)*s] = CH_STOP;
  for (i32 c = 0; c < 128; c++)
    if (prefixFirst[c] && charClass[c] == CH_ALNUM) charClass[c] = CH_PREFIX;
  for (i32 c = 128; c < 256; c++) charClass[c] = CH_WIDE;
  nPrefixLetters = 0;
  simdSkim = 1;
  for (i32 c = 0; c < 128; c++) {
    if (charClass[c] != CH_PREFIX) continue;
    if (nPrefixLetters == 8) simdSkim = 0;
    else prefixLetters[nPrefixLetters++] = (u8)c;
  }
  {
    u8 low[16] = {0}, high[16] = {0};
    for (i32 x = 0; x < nPrefixLetters; x++) {
      low[prefixLetters[x] & 15] |= (u8)(1 << x);
      high[prefixLetters[x] >> 4] |= (u8)(1 << x);
    }
    prefixLow = wasm_v128_load(low);
    prefixHigh = wasm_v128_load(high);
  }
}

/**
 * Reads the document of n bytes at text; `lines` has room for `room` numbers (two a line). Returns
 * the status (also header[H_STATUS]); KSB_MORE_ROOM: call again with room for 2 * header[H_LINES].
 */
EXPORT(ksb_read) i32 ksb_read(const u8 *text, i32 n, i32 *lines, i32 room) {
  S = text;
  N = n;
  nSec = nTags = nRefs = refTop = nBare = nStr = 0;
  bail = 0;
  unitsLine = -1;
  for (i32 k = 0; k < H_SIZE; k++) header[k] = 0;
  /* a NUL byte near the start: a binary file, which the JS side skips with a warning */
  {
    i32 head = n < 8000 ? n : 8000, k = 0;
    for (; k + 16 <= head; k += 16)
      if (wasm_i8x16_bitmask(wasm_i8x16_eq(wasm_v128_load(text + k), wasm_i8x16_splat(0)))) break;
    for (; k < head; k++)
      if (text[k] == 0) return header[H_STATUS] = KSB_BINARY;
  }

  /* lines, after the byte-order mark TextDecoder drops and one more that the JS reader skips */
  i32 pos = 0;
  if (startsWith(0, "\xef\xbb\xbf", 3)) pos = 3;
  if (startsWith(pos, "\xef\xbb\xbf", 3)) pos += 3;
  starts = lines;
  ends = lines + (room >> 1);
  replacementSeen = 0;
  i32 split = splitLines(pos, room >> 1);
  header[H_REPLACEMENT] = replacementSeen;
  if (split != KSB_OK) {
    if (split == KSB_MORE_ROOM) header[H_LINES] = lineCount;
    return header[H_STATUS] = split;
  }

  ignoreFile = 0;
  sectionIndex = 0;
  commentOpen = 0;
  labelFrom = -1;
  depth = 0;
  block = B_NONE;
  blockDepth = 0;
  fenceChar = fenceLength = 0;
  htmlEnd = END_BLANK;
  paraLine = -1, paraWords = paraLastWords = paraTags = paraBare = paraLines = 0;
  headings = 0;
  fmClosed = -1;

  newSection(0, 0);
  i32 firstBodyLine = 0;
  /* front matter: from a `---` first line to the next `---` or `...` line (read by the JS reader) */
  {
    LE = ends[0];
    i32 k = starts[0];
    if (startsWith(k, "---", 3) && isBlank(k + 3, LE)) {
      for (i32 l = 1; l < lineCount; l++) {
        i32 a = starts[l];
        if ((startsWith(a, "---", 3) || startsWith(a, "...", 3)) && a + 3 <= ends[l] && isBlank(a + 3, ends[l])) {
          fmClosed = l;
          break;
        }
      }
      if (fmClosed > 0) {
        readFrontMatter(fmClosed);
        firstBodyLine = fmClosed + 1;
        sec[SEC_LINE] = firstBodyLine < lineCount - 1 ? firstBodyLine : lineCount - 1;
      }
    }
  }

  for (i32 ln = firstBodyLine; ln < lineCount && !bail; ln++) readLine(ln);
  if (bail) return header[H_STATUS] = bail;
  closeParagraph();
  i32 *last = secAt(sectionIndex);
  last[SEC_END_LINE] = last[SEC_LINE] > lineCount - 1 ? last[SEC_LINE] : lineCount - 1;
  while (sec[SEC_LINE] < sec[SEC_END_LINE] && isBlank(starts[sec[SEC_LINE]], ends[sec[SEC_LINE]])) sec[SEC_LINE]++;

  header[H_STATUS] = bail;
  header[H_LINES] = lineCount;
  header[H_HEADINGS] = headings;
  header[H_IGNORE_FILE] = ignoreFile;
  header[H_FM_CLOSED] = fmClosed;
  header[H_SECTIONS] = nSec;
  header[H_TAGS] = nTags;
  header[H_REFS] = nRefs;
  header[H_BARE] = nBare;
  header[H_INTERNED] = nInterned;
  /* ksb_cover's tables, by section */
  if (!bail && (!reserve(&secHeading, &secHeadingCap, nSec, 4, MAX_SECTIONS) || !reserve(&secTagged, &secTaggedCap, nSec, 1, MAX_SECTIONS))) bail = header[H_STATUS] = KSB_FULL;
  return bail;
}
