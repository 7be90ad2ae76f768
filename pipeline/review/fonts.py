"""A font that draws Chinese, for the notebook's plots (matplotlib) and the screenshots of
the review site (Chromium, through fontconfig).

A system font comes first (Noto Sans CJK, Source Han Sans, WenQuanYi, SimHei, YaHei,
PingFang …), else Noto Sans CJK as the analysis extra ships it (the noto-cjk-sans-otc
package, SIL Open Font License). A font counts only when it has the glyphs of a sample of
Chinese. With none, `use_cjk_font` warns, saying what to install, and returns None, so
that a notebook can label its plots without Chinese instead of drawing empty boxes.
"""
from __future__ import annotations

import warnings
from pathlib import Path
from xml.sax.saxutils import escape

FAMILIES = ["Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Zen Hei",
            "WenQuanYi Micro Hei", "Sarasa Gothic SC", "SimHei", "Microsoft YaHei", "PingFang SC",
            "Heiti SC", "Hiragino Sans GB", "Noto Sans CJK TC", "Noto Sans CJK JP"]
SAMPLE = "工会会员资金帮扶职工"
INSTALL = ("pip install -e '.[analysis]' (it ships Noto Sans CJK, package noto-cjk-sans-otc), or a "
           "system font: apt-get install fonts-noto-cjk (Debian, Ubuntu), dnf install "
           "google-noto-sans-cjk-fonts (Fedora), brew install --cask font-noto-sans-cjk-sc (macOS)")


def packaged_fonts() -> list[Path]:
    """The CJK font files that Python packages installed here ship."""
    try:
        import noto_cjk_sans_otc
    except ImportError:
        return []
    path = Path(str(noto_cjk_sans_otc.FONT_PATH))
    return [path] if path.is_file() else []


def draws(family: str, sample: str = SAMPLE) -> bool:
    """Whether matplotlib has a font of `family` with a glyph for every character of `sample`."""
    from matplotlib import font_manager

    try:
        path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
        font = font_manager.get_font(path)
    except (ValueError, RuntimeError, OSError):
        return False
    return all(font.get_char_index(ord(ch)) for ch in sample)


def find_cjk_font(families: list[str] = FAMILIES, extra_files: list[Path] | None = None) -> str | None:
    """The first of `families` that matplotlib can draw Chinese with, after registering
    `extra_files` (default: `packaged_fonts()`); None when there is none."""
    from matplotlib import font_manager

    for path in packaged_fonts() if extra_files is None else extra_files:
        font_manager.fontManager.addfont(str(path))
    known = {entry.name for entry in font_manager.fontManager.ttflist}
    return next((family for family in families if family in known and draws(family)), None)


def use_cjk_font(families: list[str] = FAMILIES, extra_files: list[Path] | None = None) -> str | None:
    """Make matplotlib draw Chinese with the font `find_cjk_font` gives, and return its name;
    without one, warn (saying what to install) and return None."""
    import matplotlib

    family = find_cjk_font(families, extra_files)
    if family is None:
        warnings.warn("no font that draws Chinese was found: the plots label their figures without "
                      f"Chinese instead of drawing empty boxes. To get one: {INSTALL}", stacklevel=2)
        return None
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [family, "DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    return family


def fontconfig_file(folder: Path) -> Path | None:
    """A fontconfig file (for Chromium) that adds the packaged CJK fonts to the system's,
    written in `folder`; None when no package ships one."""
    fonts = packaged_fonts()
    if not fonts:
        return None
    dirs = "".join(f"  <dir>{escape(str(path.parent))}</dir>\n" for path in fonts)
    path = folder / "fonts.conf"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
                    f"{dirs}</fontconfig>\n", encoding="utf-8")
    return path
