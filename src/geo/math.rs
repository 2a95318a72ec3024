//! The elementary functions the map needs (sine, cosine, tangent, arctangent, logarithm,
//! exponential), in plain arithmetic. On wasm the standard library takes them from a libm
//! that adds about 10 KB to the download; these are a few hundred bytes, and native builds use
//! them too, so the browser and the tests compute the same numbers. Each is within a few
//! units in the last place of the standard library's over the ranges a map uses (see
//! `tests/math.rs`).

use std::f64::consts::{FRAC_PI_2, FRAC_PI_4, LN_2, PI};

/// π/2 in three parts (Cody and Waite): the first has only 26 significant bits, so `k · HI`
/// is exact for any multiple `k` a map meets, and reducing an angle by multiples of π/2 loses
/// almost nothing.
const PIO2_HI: f64 = 1.570_796_310_901_641_8;
const PIO2_MID: f64 = 1.589_325_477_352_819_6e-8;
const PIO2_LO: f64 = 6.368_317_163_510_95e-25;

/// ln 2 in three parts, as π/2 above: `k · LN2_HI` is exact for any exponent `k`.
const LN2_HI: f64 = 0.693_147_167_563_438_4;
const LN2_MID: f64 = 1.299_650_689_388_988_9e-8;
const LN2_LO: f64 = -2.468_817_141_934_586_3e-25;

/// Evaluates `c[0] + z·(c[1] + z·(c[2] + …))`.
fn horner(z: f64, c: &[f64]) -> f64 {
    c.iter().rev().fold(0.0, |acc, k| acc * z + k)
}

/// Taylor coefficients of sin(r)/r in r² (up to r¹⁸/19!): on |r| ≤ π/4 the first term left
/// out is below 10⁻¹⁹.
const SIN: [f64; 10] = [
    1.0,
    -1.0 / 6.0,
    1.0 / 120.0,
    -1.0 / 5040.0,
    1.0 / 362_880.0,
    -1.0 / 39_916_800.0,
    1.0 / 6_227_020_800.0,
    -1.0 / 1_307_674_368_000.0,
    1.0 / 355_687_428_096_000.0,
    -1.0 / 121_645_100_408_832_000.0,
];

/// Taylor coefficients of cos(r) in r² (up to r¹⁸/18!).
const COS: [f64; 10] = [
    1.0,
    -1.0 / 2.0,
    1.0 / 24.0,
    -1.0 / 720.0,
    1.0 / 40_320.0,
    -1.0 / 3_628_800.0,
    1.0 / 479_001_600.0,
    -1.0 / 87_178_291_200.0,
    1.0 / 20_922_789_888_000.0,
    -1.0 / 6_402_373_705_728_000.0,
];

/// 1/k! for k = 0..=17: the Taylor coefficients of eʳ; on |r| ≤ ln 2 / 2 the first term left
/// out is below 10⁻¹⁹.
const EXP: [f64; 18] = [
    1.0,
    1.0,
    1.0 / 2.0,
    1.0 / 6.0,
    1.0 / 24.0,
    1.0 / 120.0,
    1.0 / 720.0,
    1.0 / 5040.0,
    1.0 / 40_320.0,
    1.0 / 362_880.0,
    1.0 / 3_628_800.0,
    1.0 / 39_916_800.0,
    1.0 / 479_001_600.0,
    1.0 / 6_227_020_800.0,
    1.0 / 87_178_291_200.0,
    1.0 / 1_307_674_368_000.0,
    1.0 / 20_922_789_888_000.0,
    1.0 / 355_687_428_096_000.0,
];

/// 1/(2k+1) for k = 0..=11: atanh(s)/s in s²; on |s| ≤ 3 − 2√2 (the logarithm's range after
/// reduction) the first term left out is below 10⁻¹⁸. Multiplying by these, not dividing,
/// keeps the projection of every vertex cheap.
const ATANH: [f64; 12] = [
    1.0,
    1.0 / 3.0,
    1.0 / 5.0,
    1.0 / 7.0,
    1.0 / 9.0,
    1.0 / 11.0,
    1.0 / 13.0,
    1.0 / 15.0,
    1.0 / 17.0,
    1.0 / 19.0,
    1.0 / 21.0,
    1.0 / 23.0,
];

/// Sine and cosine of `x` radians (accurate for |x| up to about 10⁶, far beyond any angle a
/// map uses; NaN for non-finite `x`).
pub fn sin_cos(x: f64) -> (f64, f64) {
    if !x.is_finite() {
        return (f64::NAN, f64::NAN);
    }
    let k = (x / FRAC_PI_2).round();
    let r = ((x - k * PIO2_HI) - k * PIO2_MID) - k * PIO2_LO;
    let z = r * r;
    let (s, c) = (r * horner(z, &SIN), horner(z, &COS));
    match (k as i64).rem_euclid(4) {
        0 => (s, c),
        1 => (c, -s),
        2 => (-s, -c),
        _ => (-c, s),
    }
}

