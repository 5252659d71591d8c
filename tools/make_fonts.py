#!/usr/bin/env python3
"""Regenerate the fonts bundled in cardgen/fonts/.

Run from the repository root with the project venv, on the Debian packages
unpacked into a folder (nothing is installed on the machine):

    apt-get download fonts-inter fonts-noto-cjk fonts-noto-core
    for deb in fonts-*.deb; do dpkg-deb -x "$deb" font-sources; done
    .venv/bin/python tools/make_fonts.py --from font-sources

(without --from it reads the packages installed on the machine, under /).

Sources (Debian packages, used only to build from):

* fonts-inter     /usr/share/fonts/opentype/inter/Inter-*.otf (static CFF OTFs)
* fonts-noto-cjk  /usr/share/fonts/opentype/noto/NotoSansCJK-{Regular,Bold}.ttc
                  (face index 2 = "Noto Sans CJK SC", 0 = "Noto Sans CJK JP")
* fonts-noto-core /usr/share/fonts/truetype/noto/NotoSans{Arabic,Hebrew,
                  Devanagari,Thai}-{Regular,Bold}.ttf

Outputs (cardgen/fonts/):

* Inter-{Regular,Italic,SemiBold,ExtraBold}.otf (the one italic: what the templates set
  in italics is at the regular weight)
  family "Cardgen Sans", PostScript names CardgenSans-*
* NotoSansCJK-{Regular,Bold}.otf, family "Cardgen CJK", PostScript names
  CardgenCJK-Regular / CardgenCJK-Bold
* NotoSansCJKjp-{Regular,Bold}.otf, family "Cardgen CJK JP": only the
  characters whose Japanese glyph differs from the Chinese one
* NotoSans{Arabic,Hebrew,Devanagari,Thai}-{Regular,Bold}.ttf, families
  "Cardgen Arabic", "Cardgen Hebrew", "Cardgen Devanagari", "Cardgen Thai"
* OFL-Inter.txt, OFL-NotoSansCJK.txt, OFL-NotoSans.txt (copyright + full
  OFL 1.1 text)
* README.md (provenance, coverage, sizes, SHA-256 sums)

The fonts are renamed (OFL: a Modified Version must not claim the original
name) so that a PDF can be checked for the bundled faces and so that no
system-installed Inter / Noto CJK can be picked up in their place.

The CJK glyphs are put in a new order, most likely characters first (see
cjk_priority_chars), and renumbered so that CID == glyph id: WeasyPrint
embeds a subset that keeps every glyph id from 0 up to the largest one a
document uses, so a name drawn from low glyph ids makes a small PDF.

The output is deterministic: same source packages -> byte-identical files.
"""

import argparse
import gzip
import hashlib
import sys
from pathlib import Path
from textwrap import indent

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "cardgen" / "fonts"

SOURCE_ROOT = Path("/")  # --from DIR: where the Debian packages were unpacked
INTER_DIR = Path("usr/share/fonts/opentype/inter")
NOTO_DIR = Path("usr/share/fonts/opentype/noto")
NOTO_CORE_DIR = Path("usr/share/fonts/truetype/noto")
NOTO_SC_INDEX = 2  # face in the .ttc: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK
NOTO_JP_INDEX = 0
INTER_COPYRIGHT_FILE = Path("usr/share/doc/fonts-inter/copyright")
NOTO_COPYRIGHT_FILE = Path("usr/share/doc/fonts-noto-cjk/copyright")
NOTO_CORE_COPYRIGHT_FILE = Path("usr/share/doc/fonts-noto-core/copyright")

SANS_FAMILY = "Cardgen Sans"
CJK_FAMILY = "Cardgen CJK"
CJK_JP_FAMILY = "Cardgen CJK JP"
# Scripts set from the Noto Sans font of their own (whole font kept: each is
# already one script's font; hinting dropped): source name -> family.
SCRIPT_FONTS = ["Arabic", "Hebrew", "Devanagari", "Thai"]
SCRIPT_STYLES = ["Regular", "Bold"]


def source(path):
    """A path of the source packages, under --from DIR if given."""
    return SOURCE_ROOT / path


# (source file stem, weight label used in names, italic?)
INTER_STYLES = [
    ("Regular", "Regular", False),
    ("Italic", "Regular", True),
    ("SemiBold", "SemiBold", False),
    ("ExtraBold", "ExtraBold", False),
]
CJK_STYLES = ["Regular", "Bold"]

# Above this size per CJK file, Big5 level 2 (codes 0xC940-0xF9FE) is dropped.
CJK_SIZE_LIMIT = 9 * 1024 * 1024

# ---------------------------------------------------------------- coverage

