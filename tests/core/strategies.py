"""Hypothesis strategies for text that stresses a Chinese pipeline."""

from hypothesis import strategies as st

# Code point ranges a real text may hold, each a risk of its own: common and rare Han
# (Extension A, B and beyond, which are outside the BMP), CJK punctuation, full-width forms,
# combining marks, zero-width and bidi controls, emoji with variation selectors, white space
# of every kind, Latin, Cyrillic and Arabic.
_RANGES = [
    (0x4E00, 0x9FFF),
    (0x3400, 0x4DBF),
    (0x20000, 0x2A6DF),
    (0x30000, 0x3134F),
    (0x3000, 0x303F),
    (0xFF00, 0xFFEF),
    (0x0300, 0x036F),
    (0x200B, 0x200F),
    (0x2028, 0x202E),
    (0xFE00, 0xFE0F),
    (0x1F300, 0x1F6FF),
    (0x0020, 0x007E),
    (0x0400, 0x04FF),
    (0x0600, 0x06FF),
]
_SPACES = "\t \u3000\u00a0\u2028\u000b\u000c\u0085"
_WORDS = ["普丁", "川普", "銀行", "長期", "協調", "歐洲協調", "雅爾達", "了", "還是", "重要"]

chinese_char = st.one_of(
    *[st.integers(lo, hi).map(chr) for lo, hi in _RANGES],
    st.sampled_from(_SPACES),
)

# Mixed text: stretches of odd characters, real words, and arbitrary Unicode from hypothesis.
mixed_text = st.lists(
    st.one_of(
        st.text(chinese_char, max_size=12),
        st.sampled_from(_WORDS),
        st.text(max_size=6),
    ),
    max_size=12,
).map("".join)
