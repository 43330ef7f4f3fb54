"""
Reference values of the BG/NBD expected purchases of an alive customer, H(t) = E[(1 - (beta/(beta+p t))^R) / p]
with p ~ Beta(a, b + x), R = r + x, beta = alpha + T (FHL 2005, eq. 10 without P(alive)), computed with mpmath
at 60 significant digits: the Gauss hypergeometric function of eq. 10 as written (no Euler transformation), and
where it has no value (a = 1, a + b + x - 1 = 0: 0/0) the mean of a +/- 1e-25. Independent of the add-in's code.

Run: python3 test/reference/bgnbd_expected.py  (prints the table test/core/models/bgnbd-expected.test.ts holds)
"""
import mpmath as mp

mp.mp.dps = 60

CASES = [
    # r, alpha, a, b, x, T, t
    (0.243, 4.414, 0.793, 2.426, 2, 38.86, 39),
    (0.243, 4.414, 0.793, 2.426, 0, 38.86, 52),
    (0.243, 4.414, 0.793, 2.426, 2, 38.86, 5200),
    (0.243, 4.414, 0.793, 2.426, 2, 38.86, 100000),
    (0.243, 4.414, 0.793, 2.426, 0, 0.5, 100000),
    (0.243, 4.414, 0.793, 2.426, 150, 38.86, 52000),
    (0.243, 4.414, 0.793, 2.426, 20, 0.5, 0.3),
    (1, 1, 2, 1, 0, 0, 1e5),
    (1, 1, 2, 1, 7, 3, 700),
    (1, 1, 2, 1, 2, 38.86, 1e5),
    (1, 1, 1, 1, 0, 3, 9000),
    (1, 1, 1, 1, 60, 400, 30),
    (2, 0.05, 1, 0.5, 2, 0, 1e5),
    (0.5, 0.001, 0.5, 0.5, 0, 3, 700),
    (0.5, 0.001, 0.5, 0.5, 0, 400, 1e5),
    (0.3, 0.01, 1.3, 100, 1, 0.5, 52),
    (0.3, 0.01, 1.3, 100, 1, 38.86, 5200),
    (0.8, 20, 5, 40, 0, 38.86, 520),
    (5, 2, 0.2, 0.3, 3, 0.5, 52000),
    (2, 10, 3, 0.5, 20, 38.86, 5),
    (1e-3, 1, 0.05, 0.05, 0, 0, 1e5),
    (20, 1, 0.5, 200, 1000, 3, 9000),
    (0.7, 5, 1 + 1e-7, 3, 2, 3, 9000),
    (1 + 4e-5, 1, 2, 1, 2, 3, 1e5),
    (0.25, 4, 1.25, 2, 0, 0, 1e5),
    (3.2, 1.1, 0.9, 7.5, 3, 38.86, 52000),
    (51318, 10, 68.18, 25.36, 5, 10, 59),
    (20, 1, 0.5, 200, 60, 3, 30),
]


def head(r, alpha, a, b, x, T, t):
    r, alpha, a, b, x, T, t = map(mp.mpf, (r, alpha, a, b, x, T, t))
    R, bp, beta = r + x, b + x, alpha + T
    z, w = t / (beta + t), beta / (beta + t)

    def at(aa):
        c = aa + bp - 1
        return c / (aa - 1) * (1 - w**R * mp.hyp2f1(R, bp, c, z, maxterms=10**6))

    if abs(a - 1) < mp.mpf("1e-30") or abs(a + bp - 1) < mp.mpf("1e-30"):
        e = mp.mpf("1e-25")
        return (at(a + e) + at(a - e)) / 2
    return at(a)


if __name__ == "__main__":
    for c in CASES:
        print("  [[%s], %r]," % (", ".join(repr(v) for v in c), float(head(*c))))