INTER_RANGES = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement (× ° · etc.)
    (0x0100, 0x017F),  # Latin Extended-A
    (0x0180, 0x024F),  # Latin Extended-B
    (0x0250, 0x02AF),  # IPA Extensions
    (0x02B0, 0x02FF),  # Spacing Modifier Letters
    (0x0300, 0x036F),  # Combining Diacritical Marks (decomposed accents)
    (0x0370, 0x03FF),  # Greek and Coptic
    (0x0400, 0x04FF),  # Cyrillic
    (0x0500, 0x052F),  # Cyrillic Supplement
    (0x1AB0, 0x1AFF),  # Combining Diacritical Marks Extended
    (0x1D00, 0x1DFF),  # Phonetic Extensions (+Supplement), Combining Supplement
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese etc.)
    (0x1F00, 0x1FFF),  # Greek Extended (polytonic)
    (0x2000, 0x206F),  # General Punctuation (– — ‘ ’ “ ” • … ‰ ′ ″)
    (0x2070, 0x209F),  # Superscripts and Subscripts
    (0x20A0, 0x20CF),  # Currency Symbols
    (0x20D0, 0x20FF),  # Combining Marks for Symbols
    (0x2100, 0x214F),  # Letterlike Symbols (№ ™ ℃)
    (0x2150, 0x218F),  # Number Forms (½ ⅓ ...)
    (0x2190, 0x21FF),  # Arrows
    (0x2200, 0x22FF),  # Mathematical Operators (− ≤ ≥ ≈)
    (0x2300, 0x23FF),  # Miscellaneous Technical
    (0x2400, 0x243F),  # Control Pictures
    (0x2460, 0x24FF),  # Enclosed Alphanumerics (① ②)
    (0x2500, 0x257F),  # Box Drawing
    (0x2580, 0x259F),  # Block Elements
    (0x25A0, 0x25FF),  # Geometric Shapes (▶ ● ◆ ◌)
    (0x2600, 0x26FF),  # Miscellaneous Symbols (⚠ ★)
    (0x2700, 0x27BF),  # Dingbats (✓ ✕)
    (0x27C0, 0x27FF),  # Misc Math Symbols-A, Supplemental Arrows-A
    (0x2B00, 0x2BFF),  # Miscellaneous Symbols and Arrows
    (0x2C60, 0x2C7F),  # Latin Extended-C
    (0x2DE0, 0x2DFF),  # Cyrillic Extended-A
    (0x2E00, 0x2E7F),  # Supplemental Punctuation
    (0xA640, 0xA69F),  # Cyrillic Extended-B
    (0xA720, 0xA7FF),  # Latin Extended-D
    (0xFB00, 0xFB06),  # Latin ligatures
    (0xFE20, 0xFE2F),  # Combining Half Marks
    (0xFEFF, 0xFEFF),  # BOM / ZWNBSP
    (0xFFFC, 0xFFFD),  # Object / replacement character
    (0x1F100, 0x1F1FF),  # Enclosed Alphanumeric Supplement
    (0x1F800, 0x1F8FF),  # Supplemental Arrows-C
]
# Deliberately not kept: Inter's Private Use Area glyphs (U+E000-U+F8FF).

CJK_BLOCKS = [
    (0x0020, 0x007E),  # ASCII, so a "Cardgen CJK"-only run still has digits
    (0x00A0, 0x00A0),  # no-break space
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0x3040, 0x309F),  # Hiragana
    (0x30A0, 0x30FF),  # Katakana
    (0x31F0, 0x31FF),  # Katakana Phonetic Extensions
    (0x3130, 0x318F),  # Hangul Compatibility Jamo
    (0xAC00, 0xD7A3),  # Hangul Syllables: all 11,172 (KS X 1001 has 2,350)
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
]

BIG5_LEVEL1 = (0xA440, 0xC67E)


def _decode_two_byte(codec, leads, trails):
    chars = {}
    for lead in leads:
        for trail in trails:
            try:
                text = bytes((lead, trail)).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                chars[(lead << 8) | trail] = text
    return chars


def national_standard_chars(big5_level2=True):
    """Union of KS X 1001, GB 2312, JIS X 0208 and Big5 repertoires."""
    euc = range(0xA1, 0xFF)
    sets = {
        "KS X 1001 (euc_kr)": set(_decode_two_byte("euc_kr", euc, euc).values()),
        "GB 2312 (gb2312)": set(_decode_two_byte("gb2312", euc, euc).values()),
        "JIS X 0208 (euc_jp)": set(_decode_two_byte("euc_jp", euc, euc).values()),
    }
    big5 = _decode_two_byte("big5", range(0xA1, 0xFA), [*range(0x40, 0x7F), *range(0xA1, 0xFF)])
    if not big5_level2:
        # Keep the symbol rows (0xA140-0xA3FE) and level 1 hanzi only.
        big5 = {code: c for code, c in big5.items() if code <= BIG5_LEVEL1[1]}
    sets["Big5" + ("" if big5_level2 else " (symbols + level 1)")] = set(big5.values())
    return sets


# ---------------------------------------------------------------- glyph order

# Glyph order of the CJK fonts after .notdef: the blocks first, in this order,
# then the hanzi / Hangul / kanji lists below, then every other glyph in the
# order the subsetter left it (source CID order).
CJK_FIRST_BLOCKS = [
    ("ASCII, Latin-1 and general punctuation", [(0x0020, 0x007E), (0x00A0, 0x00FF), (0x2000, 0x206F)]),
    ("CJK Symbols and Punctuation", [(0x3000, 0x303F)]),
    ("Hiragana", [(0x3040, 0x309F)]),
    ("Katakana (+ Phonetic Extensions)", [(0x30A0, 0x30FF), (0x31F0, 0x31FF)]),
    ("Halfwidth and Fullwidth Forms", [(0xFF00, 0xFFEF)]),
]


