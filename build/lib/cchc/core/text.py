"""Vietnamese text helpers."""

import unicodedata


def fold(text: str) -> str:
    """Lower-case, without diacritics, đ → d: 'Đăng ký khai sinh' → 'dang ky khai sinh'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())
