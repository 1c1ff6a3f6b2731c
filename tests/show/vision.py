"""How far apart two colours look, with normal colour vision and with the two common colour-vision deficiencies,
and how well a text reads on its background: measures the figure and widget tests assert on.

``delta_e`` is the CIE 1976 colour difference (Euclidean distance in CIELAB, D65 white); 2.3 is a just
noticeable difference, and curves of one figure want tens. ``SIMULATIONS`` holds the matrices of Machado,
Oliveira & Fernandes (2009), "A physiologically-based model for simulation of color vision deficiency",
severity 1.0, applied to linear sRGB. ``contrast_ratio`` is WCAG 2.1's ``(L₁ + 0.05) / (L₂ + 0.05)``; text
needs at least 4.5. Written apart from :mod:`coursekit.show.look`, so that a test does not check the code
against itself.
"""

import numpy as np

SIMULATIONS = {
    "normal": np.eye(3),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
}
_RGB_TO_XYZ = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
_WHITE = np.array([0.95047, 1.0, 1.08883])


def linear_rgb(color: str) -> np.ndarray:
    """``"#RRGGBB"`` as linear-light sRGB in [0, 1]."""
    c = np.array([int(color.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]) / 255
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _lab(rgb: np.ndarray) -> np.ndarray:
    xyz = _RGB_TO_XYZ @ rgb / _WHITE
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(a: str, b: str, vision: str = "normal") -> float:
    """The CIE 1976 difference of two colours as seen with ``vision`` (a key of ``SIMULATIONS``)."""
    seen = [np.clip(SIMULATIONS[vision] @ linear_rgb(c), 0, 1) for c in (a, b)]
    return float(np.linalg.norm(_lab(seen[0]) - _lab(seen[1])))


def contrast_ratio(text: str, background: str) -> float:
    """WCAG 2.1's contrast ratio of two ``"#RRGGBB"`` colours, from 1 (the same) to 21 (black on white)."""
    lum = sorted(float(linear_rgb(c) @ [0.2126, 0.7152, 0.0722]) for c in (text, background))
    return (lum[1] + 0.05) / (lum[0] + 0.05)