def cjk_priority_chars():
    """(label, characters in order) groups, most likely in a name first.

    GB 2312 level 1 is the 3,755 most common hanzi (rows 16-55, in pinyin
    order); then the 2,350 Hangul syllables of KS X 1001 (the common ones);
    then the JIS X 0208 level 1 kanji and the Big5 level 1 (common
    traditional) hanzi that are not already placed. A character listed twice
    is placed at its first mention.
    """
    euc = range(0xA1, 0xFF)
    groups = [
        (label, "".join(chr(cp) for start, end in ranges for cp in range(start, end + 1)))
        for label, ranges in CJK_FIRST_BLOCKS
    ]
    groups.append(
        ("GB 2312 level 1 hanzi (0xB0A1-0xD7F9)", "".join(_decode_two_byte("gb2312", range(0xB0, 0xD8), euc).values()))
    )
    groups.append(
        (
            "KS X 1001 Hangul syllables",
            "".join(c for c in _decode_two_byte("euc_kr", euc, euc).values() if 0xAC00 <= ord(c) <= 0xD7A3),
        )
    )
    groups.append(
        (
            "JIS X 0208 level 1 kanji (0xB0A1-0xCFD3)",
            "".join(_decode_two_byte("euc_jp", range(0xB0, 0xD0), euc).values()),
        )
    )
    big5 = _decode_two_byte("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)])
    groups.append(
        (
            "Big5 level 1 hanzi (0xA440-0xC67E)",
            "".join(c for code, c in big5.items() if BIG5_LEVEL1[0] <= code <= BIG5_LEVEL1[1]),
        )
    )
    groups.append(
        ("the other modern Hangul syllables (U+AC00-U+D7A3)", "".join(chr(cp) for cp in range(0xAC00, 0xD7A4)))
    )
    return groups


def _outline_keys(font):
    """code point -> (charstring bytes, font dict index, (advance, lsb)):
    what must not change when glyphs are reordered. (The FDArray itself is
    not reordered; only the FDSelect, glyph id -> FDArray index, is.)"""
    top = font["CFF "].cff.topDictIndex[0]
    gid_fd = top.FDSelect.gidArray
    hmtx = font["hmtx"].metrics
    keys = {}
    for cp, name in font.getBestCmap().items():
        charstring = top.CharStrings[name]
        if charstring.bytecode is None:
            charstring.compile()
        keys[cp] = (charstring.bytecode, gid_fd[font.getGlyphID(name)], hmtx[name])
    return keys


def reorder_cjk_glyphs(font):
    """Put the glyphs of a CID-keyed CFF OpenType font in priority order and
    renumber them so that CID == glyph id (charset 0, 1, ..., n-1).

    What follows a glyph id in the font: the CFF charset (names cidNNNNN ->
    CIDs), the CharStrings INDEX (compiled in charset order), the FDSelect
    (the font dict -- Private, local subrs -- of each glyph id; fontTools
    keeps it as a plain array that does NOT follow the charset by itself),
    and the tables keyed by glyph name (cmap, hmtx), renamed here. Returns
    the new glyph id of each group's last placed glyph, for the report.
    """
    for tag in font.keys():
        assert tag in ("GlyphOrder", "head", "hhea", "maxp", "OS/2", "name", "cmap", "post", "CFF ", "BASE", "hmtx"), (
            f"{tag} may hold glyph ids: teach reorder_cjk_glyphs about it"
        )
    assert font["post"].formatType == 3.0  # no glyph names stored
    cff = font["CFF "].cff
    top = cff.topDictIndex[0]
    assert hasattr(top, "ROS") and hasattr(top, "FDSelect"), "not CID-keyed"
    old_order = font.getGlyphOrder()
    old_fd = list(top.FDSelect.gidArray)
    assert len(old_fd) == len(old_order)
    old_gid = {name: gid for gid, name in enumerate(old_order)}
    cmap = font.getBestCmap()

    order = [old_order[0]]  # .notdef
    placed = {old_order[0]}
    report = []
    for label, chars in cjk_priority_chars():
        for char in chars:
            name = cmap.get(ord(char))
            if name is not None and name not in placed:
                placed.add(name)
                order.append(name)
        report.append((label, len(order) - 1))
    order += [name for name in old_order if name not in placed]
    assert sorted(order) == sorted(old_order)

    rename = {name: (f"cid{gid:05d}" if gid else ".notdef") for gid, name in enumerate(order)}
    new_order = [rename[name] for name in order]

    charstrings = top.CharStrings
    glyphs = {rename[name]: charstrings[name] for name in order}
    for charstring in glyphs.values():
        # Keep the exact bytes; each glyph keeps its own Private (via FD).
        if charstring.bytecode is None:
            charstring.compile()
    charstrings.charStrings = glyphs
    charstrings.charStringsAreIndexed = 0
    if hasattr(charstrings, "charStringsIndex"):
        del charstrings.charStringsIndex
    top.charset = new_order
    top.FDSelect.gidArray = [old_fd[old_gid[name]] for name in order]
    top.CIDCount = len(new_order)

    font["hmtx"].metrics = {rename[name]: metrics for name, metrics in font["hmtx"].metrics.items()}
    for table in font["cmap"].tables:
        assert table.format == 4, f"cmap format {table.format}: not handled"
        table.cmap = _fill_cmap_gaps({cp: rename[name] for cp, name in table.cmap.items()})
    font.setGlyphOrder(new_order)
    return report


def _fill_cmap_gaps(cmap, max_gap=3):
    """Map the code points of short gaps to .notdef (glyph 0 = "missing" in
    every cmap format), so that a cmap format 4 subtable has one segment
    where it would have several.

    Glyph ids no longer rise with code points after reordering, so each
    segment lists its glyph ids one by one (2 bytes a code point, 8 bytes a
    segment). Run by run, the ~20,500 code points would need ~5,200 segments
    (~83 KB: past format 4's 64 KB limit); bridging gaps of up to 3 code
    points makes ~770 segments (~57 KB). Readers (fontTools, HarfBuzz,
    FreeType) drop the .notdef entries: the character coverage is unchanged.
    """
    filled = dict(cmap)
    codes = sorted(cmap)
    for low, high in zip(codes, codes[1:]):
        if 1 < high - low <= max_gap + 1:
            filled.update((cp, ".notdef") for cp in range(low + 1, high))
    return filled


# ---------------------------------------------------------------- naming


def _replace_names(font, names):
    """Replace name IDs (all platforms / languages) with Windows-English
    and Macintosh-Roman records holding the given strings."""
    table = font["name"]
    table.names = [rec for rec in table.names if rec.nameID not in names]
    for name_id, value in sorted(names.items()):
        if value is not None:
            table.setName(value, name_id, 3, 1, 0x409)
            table.setName(value, name_id, 1, 0, 0)


def _rename_cff(font, ps_name, full_name, family):
    cff = font["CFF "].cff
    old = cff.fontNames[0]
    cff.fontNames = [ps_name]
    top = cff.topDictIndex[0]
    top.FullName = full_name
    top.FamilyName = family
    if hasattr(top, "FDArray"):  # CID-keyed (Noto CJK)
        for fd in top.FDArray:
            if getattr(fd, "FontName", None):
                fd.FontName = fd.FontName.replace(old, ps_name, 1)
    return old


def _source_version(font):
    return font["name"].getDebugName(5)


# ---------------------------------------------------------------- helpers


def dpkg_version(package):
    """The package's version, from the first line of its Debian changelog
    ("fonts-noto (20201225-1) unstable; ..."): read the same way whether the
    package is installed or only unpacked."""
    changelog = source(Path("usr/share/doc") / package / "changelog.Debian.gz")
    try:
        with gzip.open(changelog, "rt", encoding="utf-8") as text:
            first = text.readline()
    except OSError:
        sys.exit(f"{changelog} not found: unpack or install {package}")
    return first.split("(", 1)[1].split(")", 1)[0]


def ranges_to_unicodes(ranges):
    return {cp for start, end in ranges for cp in range(start, end + 1)}


def subset_options(layout_features):
    options = subset.Options()
    options.layout_features = layout_features
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.hinting = False
    options.notdef_outline = True
    options.recalc_timestamp = False  # keep head.modified: reproducible output
    options.recalc_bounds = True
    options.prune_unicode_ranges = True
    options.prune_codepage_ranges = True
    options.glyph_names = False
    options.drop_tables += ["vhea", "vmtx", "VORG", "DSIG"]
    return options


def load(path, font_number=-1):
    return TTFont(path, fontNumber=font_number, recalcTimestamp=False, lazy=False)


def save(font, path):
    font.save(path, reorderTables=True)
    return path.stat().st_size


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ofl_from_debian_copyright(path, stanza):
    """Return the un-indented text of a 'License: <stanza>' paragraph."""
    lines = path.read_text(encoding="utf-8").splitlines()
    # The stanza with the text is the "License:" line followed by indented
    # lines (a "Files:" paragraph has a bare "License:" line too).
    start = next(
        i + 1 for i, line in enumerate(lines[:-1]) if line == f"License: {stanza}" and lines[i + 1].startswith(" ")
    )
    body = []
    for line in lines[start:]:
        if not line.startswith(" "):
            break
        line = line[1:]
        body.append("" if line == "." else line)
    text = "\n".join(body).strip("\n") + "\n"
    assert "PERMISSION & CONDITIONS" in text and "DISCLAIMER" in text, path
    if "SIL OPEN FONT LICENSE Version 1.1" not in text:
        text = (
            "-----------------------------------------------------------\n"
            "SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007\n"
            "-----------------------------------------------------------\n\n" + text
        )
    return text


# ---------------------------------------------------------------- builders


def build_inter(unicodes, version_note):
    results = []
    for stem, weight, italic in INTER_STYLES:
        src = source(INTER_DIR / f"Inter-{stem}.otf")
        font = load(src)
        assert "fvar" not in font, f"{src} is variable; expected static"
        src_version = _source_version(font)
        subsetter = subset.Subsetter(subset_options(["*"]))
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)

        # Legacy (RIBBI) naming as in the source: weights other than Regular
        # go into name ID 1, the typographic family (ID 16) is always plain.
        ribbi = "Italic" if italic else "Regular"
        legacy_family = SANS_FAMILY if weight == "Regular" else f"{SANS_FAMILY} {weight}"
        typo_sub = (f"{weight} Italic" if weight != "Regular" else "Italic") if italic else weight
        full = f"{SANS_FAMILY} {typo_sub}" if typo_sub != "Regular" else f"{SANS_FAMILY} Regular"
        ps = f"CardgenSans-{stem}"
        _replace_names(
            font,
            {
                1: legacy_family,
                2: ribbi,
                3: f"{ps};{src_version};cardgen subset",
                4: full,
                6: ps,
                10: (
                    f"Modified version of Inter ({src_version}, Debian fonts-inter "
                    f"{version_note}): subset and renamed for cardgen by "
                    "tools/make_fonts.py."
                ),
                16: SANS_FAMILY,
                17: typo_sub,
                18: None,
                21: None,
                22: None,
            },
        )
        _rename_cff(font, ps, full, SANS_FAMILY)
        out = OUT / f"Inter-{stem}.otf"
        size = save(font, out)
        results.append((out, size, font["OS/2"].usWeightClass, "italic" if italic else "normal", ps))
        print(f"  {out.name}: {size:,} bytes, {len(font.getGlyphOrder())} glyphs")
    return results


