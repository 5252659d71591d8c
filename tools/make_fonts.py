#!/usr/bin/env python3
"""Regenerate the fonts bundled in cardgen/fonts/.

Run from the repository root with the project venv:

    apt-get install fonts-inter fonts-noto-cjk      # build-time sources only
    /work/venv/bin/python tools/make_fonts.py

Sources (Debian packages, installed system-wide only to build from):

* fonts-inter     /usr/share/fonts/opentype/inter/Inter-*.otf (static CFF OTFs)
* fonts-noto-cjk  /usr/share/fonts/opentype/noto/NotoSansCJK-{Regular,Bold}.ttc
                  (face index 2 = "Noto Sans CJK SC")

Outputs (cardgen/fonts/):

* Inter-{Regular,Italic,SemiBold,SemiBoldItalic,ExtraBold,ExtraBoldItalic}.otf
  family "Cardgen Sans", PostScript names CardgenSans-*
* NotoSansCJK-{Regular,Bold}.otf, family "Cardgen CJK", PostScript names
  CardgenCJK-Regular / CardgenCJK-Bold
* OFL-Inter.txt, OFL-NotoSansCJK.txt (copyright + full OFL 1.1 text)
* README.md (provenance, coverage, sizes, SHA-256 sums)

The fonts are renamed (OFL: a Modified Version must not claim the original
name) so that a PDF can be checked for the bundled faces and so that no
system-installed Inter / Noto CJK can be picked up in their place.

The output is deterministic: same source packages -> byte-identical files.
"""

import hashlib
import subprocess
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "cardgen" / "fonts"

INTER_DIR = Path("/usr/share/fonts/opentype/inter")
NOTO_DIR = Path("/usr/share/fonts/opentype/noto")
NOTO_SC_INDEX = 2  # face in the .ttc: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK
INTER_COPYRIGHT_FILE = Path("/usr/share/doc/fonts-inter/copyright")
NOTO_COPYRIGHT_FILE = Path("/usr/share/doc/fonts-noto-cjk/copyright")

SANS_FAMILY = "Cardgen Sans"
CJK_FAMILY = "Cardgen CJK"

# (source file stem, weight label used in names, italic?)
INTER_STYLES = [
    ("Regular", "Regular", False),
    ("Italic", "Regular", True),
    ("SemiBold", "SemiBold", False),
    ("SemiBoldItalic", "SemiBold", True),
    ("ExtraBold", "ExtraBold", False),
    ("ExtraBoldItalic", "ExtraBold", True),
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
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
]

BIG5_LEVEL1 = (0xA440, 0xC67E)
BIG5_LEVEL2_START = 0xC940


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
    big5 = _decode_two_byte(
        "big5", range(0xA1, 0xFA), [*range(0x40, 0x7F), *range(0xA1, 0xFF)])
    if not big5_level2:
        # Keep the symbol rows (0xA140-0xA3FE) and level 1 hanzi only.
        big5 = {code: c for code, c in big5.items() if code <= BIG5_LEVEL1[1]}
    sets["Big5" + ("" if big5_level2 else " (symbols + level 1)")] = set(big5.values())
    return sets


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
    try:
        return subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", package],
            check=True, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        sys.exit(f"{package} is not installed: apt-get install {package}")


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
    return TTFont(path, fontNumber=font_number, recalcTimestamp=False,
                  lazy=False)


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
    start = next(i + 1 for i, line in enumerate(lines[:-1])
                 if line == f"License: {stanza}" and lines[i + 1].startswith(" "))
    body = []
    for line in lines[start:]:
        if not line.startswith(" "):
            break
        line = line[1:]
        body.append("" if line == "." else line)
    text = "\n".join(body).strip("\n") + "\n"
    assert "PERMISSION & CONDITIONS" in text and "DISCLAIMER" in text, path
    if "SIL OPEN FONT LICENSE Version 1.1" not in text:
        text = ("-----------------------------------------------------------\n"
                "SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007\n"
                "-----------------------------------------------------------\n\n"
                + text)
    return text


# ---------------------------------------------------------------- builders

