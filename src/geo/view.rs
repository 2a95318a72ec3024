//! The view: the plane fitted into the canvas (CSS pixels) with padding, and back.

use crate::geo::coords::{Css, Plane, PlaneBox};

/// A uniform scale plus offset from plane metres to CSS pixels, north up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    /// CSS pixels per metre.
    pub scale: f64,
    /// CSS x of plane x = 0.
    pub tx: f64,
    /// CSS y of plane y = 0.
    pub ty: f64,
    /// Canvas width in CSS pixels.
    pub width: f64,
    /// Canvas height in CSS pixels.
    pub height: f64,
}

impl View {
    /// Fits `bounds` centred into a `width`×`height` canvas leaving `padding` px on each
    /// side. `None` if the canvas or the bounds have no usable size.
    pub fn fit(bounds: PlaneBox, width: f64, height: f64, padding: f64) -> Option<View> {
        let (w, h) = (width - 2.0 * padding, height - 2.0 * padding);
        let (bw, bh) = (bounds.width(), bounds.height());
        if !(w > 0.0 && h > 0.0 && bw > 0.0 && bh > 0.0 && w.is_finite() && h.is_finite()) {
            return None;
        }
        let scale = (w / bw).min(h / bh);
        let cx = (bounds.min.x + bounds.max.x) / 2.0;
        let cy = (bounds.min.y + bounds.max.y) / 2.0;
        Some(View {
            scale,
            tx: width / 2.0 - cx * scale,
            ty: height / 2.0 + cy * scale,
            width,
            height,
        })
    }

    /// Plane → CSS pixels.
    pub fn to_css(&self, p: Plane) -> Css {
        Css {
            x: p.x * self.scale + self.tx,
            y: self.ty - p.y * self.scale,
        }
    }

    /// CSS pixels → plane; `None` for non-finite input.
    pub fn to_plane(&self, c: Css) -> Option<Plane> {
        let p = Plane {
            x: (c.x - self.tx) / self.scale,
            y: (self.ty - c.y) / self.scale,
        };
        (p.x.is_finite() && p.y.is_finite()).then_some(p)
    }

    /// The canvas backing-store size in device pixels for a device-pixel ratio.
    pub fn device_size(&self, dpr: f64) -> (u32, u32) {
        let ratio = if dpr.is_finite() && dpr > 0.0 {
            dpr
        } else {
            1.0
        };
        let px = |v: f64| (v * ratio).round().clamp(1.0, 16_384.0) as u32;
        (px(self.width), px(self.height))
    }
}