def build_cjk(unicodes, version_note):
    results = []
    for style in CJK_STYLES:
        src = source(NOTO_DIR / f"NotoSansCJK-{style}.ttc")
        font = load(src, NOTO_SC_INDEX)
        assert font["name"].getDebugName(1) == "Noto Sans CJK SC", src
        src_version = _source_version(font)
        subsetter = subset.Subsetter(subset_options([]))
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)
        for tag in ("GSUB", "GPOS", "GDEF"):
            # No layout features are kept: the empty tables are dead weight.
            if tag in font:
                del font[tag]
        before = _outline_keys(font)
        order_report = reorder_cjk_glyphs(font)
        ps = f"CardgenCJK-{style}"
        full = f"{CJK_FAMILY} {style}"
        _replace_names(
            font,
            {
                1: CJK_FAMILY,
                2: style,
                3: f"{ps};{src_version};cardgen subset",
                4: full,
                6: ps,
                10: (
                    f"Modified version of Noto Sans CJK SC ({src_version}, "
                    f"Debian fonts-noto-cjk {version_note}): subset and renamed "
                    "for cardgen by tools/make_fonts.py."
                ),
                16: CJK_FAMILY,
                17: style,
                18: None,
                21: None,
                22: None,
            },
        )
        _rename_cff(font, ps, full, CJK_FAMILY)
        out = OUT / f"NotoSansCJK-{style}.otf"
        size = save(font, out)
        # Read the file back: every character must draw the same outline
        # (same charstring bytes, same font dict) with the same metrics.
        after = _outline_keys(load(out))
        assert after == before, "reordering changed a glyph"
        results.append((out, size, font["OS/2"].usWeightClass, "normal", ps))
        print(f"  {out.name}: {size:,} bytes, {len(font.getGlyphOrder())} glyphs")
        for label, last in order_report:
            print(f"    up to glyph id {last:5d}: {label}")
    return results, order_report