def build_inter(unicodes, version_note):
    results = []
    for stem, weight, italic in INTER_STYLES:
        src = INTER_DIR / f"Inter-{stem}.otf"
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
        typo_sub = (f"{weight} Italic" if weight != "Regular" else "Italic") \
            if italic else weight
        full = f"{SANS_FAMILY} {typo_sub}" if typo_sub != "Regular" else f"{SANS_FAMILY} Regular"
        ps = f"CardgenSans-{stem}"
        _replace_names(font, {
            1: legacy_family,
            2: ribbi,
            3: f"{ps};{src_version};cardgen subset",
            4: full,
            6: ps,
            10: (f"Modified version of Inter ({src_version}, Debian fonts-inter "
                 f"{version_note}): subset and renamed for cardgen by "
                 "tools/make_fonts.py."),
            16: SANS_FAMILY,
            17: typo_sub,
            18: None, 21: None, 22: None,
        })
        _rename_cff(font, ps, full, SANS_FAMILY)
        out = OUT / f"Inter-{stem}.otf"
        size = save(font, out)
        results.append((out, size, font["OS/2"].usWeightClass,
                        "italic" if italic else "normal", ps))
        print(f"  {out.name}: {size:,} bytes, {len(font.getGlyphOrder())} glyphs")
    return results


def build_cjk(unicodes, version_note):
    results = []
    for style in CJK_STYLES:
        src = NOTO_DIR / f"NotoSansCJK-{style}.ttc"
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
        ps = f"CardgenCJK-{style}"
        full = f"{CJK_FAMILY} {style}"
        _replace_names(font, {
            1: CJK_FAMILY,
            2: style,
            3: f"{ps};{src_version};cardgen subset",
            4: full,
            6: ps,
            10: (f"Modified version of Noto Sans CJK SC ({src_version}, "
                 f"Debian fonts-noto-cjk {version_note}): subset and renamed "
                 "for cardgen by tools/make_fonts.py."),
            16: CJK_FAMILY,
            17: style,
            18: None, 21: None, 22: None,
        })
        _rename_cff(font, ps, full, CJK_FAMILY)
        out = OUT / f"NotoSansCJK-{style}.otf"
        size = save(font, out)
        results.append((out, size, font["OS/2"].usWeightClass, "normal", ps))
        print(f"  {out.name}: {size:,} bytes, {len(font.getGlyphOrder())} glyphs")
    return results


def write_licences(inter_font, noto_font):
    inter_ofl = ofl_from_debian_copyright(INTER_COPYRIGHT_FILE, "OFL-1.1")
    noto_ofl = ofl_from_debian_copyright(NOTO_COPYRIGHT_FILE, "SIL-1.1")
    inter_copyright = TTFont(inter_font, lazy=True)["name"].getDebugName(0)
    noto_copyright = TTFont(noto_font, fontNumber=NOTO_SC_INDEX,
                            lazy=True)["name"].getDebugName(0)
    header = (
        "{copyright}\n"
        "{extra}\n\n"
        "The files {files} in this directory are a Modified Version of\n"
        "{original} (subset and renamed to \"{family}\"; see README.md).\n\n"
        "This Font Software is licensed under the SIL Open Font License,\n"
        "Version 1.1. This license is copied below, and is also available\n"
        "with a FAQ at: https://openfontlicense.org\n\n")
    (OUT / "OFL-Inter.txt").write_text(header.format(
        copyright=inter_copyright,
        extra="Copyright 2016-2022 The Inter Project Authors "
              "(https://github.com/rsms/inter)",
        files="Inter-*.otf", original="Inter", family=SANS_FAMILY,
    ) + inter_ofl, encoding="utf-8")
    (OUT / "OFL-NotoSansCJK.txt").write_text(header.format(
        copyright=noto_copyright.replace("©", "Copyright"),
        extra="Noto is a trademark of Google Inc. "
              "(https://github.com/notofonts/noto-cjk)",
        files="NotoSansCJK-*.otf", original="Noto Sans CJK SC",
        family=CJK_FAMILY,
    ) + noto_ofl, encoding="utf-8")


