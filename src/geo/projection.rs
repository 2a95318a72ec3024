//! Lambert conformal conic projection (spherical), fitted to the data's latitudes.
//!
//! Conformal keeps shapes of provinces and circles true locally; for North China the fitted
//! standard parallels (about 37° and 41.5°N) keep the scale error over the region under 0.3%.

use crate::geo::coords::{length, LonLat, Plane};

/// Mean Earth radius in metres (IUGG).
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// The isometric latitude ψ = ln tan(π/4 + φ/2) of latitude `phi` (radians), written as
/// ½·ln((1 + sin φ) / (1 − sin φ)), the same value: the sine of a latitude under 45° needs no
/// argument reduction, where the tangent of π/4 + φ/2, an angle over 45°, always did (libm's
/// `rem_pio2`, a few hundred nanoseconds for each of the data's positions in the browser's
/// first tier).
fn isometric(phi: f64) -> f64 {
    let s = phi.sin();
    0.5 * ((1.0 + s) / (1.0 - s)).ln()
}

/// A Lambert conformal conic projection on a sphere.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lambert {
    lon0: f64,
    n: f64,
    rf: f64,
    rho0: f64,
}

impl Lambert {
    /// A projection suited to data spanning `min`..`max`: centred on it, with standard
    /// parallels at 1/6 and 5/6 of its latitude range (the usual rule for conic maps),
    /// so any region a newsroom loads is drawn with little distortion.
    pub fn fitted(min: LonLat, max: LonLat) -> Lambert {
        let span = (max.lat - min.lat).max(0.5);
        let mid = (min.lat + max.lat) / 2.0;
        let (lat1, lat2) = (mid - span / 3.0, mid + span / 3.0);
        // Parallels on both sides of the equator give a cone that is nearly or exactly flat
        // (n ≈ 0, and n = 0 when they mirror each other). Keep both on the side of the data's
        // middle, at least 1° from the equator, with the same separation.
        let (lat1, lat2) = if lat1 * lat2 <= 0.0 {
            let side = if mid < 0.0 { -1.0 } else { 1.0 };
            (side * 1.0, side * (1.0 + (lat2 - lat1)))
        } else {
            (lat1, lat2)
        };
        Lambert::new((min.lon + max.lon) / 2.0, mid, lat1, lat2)
    }

    /// A projection with central meridian `lon0`, origin latitude `lat0` and standard
    /// parallels `lat1`, `lat2` (degrees). Equal parallels give the tangent cone.
    pub fn new(lon0: f64, lat0: f64, lat1: f64, lat2: f64) -> Lambert {
        let (p0, p1, p2) = (lat0.to_radians(), lat1.to_radians(), lat2.to_radians());
        let n = if (p1 - p2).abs() < 1e-10 {
            p1.sin()
        } else {
            (p1.cos() / p2.cos()).ln() / (isometric(p2) - isometric(p1))
        };
        let f = p1.cos() * (n * isometric(p1)).exp() / n;
        let rf = EARTH_RADIUS_M * f;
        Lambert {
            lon0,
            n,
            rf,
            rho0: rf * (-n * isometric(p0)).exp(),
        }
    }

    /// Projects a longitude/latitude onto the plane.
    pub fn forward(&self, ll: LonLat) -> Plane {
        let rho = self.rf * (-self.n * isometric(ll.lat.to_radians())).exp();
        let (sin_theta, cos_theta) = (self.n * (ll.lon - self.lon0).to_radians()).sin_cos();
        Plane {
            x: rho * sin_theta,
            y: self.rho0 - rho * cos_theta,
        }
    }

    /// Metres on the ground per plane metre at plane point `p` (the inverse of the
    /// projection's scale factor there, which depends only on latitude); `None` where the
    /// projection is undefined. A scale bar is true at the point it is measured for.
    pub fn ground_per_plane(&self, p: Plane) -> Option<f64> {
        // k = n·ρ / (R·cos φ), with t = tan(π/4 + φ/2) = (R·F/ρ)^(1/n) from the point's
        // distance to the cone's apex, and cos φ = 2t / (1 + t²): no inverse trigonometry.
        let rho = self.n.signum() * length(p.x, self.rho0 - p.y);
        let t = ((self.rf / rho).ln() / self.n).exp();
        let k = self.n * rho * (1.0 + t * t) / (2.0 * EARTH_RADIUS_M * t);
        (k.is_finite() && k > 0.0).then(|| 1.0 / k)
    }

    /// The longitude/latitude of a plane point; `None` where the inverse is undefined.
    pub fn inverse(&self, p: Plane) -> Option<LonLat> {
        let dy = self.rho0 - p.y;
        let rho = self.n.signum() * length(p.x, dy);
        if rho == 0.0 || !rho.is_finite() {
            return None;
        }
        let theta = (self.n.signum() * p.x).atan2(self.n.signum() * dy);
        let lat = 2.0 * ((self.rf / rho).ln() / self.n).exp().atan() - std::f64::consts::FRAC_PI_2;
        let ll = LonLat {
            lon: self.lon0 + (theta / self.n).to_degrees(),
            lat: lat.to_degrees(),
        };
        (ll.lon.is_finite() && ll.lat.is_finite()).then_some(ll)
    }
}