def japanese_differences(candidates):
    """The characters of ``candidates`` whose glyph in Noto Sans CJK JP is not
    the one the SC face draws (直, 骨, 写, ！, ...). The faces of the .ttc share
    one CFF table and differ only in their cmaps, so a different glyph name
    is a different shape."""
    ttc = source(NOTO_DIR / "NotoSansCJK-Regular.ttc")
    jp = TTFont(ttc, fontNumber=NOTO_JP_INDEX, lazy=True).getBestCmap()
    sc = TTFont(ttc, fontNumber=NOTO_SC_INDEX, lazy=True).getBestCmap()
    return {cp for cp in candidates if cp in jp and jp[cp] != sc.get(cp)}


def build_cjk_jp(unicodes, version_note):
    """Cardgen CJK JP: the Japanese glyph of each character of ``unicodes``
    whose Japanese form differs from the SC one; cardgen sets text marked
    lang="ja" in it first, the rest falls back to Cardgen CJK (same shapes)."""
    results = []
    for style in CJK_STYLES:
        src = source(NOTO_DIR / f"NotoSansCJK-{style}.ttc")
        font = load(src, NOTO_JP_INDEX)
        assert font["name"].getDebugName(1) == "Noto Sans CJK JP", src
        src_version = _source_version(font)
        subsetter = subset.Subsetter(subset_options([]))
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)
        for tag in ("GSUB", "GPOS", "GDEF"):
            if tag in font:
                del font[tag]
        before = _outline_keys(font)
        reorder_cjk_glyphs(font)
        ps = f"CardgenCJKJP-{style}"
        full = f"{CJK_JP_FAMILY} {style}"
        _replace_names(
            font,
            {
                1: CJK_JP_FAMILY,
                2: style,
                3: f"{ps};{src_version};cardgen subset",
                4: full,
                6: ps,
                10: (
                    f"Modified version of Noto Sans CJK JP ({src_version}, "
                    f"Debian fonts-noto-cjk {version_note}): subset and renamed "
                    "for cardgen by tools/make_fonts.py."
                ),
                16: CJK_JP_FAMILY,
                17: style,
                18: None,
                21: None,
                22: None,
            },
        )
        _rename_cff(font, ps, full, CJK_JP_FAMILY)
        out = OUT / f"NotoSansCJKjp-{style}.otf"
        size = save(font, out)
        assert _outline_keys(load(out)) == before, "reordering changed a glyph"
        results.append((out, size, font["OS/2"].usWeightClass, "normal", ps))
        print(f"  {out.name}: {size:,} bytes, {len(font.getGlyphOrder())} glyphs")
    return results


def build_script_fonts(version_note):
    """Cardgen Arabic, Hebrew, Devanagari and Thai: each Noto Sans font whole
    (its every character and all its OpenType layout features, which shaping
    needs), without hinting, renamed."""
    results = []
    for script in SCRIPT_FONTS:
        family = f"Cardgen {script}"
        for style in SCRIPT_STYLES:
            src = source(NOTO_CORE_DIR / f"NotoSans{script}-{style}.ttf")
            font = load(src)
            src_version = _source_version(font)
            subsetter = subset.Subsetter(subset_options(["*"]))
            subsetter.populate(unicodes=font.getBestCmap())
            subsetter.subset(font)
            ps = f"Cardgen{script}-{style}"
            _replace_names(
                font,
                {
                    1: family,
                    2: style,
                    3: f"{ps};{src_version.split(';')[0]};cardgen subset",
                    4: f"{family} {style}",
                    6: ps,
                    10: (
                        f"Modified version of Noto Sans {script} ({src_version.split(';')[0]}, "
                        f"Debian fonts-noto-core {version_note}): hinting dropped "
                        "and renamed for cardgen by tools/make_fonts.py."
                    ),
                    16: family,
                    17: style,
                    18: None,
                    21: None,
                    22: None,
                },
            )
            out = OUT / f"NotoSans{script}-{style}.ttf"
            size = save(font, out)
            results.append((out, size, font["OS/2"].usWeightClass, "normal", ps))
            print(f"  {out.name}: {size:,} bytes, {len(font.getGlyphOrder())} glyphs")
    return results


