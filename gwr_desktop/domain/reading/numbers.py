"""Writing a counter the way Word's numFmt values print it: 3 → "3", "三", "丙", "③", "C", "iii"."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def chinese_counting(value: int) -> str:
    """1 → 一, 10 → 十, 15 → 十五, 20 → 二十, 105 → 一百零五, 1234 → 一千二百三十四."""
    if value <= 0:
        return _DIGITS[0]
    if value < 10:
        return _DIGITS[value]
    if value < 20:
        return "十" + (_DIGITS[value - 10] if value > 10 else "")
    if value < 100:
        tens, units = divmod(value, 10)
        return _DIGITS[tens] + "十" + (_DIGITS[units] if units else "")
    for size, name in ((10000, "万"), (1000, "千"), (100, "百")):
        if value >= size:
            head, rest = divmod(value, size)
            if not rest:
                return chinese_counting(head) + name
            gap = "零" if rest < size // 10 else ""
            tail = chinese_counting(rest)
            if rest < 20 and size == 100:
                tail = "一" + tail if rest >= 10 else tail  # 一百一十五, not 一百十五
            return chinese_counting(head) + name + gap + tail
    return str(value)


def _letters(value: int) -> str:
    # Word repeats the letter: 27 → AA, 28 → BB.
    return chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)


def _roman(value: int) -> str:
    out = []
    for size, text in _ROMAN:
        while value >= size:
            out.append(text)
            value -= size
    return "".join(out)


def format_number(value: int, fmt: str) -> str:
    fmt = fmt or "decimal"
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "ideographDigital", "chineseLegalSimplified", "taiwaneseCountingThousand", "japaneseDigitalTenThousand"):
        return chinese_counting(value)
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(0xFF10 + int(d)) for d in str(value))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _CIRCLED[value - 1] if 1 <= value <= len(_CIRCLED) else str(value)
    if fmt == "ideographTraditional":
        return _TIANGAN[(value - 1) % 10]
    if fmt == "ideographZodiac":
        return _DIZHI[(value - 1) % 12]
    if fmt == "upperLetter":
        return _letters(value)
    if fmt == "lowerLetter":
        return _letters(value).lower()
    if fmt == "upperRoman":
        return _roman(value)
    if fmt == "lowerRoman":
        return _roman(value).lower()
    if fmt in ("none", "bullet"):
        return ""
    return str(value)