/// Sine of `x` radians.
pub fn sin(x: f64) -> f64 {
    sin_cos(x).0
}

/// Cosine of `x` radians.
pub fn cos(x: f64) -> f64 {
    sin_cos(x).1
}

/// Tangent of `x` radians.
pub fn tan(x: f64) -> f64 {
    let (s, c) = sin_cos(x);
    s / c
}

/// Sums `first · Σ (-1)ᵏ zᵏ / (2k+1)` (`sign` −1) or `first · Σ zᵏ / (2k+1)` (`sign` 1)
/// until the terms stop counting: the arctangent's series (not on the projection's hot path).
fn odd_series(first: f64, z: f64, sign: f64) -> f64 {
    let mut sum = 0.0;
    let mut power = first;
    let mut k = 1.0;
    while power.abs() > 1e-18 * first.abs() && k < 200.0 {
        sum += power / k;
        power *= sign * z;
        k += 2.0;
    }
    sum
}

/// Arctangent of `x`, in radians.
pub fn atan(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    let a = x.abs();
    // atan a = π/2 − atan(1/a), and atan a = π/4 + atan((a−1)/(a+1)): the series then runs
    // on |t| ≤ tan(π/8), where it converges quickly.
    let (a, base, flip) = if a > 1.0 {
        (1.0 / a, FRAC_PI_2, true)
    } else {
        (a, 0.0, false)
    };
    let small = if a > 0.414_213_562_373_095 {
        let t = (a - 1.0) / (a + 1.0);
        FRAC_PI_4 + odd_series(t, t * t, -1.0)
    } else {
        odd_series(a, a * a, -1.0)
    };
    let r = if flip { base - small } else { small };
    r.copysign(x)
}

/// The angle of the point (x, y) from the positive x axis, in (−π, π].
pub fn atan2(y: f64, x: f64) -> f64 {
    if x > 0.0 {
        atan(y / x)
    } else if x < 0.0 {
        atan(y / x) + if y < 0.0 { -PI } else { PI }
    } else if y > 0.0 {
        FRAC_PI_2
    } else if y < 0.0 {
        -FRAC_PI_2
    } else {
        0.0
    }
}

/// Natural logarithm of `x` (−∞ at 0, NaN below).
pub fn ln(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    if x.is_infinite() {
        return x;
    }
    // x = m · 2ᵉ with m in [√½, √2): ln x = e·ln 2 + ln m, and ln m = 2·atanh((m−1)/(m+1)).
    let (x, offset) = if x < f64::MIN_POSITIVE {
        (x * 2f64.powi(54), -54) // subnormal: scale into the normal range first
    } else {
        (x, 0)
    };
    let bits = x.to_bits();
    let mut e = ((bits >> 52) & 0x7ff) as i32 - 1023 + offset;
    let mut m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    if m > std::f64::consts::SQRT_2 {
        m /= 2.0;
        e += 1;
    }
    let s = (m - 1.0) / (m + 1.0);
    f64::from(e) * LN_2 + 2.0 * s * horner(s * s, &ATANH)
}

/// The integer part of log₂ `x` for a positive finite `x`, exactly (from its exponent).
pub fn floor_log2(x: f64) -> i32 {
    if x >= f64::MIN_POSITIVE && x.is_finite() {
        ((x.to_bits() >> 52) & 0x7ff) as i32 - 1023
    } else if x > 0.0 {
        floor_log2(x * 2f64.powi(54)) - 54
    } else {
        i32::MIN
    }
}

/// e raised to `x`.
pub fn exp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x > 709.8 {
        return f64::INFINITY;
    }
    if x < -745.2 {
        return 0.0;
    }
    // eˣ = 2ᵏ · eʳ with |r| ≤ ln 2 / 2, where 18 terms of the series are enough.
    let k = (x / LN_2).round();
    let r = ((x - k * LN2_HI) - k * LN2_MID) - k * LN2_LO;
    let sum = horner(r, &EXP);
    // 2ᵏ in two halves, so that neither leaves the range of normal numbers too early.
    let k = k as i32;
    sum * 2f64.powi(k / 2) * 2f64.powi(k - k / 2)
}

/// `base` raised to `power`, for a positive `base` (NaN otherwise, 0 for a zero base).
pub fn powf(base: f64, power: f64) -> f64 {
    if base == 0.0 {
        return 0.0;
    }
    exp(power * ln(base))
}

/// The length of the vector (x, y).
pub fn hypot(x: f64, y: f64) -> f64 {
    (x * x + y * y).sqrt()
}