def write_licences(inter_font, noto_font):
    inter_ofl = ofl_from_debian_copyright(source(INTER_COPYRIGHT_FILE), "OFL-1.1")
    noto_ofl = ofl_from_debian_copyright(source(NOTO_COPYRIGHT_FILE), "SIL-1.1")
    inter_copyright = TTFont(inter_font, lazy=True)["name"].getDebugName(0)
    noto_copyright = TTFont(noto_font, fontNumber=NOTO_SC_INDEX, lazy=True)["name"].getDebugName(0)
    header = (
        "{copyright}\n"
        "{extra}\n\n"
        "The files {files} in this directory are a Modified Version of\n"
        '{original} (subset and renamed to "{family}"; see README.md).\n\n'
        "This Font Software is licensed under the SIL Open Font License,\n"
        "Version 1.1. This license is copied below, and is also available\n"
        "with a FAQ at: https://openfontlicense.org\n\n"
    )
    (OUT / "OFL-Inter.txt").write_text(
        header.format(
            copyright=inter_copyright,
            extra="Copyright 2016-2022 The Inter Project Authors (https://github.com/rsms/inter)",
            files="Inter-*.otf",
            original="Inter",
            family=SANS_FAMILY,
        )
        + inter_ofl,
        encoding="utf-8",
    )
    (OUT / "OFL-NotoSansCJK.txt").write_text(
        header.format(
            copyright=noto_copyright.replace("©", "Copyright"),
            extra="Noto is a trademark of Google Inc. (https://github.com/notofonts/noto-cjk)",
            files="NotoSansCJK-*.otf and NotoSansCJKjp-*.otf",
            original="Noto Sans CJK SC and JP",
            family=f'{CJK_FAMILY}" and "{CJK_JP_FAMILY}',
        )
        + noto_ofl,
        encoding="utf-8",
    )
    core_font = source(NOTO_CORE_DIR / f"NotoSans{SCRIPT_FONTS[0]}-Regular.ttf")
    (OUT / "OFL-NotoSans.txt").write_text(
        header.format(
            copyright=TTFont(core_font, lazy=True)["name"].getDebugName(0),
            extra="Noto is a trademark of Google Inc. (https://github.com/notofonts)",
            files=", ".join(f"NotoSans{script}-*.ttf" for script in SCRIPT_FONTS),
            original=", ".join(f"Noto Sans {script}" for script in SCRIPT_FONTS),
            family="Cardgen " + '", "Cardgen '.join(SCRIPT_FONTS),
        )
        + ofl_from_debian_copyright(source(NOTO_CORE_COPYRIGHT_FILE), "OFL-1.1"),
        encoding="utf-8",
    )