def write_readme(inter_version, noto_version, inter_src_version,
                 noto_src_version, results, cjk_sets, big5_level2):
    union = set().union(*cjk_sets.values())
    hangul = sum(0xAC00 <= ord(c) <= 0xD7A3 for c in union)
    han = sum(0x3400 <= ord(c) <= 0x9FFF or 0xF900 <= ord(c) <= 0xFAFF
              for c in union)
    rows = "\n".join(
        f"| `{p.name}` | {size:,} | {weight} | {style} | `{ps}` |"
        for p, size, weight, style, ps in results)
    sums = "\n".join(f"{sha256(p)}  {p.name}" for p, *_ in results)
    cjk_counts = "\n".join(f"    - {name}: {len(chars):,} characters"
                           for name, chars in cjk_sets.items())
    big5_note = ("all of Big5 (symbols, level 1 and level 2)" if big5_level2
                 else "Big5 symbols and level 1 only (0xA440-0xC67E); level 2 "
                      f"was dropped because the files exceeded "
                      f"{CJK_SIZE_LIMIT // 2**20} MiB")
    text = f"""\
# Bundled fonts

Generated by `tools/make_fonts.py` -- do not edit these files by hand.
To regenerate (same Debian package versions give byte-identical output):

    apt-get install fonts-inter fonts-noto-cjk   # build-time only
    /work/venv/bin/python tools/make_fonts.py    # from the repository root

Nothing here depends on system fonts at runtime; the Debian packages are only
the source the files are cut from.

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
    Extensions), Hangul Compatibility Jamo, Halfwidth and Fullwidth Forms,
    ASCII;
  - every character of the national standards, found by decoding every
    two-byte code with Python's codecs:
{cjk_counts}
    - i.e. {big5_note}; {hangul:,} Hangul syllables, {han:,} ideographs.
* Glyph shapes are the SC (Simplified Chinese) defaults; Japanese/Korean
  locale variants ('locl') are not kept. No layout features, no vertical
  metrics, no hinting.
* License: SIL OFL 1.1, see `OFL-NotoSansCJK.txt`.

## CSS

```css
@font-face {{ font-family: "Cardgen Sans"; font-weight: 400; font-style: normal;
             src: url(Inter-Regular.otf); }}
/* ... 600 -> Inter-SemiBold.otf, 800 -> Inter-ExtraBold.otf,
       italics -> Inter-*Italic.otf with font-style: italic */
@font-face {{ font-family: "Cardgen CJK"; font-weight: 400;
             src: url(NotoSansCJK-Regular.otf); }}
@font-face {{ font-family: "Cardgen CJK"; font-weight: 700;
             src: url(NotoSansCJK-Bold.otf); }}
body {{ font-family: "Cardgen Sans", "Cardgen CJK"; }}
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
    OUT.mkdir(parents=True, exist_ok=True)
    inter_version = dpkg_version("fonts-inter")
    noto_version = dpkg_version("fonts-noto-cjk")

    print(f"Inter from fonts-inter {inter_version}")
    inter_results = build_inter(ranges_to_unicodes(INTER_RANGES), inter_version)

    big5_level2 = True
    while True:
        cjk_sets = national_standard_chars(big5_level2)
        unicodes = ranges_to_unicodes(CJK_BLOCKS)
        for chars in cjk_sets.values():
            unicodes |= {ord(c) for c in chars}
        print(f"Noto Sans CJK SC from fonts-noto-cjk {noto_version}: "
              f"{len(unicodes):,} requested code points"
              + ("" if big5_level2 else " (Big5 level 2 dropped)"))
        cjk_results = build_cjk(unicodes, noto_version)
        if big5_level2 and max(r[1] for r in cjk_results) > CJK_SIZE_LIMIT:
            print("  larger than the limit: dropping Big5 level 2")
            big5_level2 = False
            continue
        break

    write_licences(INTER_DIR / "Inter-Regular.otf",
                   NOTO_DIR / "NotoSansCJK-Regular.ttc")
    write_readme(
        inter_version, noto_version,
        _source_version(TTFont(INTER_DIR / "Inter-Regular.otf", lazy=True)),
        _source_version(TTFont(NOTO_DIR / "NotoSansCJK-Regular.ttc",
                               fontNumber=NOTO_SC_INDEX, lazy=True)),
        inter_results + cjk_results, cjk_sets, big5_level2)
    print(f"Wrote {OUT.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
