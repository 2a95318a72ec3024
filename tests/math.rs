//! Our elementary functions against the standard library's, over the ranges a map uses and
//! beyond: the projection and the view depend on them.

use jingjinji_map::geo::math;

/// Distance in units in the last place, or in absolute terms near zero.
fn close(ours: f64, std: f64, ulps: i64, what: &str) {
    if ours == std || (ours.is_nan() && std.is_nan()) {
        return;
    }
    let apart = (ours.to_bits() as i64 - std.to_bits() as i64).abs();
    assert!(
        apart <= ulps || (ours - std).abs() < 1e-15,
        "{what}: ours {ours:e}, std {std:e} ({apart} ulps apart)"
    );
}

/// `n` values evenly spread over `lo..=hi`.
fn spread(lo: f64, hi: f64, n: usize) -> impl Iterator<Item = f64> {
    (0..=n).map(move |k| lo + (hi - lo) * k as f64 / n as f64)
}

#[test]
fn sine_cosine_and_tangent() {
    for x in spread(-20.0, 20.0, 20_011) {
        close(math::sin(x), x.sin(), 4, &format!("sin {x}"));
        close(math::cos(x), x.cos(), 4, &format!("cos {x}"));
    }
    // Tangent where the projection takes it: π/4 + latitude/2 for latitudes within ±89.9°.
    for lat in spread(-89.9, 89.9, 10_007) {
        let x = std::f64::consts::FRAC_PI_4 + lat.to_radians() / 2.0;
        close(math::tan(x), x.tan(), 6, &format!("tan {x}"));
    }
    assert!(math::sin(f64::NAN).is_nan() && math::cos(f64::INFINITY).is_nan());
}

#[test]
fn arctangents() {
    for x in spread(-50.0, 50.0, 20_011).chain([1e-300, 1e300, f64::INFINITY, -0.0]) {
        close(math::atan(x), x.atan(), 4, &format!("atan {x}"));
    }
    for (y, x) in [
        (1.0, 1.0),
        (1.0, -1.0),
        (-1.0, -1.0),
        (-1.0, 1.0),
        (0.0, -2.0),
        (3.0, 0.0),
        (-3.0, 0.0),
        (0.0, 0.0),
    ] {
        close(
            math::atan2(y, x),
            f64::atan2(y, x),
            4,
            &format!("atan2 {y} {x}"),
        );
    }
}

#[test]
fn logarithms_exponentials_and_powers() {
    for x in spread(1e-6, 1e6, 20_011).chain([1e-310, 1e-300, 0.5, 1.0, 2.0, 1e300]) {
        close(math::ln(x), x.ln(), 4, &format!("ln {x}"));
        assert_eq!(
            math::floor_log2(x),
            x.log2().floor() as i32,
            "floor log2 {x}"
        );
    }
    close(math::ln(f64::MAX), f64::MAX.ln(), 4, "ln max");
    // std's log2 of the largest f64 rounds up to 1024; its integer part is 1023.
    assert_eq!(math::floor_log2(f64::MAX), 1023);
    assert_eq!(math::ln(0.0), f64::NEG_INFINITY);
    assert!(math::ln(-1.0).is_nan());
    for x in spread(-700.0, 700.0, 20_011).chain(spread(-3.0, 3.0, 6_007)) {
        close(math::exp(x), x.exp(), 4, &format!("exp {x}"));
    }
    assert_eq!(math::exp(1000.0), f64::INFINITY);
    assert_eq!(math::exp(-1000.0), 0.0);
    // Powers as the projection and the easing take them.
    for base in spread(0.01, 6.0, 997) {
        for power in spread(-2.0, 2.0, 41) {
            close(
                math::powf(base, power),
                base.powf(power),
                16,
                &format!("{base}^{power}"),
            );
        }
    }
    // Exact at powers of two, where a logarithm computed in floating point could fall short.
    for k in -1022..1024 {
        assert_eq!(math::floor_log2(2f64.powi(k)), k, "2^{k}");
    }
    assert_eq!(
        math::floor_log2(f64::from_bits(1)),
        -1074,
        "the smallest subnormal"
    );
    assert_eq!(math::floor_log2(0.0), i32::MIN);
}