def write_readme(
    inter_version,
    noto_version,
    inter_src_version,
    noto_src_version,
    results,
    cjk_sets,
    big5_level2,
    order_report,
    core_version,
    jp_count,
):
    union = set().union(*cjk_sets.values())
    cjk_file = OUT / "NotoSansCJK-Regular.otf"
    hangul = sum(0xAC00 <= cp <= 0xD7A3 for cp in TTFont(cjk_file, lazy=True).getBestCmap())
    han = sum(0x3400 <= ord(c) <= 0x9FFF or 0xF900 <= ord(c) <= 0xFAFF for c in union)
    rows = "\n".join(
        f"| `{p.name}` | {size:,} | {weight} | {style} | `{ps}` |" for p, size, weight, style, ps in results
    )
    sums = "\n".join(f"{sha256(p)}  {p.name}" for p, *_ in results)
    cjk_counts = "\n".join(f"    - {name}: {len(chars):,} characters" for name, chars in cjk_sets.items())
    order_rows = []
    first = 1
    for label, last in order_report:
        order_rows.append(
            f"| {first:,}-{last:,} | {label} |" if last >= first else f"| - | {label} (all placed already) |"
        )
        first = last + 1
    glyph_total = len(TTFont(cjk_file, lazy=True).getGlyphOrder())
    order_rows.append(f"| {first:,}-{glyph_total - 1:,} | everything else, in source (CID) order |")
    order_table = indent("\n".join(order_rows), "  ")
    hangul_end = next(last for label, last in order_report if label.startswith("KS X 1001"))
    big5_note = (
        "all of Big5 (symbols, level 1 and level 2)"
        if big5_level2
        else "Big5 symbols and level 1 only (0xA440-0xC67E); level 2 "
        f"was dropped because the files exceeded "
        f"{CJK_SIZE_LIMIT // 2**20} MiB"
    )
    text = f"""\
# Bundled fonts

Generated by `tools/make_fonts.py` -- do not edit these files by hand.
To regenerate (same Debian package versions give byte-identical output):

    apt-get download fonts-inter fonts-noto-cjk fonts-noto-core
    for deb in fonts-*.deb; do dpkg-deb -x "$deb" font-sources; done
    .venv/bin/python tools/make_fonts.py --from font-sources   # from the repository root

Nothing here depends on system fonts at runtime; the Debian packages are only
the source the files are cut from (unpacked, not installed).

| File | Bytes | Weight | Style | PostScript name |
|------|------:|-------:|-------|-----------------|
{rows}

## Cardgen Sans (`Inter-*.otf`)

* Source: Debian `fonts-inter` {inter_version},
  `/usr/share/fonts/opentype/inter/Inter-*.otf` (static CFF; font version
  "{inter_src_version}").
* Family renamed to **Cardgen Sans** (name IDs 1/4/6/16/17 and the CFF names);
  copyright, trademark and licence name records are kept.
* Kept: Latin (Basic, Latin-1, Extended-A/B/C/D/Additional, IPA, combining
  marks), Greek (+ Extended), Cyrillic (+ Supplement/Extended), general and
  supplemental punctuation, super/subscripts, currency, letterlike (№ ℃),
  number forms, arrows, math operators, technical, enclosed alphanumerics,
  box drawing, geometric shapes (▶), misc symbols (⚠), dingbats (✓).
  Dropped: Inter's Private Use Area glyphs.
* All OpenType layout features are kept (tnum, kern, liga/calt, case, ss01-ss04,
  cv01-cv11, frac, sups, zero, ...); hinting is dropped.
* License: SIL OFL 1.1, see `OFL-Inter.txt`.

## Cardgen CJK (`NotoSansCJK-*.otf`)

* Source: Debian `fonts-noto-cjk` {noto_version},
  `/usr/share/fonts/opentype/noto/NotoSansCJK-{{Regular,Bold}}.ttc`, face 2
  ("Noto Sans CJK SC", font version "{noto_src_version}").
* Family renamed to **Cardgen CJK** (name IDs 1/4/6/16/17, CFF and FD names).
* Kept characters (the union of):
  - blocks: CJK Symbols and Punctuation, Hiragana, Katakana (+ Phonetic
    Extensions), Hangul Compatibility Jamo, every modern Hangul syllable
    (U+AC00-U+D7A3, 11,172: KS X 1001 alone lacks names like 똠),
    Halfwidth and Fullwidth Forms, ASCII;
  - every character of the national standards, found by decoding every
    two-byte code with Python's codecs:
{cjk_counts}
    - i.e. {big5_note}; {han:,} ideographs; {hangul:,} Hangul syllables in all.
* Glyph shapes are the SC (Simplified Chinese) defaults; Japanese/Korean
  locale variants ('locl') are not kept. No layout features, no vertical
  metrics, no hinting.
* Glyph order: most likely characters first, and CID == glyph id (the CIDs
  are renumbered 0..n-1; registry-ordering stays Adobe-Identity-0):

  | Glyph ids | Characters (each glyph at its first mention) |
  |-----------|-----------------------------------------------|
{order_table}

  Why: WeasyPrint (70) subsets an embedded font with HarfBuzz keeping glyph
  ids ("retain gids") and then keeps every glyph id from 0 up to the largest
  one the document uses, each unused one as an empty glyph with its own
  hmtx and CharStrings entries. In the source order a common hanzi can sit at
  glyph id ~17,000, so a three-character name embedded ~17,000 empty glyphs
  (~65 KB compressed) and doubled the size of a card. In this order a name
  in kana, common hanzi (GB 2312 level 1, in its pinyin order) or common
  Hangul stays below glyph id {hangul_end + 1:,}; the common Japanese
  and traditional Chinese characters follow. When this order came in, the
  card of `benchmarks/bench_print.py` with the name 李小龙 went from 2.06x to
  1.13x the size of the same card with a Latin name.
* Within a group the glyphs keep the code order of their standard; the font
  dicts (FDArray) are unchanged, the FDSelect follows the glyphs.
  `tools/make_fonts.py` checks after writing each file that every character
  still draws the same outline (same charstring bytes and font dict) with
  the same metrics as before the reordering.
* cmap: format 4 only. As glyph ids no longer rise with code points, each
  segment lists its glyph ids; gaps of up to 3 code points inside a segment
  map to glyph 0, which the cmap spec defines as "no glyph" (fontTools,
  FreeType/fontconfig and HarfBuzz see the same coverage as before). That
  keeps the subtable under format 4's 64 KB limit.
* License: SIL OFL 1.1, see `OFL-NotoSansCJK.txt`.

## Cardgen CJK JP (`NotoSansCJKjp-*.otf`)

* Source: the same `.ttc` files, face 0 ("Noto Sans CJK JP").
* Kept: ASCII and the no-break space (Pango sets a space between two
  Japanese characters in the font of the first), and the {jp_count:,}
  characters (of JIS X 0208 and the kana, punctuation and fullwidth blocks)
  whose JP glyph is not the SC one: the
  faces of the `.ttc` share one CFF table and differ only in their cmaps, so
  a different glyph there is a different shape (直, 骨, 写, 角, ！, ...).
* cardgen sets text marked `lang="ja"` (`:lang(ja)` in
  `templates/style/common.css`) in "Cardgen Sans", "Cardgen CJK JP",
  "Cardgen CJK": each character this font lacks has the same shape in
  Cardgen CJK. Same glyph order, renumbering and checks as Cardgen CJK.
* License: SIL OFL 1.1, see `OFL-NotoSansCJK.txt`.

## Cardgen Arabic, Hebrew, Devanagari, Thai (`NotoSans*-*.ttf`)

* Source: Debian `fonts-noto-core` {core_version},
  `/usr/share/fonts/truetype/noto/NotoSans{{Arabic,Hebrew,Devanagari,Thai}}-{{Regular,Bold}}.ttf`.
* Each font is kept whole (every character, all OpenType layout features:
  joining forms, ligatures, mark positioning and reordering need them);
  TrueType hinting is dropped. Renamed to **Cardgen Arabic**, **Cardgen
  Hebrew**, **Cardgen Devanagari**, **Cardgen Thai** (name IDs 1/4/6/16/17).
* They follow the Latin and CJK families in cardgen's font list, so only the
  characters those lack come from them. Pango shapes each run with HarfBuzz
  and lays right-to-left text out right to left.
* License: SIL OFL 1.1, see `OFL-NotoSans.txt`.

## CSS

```css
@font-face {{ font-family: "Cardgen Sans"; font-weight: 400; font-style: normal;
             src: url(Inter-Regular.otf); }}
/* ... 600 -> Inter-SemiBold.otf, 800 -> Inter-ExtraBold.otf,
       400 italic -> Inter-Italic.otf with font-style: italic */
@font-face {{ font-family: "Cardgen CJK"; font-weight: 400;
             src: url(NotoSansCJK-Regular.otf); }}
@font-face {{ font-family: "Cardgen CJK"; font-weight: 700;
             src: url(NotoSansCJK-Bold.otf); }}
body {{ font-family: "Cardgen Sans", "Cardgen CJK", "Cardgen Arabic", "Cardgen Hebrew",
                    "Cardgen Devanagari", "Cardgen Thai"; }}
:lang(ja) {{ font-family: "Cardgen Sans", "Cardgen CJK JP", "Cardgen CJK", ...; }}
```

## In PDFs made by WeasyPrint

WeasyPrint builds `/BaseFont` from the CSS family and Pango's style name, not
from the font's PostScript name: expect `/ABCDEF+Cardgen-Sans`,
`+Cardgen-Sans-Semi-Bold`, `+Cardgen-Sans-Ultra-Bold` (800), `+Cardgen-CJK`,
`+Cardgen-CJK-Bold`. The embedded font program (`/FontFile3`) keeps the
PostScript/CFF name (`CardgenSans-SemiBold`, `CardgenCJK-Regular`, ...).
Without libharfbuzz-subset0 WeasyPrint subsets with fontTools, which costs
roughly 0.5 s per Inter face and 1 s per CJK face used in a document.

## SHA-256

```
{sums}
```
"""
    (OUT / "README.md").write_text(text, encoding="utf-8")


def main():
    global SOURCE_ROOT
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--from",
        dest="root",
        type=Path,
        default=Path("/"),
        help="folder the Debian packages were unpacked into (dpkg-deb -x)",
    )
    SOURCE_ROOT = parser.parse_args().root.resolve()
    OUT.mkdir(parents=True, exist_ok=True)
    inter_version = dpkg_version("fonts-inter")
    noto_version = dpkg_version("fonts-noto-cjk")
    core_version = dpkg_version("fonts-noto-core")

    print(f"Inter from fonts-inter {inter_version}")
    inter_results = build_inter(ranges_to_unicodes(INTER_RANGES), inter_version)

    big5_level2 = True
    while True:
        cjk_sets = national_standard_chars(big5_level2)
        unicodes = ranges_to_unicodes(CJK_BLOCKS)
        for chars in cjk_sets.values():
            unicodes |= {ord(c) for c in chars}
        print(
            f"Noto Sans CJK SC from fonts-noto-cjk {noto_version}: "
            f"{len(unicodes):,} requested code points" + ("" if big5_level2 else " (Big5 level 2 dropped)")
        )
        cjk_results, order_report = build_cjk(unicodes, noto_version)
        if big5_level2 and max(r[1] for r in cjk_results) > CJK_SIZE_LIMIT:
            print("  larger than the limit: dropping Big5 level 2")
            big5_level2 = False
            continue
        break

    jis = {ord(c) for c in national_standard_chars()["JIS X 0208 (euc_jp)"]}
    jp_unicodes = japanese_differences(jis | ranges_to_unicodes(CJK_BLOCKS))
    print(f"Noto Sans CJK JP: {len(jp_unicodes):,} characters drawn differently from SC")
    # Spaces and ASCII too: Pango gives a space between two Japanese characters the font of
    # the one before it without asking whether that font has a space (.notdef otherwise).
    jp_results = build_cjk_jp(jp_unicodes | ranges_to_unicodes(CJK_BLOCKS[:2]), noto_version)
    print(f"Noto Sans Arabic, Hebrew, Devanagari, Thai from fonts-noto-core {core_version}")
    script_results = build_script_fonts(core_version)

    from cardgen.fonts import COVERAGE, coverage_from_fonts

    COVERAGE.write_text(coverage_from_fonts(), encoding="ascii")  # read at every run instead of the fonts
    write_licences(source(INTER_DIR / "Inter-Regular.otf"), source(NOTO_DIR / "NotoSansCJK-Regular.ttc"))
    write_readme(
        inter_version,
        noto_version,
        _source_version(TTFont(source(INTER_DIR / "Inter-Regular.otf"), lazy=True)),
        _source_version(TTFont(source(NOTO_DIR / "NotoSansCJK-Regular.ttc"), fontNumber=NOTO_SC_INDEX, lazy=True)),
        inter_results + cjk_results + jp_results + script_results,
        cjk_sets,
        big5_level2,
        order_report,
        core_version,
        len(jp_unicodes),
    )
    print(f"Wrote {OUT.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
